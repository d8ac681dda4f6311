"""The two sites the benchmark builds from one synthetic corpus.

- `ours`: a copy of this project's site (mkdocs.yml, docs/, overrides/, vocabularies) with the
  synthetic entries in place of the real ones; built exactly as `make site` builds it.
- `baseline`: bare Material for MkDocs with its `search` and `tags` plugins and the same Markdown
  extensions. Every entry is a plain page (its front matter plus `tags` from its topics), listed
  on one tags index page and not in the navigation. This is what the portal would be without our
  generator: the reference for "no slower than Material itself".
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from praxis.corpus import entry_files
from praxis.model import Vocabulary
from praxis.synthetic import copy_vocabularies, write_corpus
from praxis.vocabulary import load_vocabularies

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides")

BASELINE_CONFIG = """\
# Baseline for the benchmark: bare Material for MkDocs, search and tags, no navigation of entries.
site_name: Baseline
site_url: http://127.0.0.1:8000/
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: de
  font: false
plugins:
  - search:
      lang: de
  - tags
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - tables
  - def_list
  - toc:
      permalink: true
nav:
  - Start: index.md
  - Schlagwörter: tags.md
"""


def make_ours(
    target: Path,
    count: int,
    seed: int,
    today: dt.date | None = None,
    internal_share: float = 0.0,
) -> Path:
    """This project's site with `count` synthetic entries, `internal_share` of them internal
    (the public build leaves them out and audits its output for them); returns the folder."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    copy_vocabularies(REPO, target)
    write_corpus(target, count, seed, today, internal_share)
    return target


def make_baseline(ours: Path, target: Path) -> Path:
    """Bare Material over the same entries: each entry file becomes a docs page with tags."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text(
        "# Baseline\n\nAlle Einträge finden Sie über die [Schlagwörter](tags.md).\n",
        encoding="utf-8",
    )
    (docs / "tags.md").write_text("# Schlagwörter\n\n<!-- material/tags -->\n", encoding="utf-8")
    vocabularies, _ = load_vocabularies(ours)
    topics = vocabularies["topics"]
    for content_type, path in entry_files(ours):
        text = path.read_text(encoding="utf-8")
        head, front, body = text.split("---\n", 2)
        labels = next(
            (
                _topic_labels(topics, line)
                for line in front.splitlines()
                if line.startswith("topics:")
            ),
            [],
        )
        page = docs / content_type.url_path / path.name
        page.parent.mkdir(parents=True, exist_ok=True)
        tag_line = "tags: " + json.dumps(labels, ensure_ascii=False) + "\n"
        page.write_text(f"{head}---\n{tag_line}{front}---\n{body}", encoding="utf-8")
    return target


def _topic_labels(topics: Vocabulary, line: str) -> list[str]:
    """`topics: [a, b]` (as the generator writes it) → the terms' labels, as Material tags."""
    ids = [part.strip() for part in line.split("[", 1)[1].rstrip("] \n").split(",")]
    return [term.label if (term := topics.get(i)) else i for i in ids]
