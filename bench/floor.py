"""The bare YAML floor: read, split and `yaml.load(CSafeLoader)` every entry's front matter.

No validation, no line numbers, no typing: the least any front-matter checker in Python must do.
`praxis check` is measured against this, in a fresh process like this one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

FOLDERS = ("practices", "content/recommendations", "content/trainings")


def main(root: Path) -> int:
    count = 0
    for folder in FOLDERS:
        for path in sorted((root / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            _, front, _ = text.split("---\n", 2)
            yaml.load(front, Loader=yaml.CSafeLoader)
            count += 1
    print(f"{count} front matters parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
