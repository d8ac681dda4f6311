"""Read every entry once and validate it: the shared first step of `praxis check` and the build.

Parsing happens once per run; validation, page generation and exports all use the same
`Corpus`. Nothing here raises for bad content: every problem of every file is collected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .content_types import CONTENT_TYPES
from .editions import visible_in
from .frontmatter import parse
from .model import ContentType, Entry, Vocabulary
from .problems import Problem, sort_problems
from .rules import CORPUS_RULES, ENTRY_RULES
from .rules.body import Body, check_rendered
from .rules.fields import FieldChecker, missing_vocabulary
from .rules.files import IGNORED_NAMES, check_name, check_places, read_text
from .rules.regions import check_region_ids
from .rules.review import DEFAULT_REVIEW_MONTHS, check_expiry, check_review_age
from .schema import FIELDS
from .state_map import GEOMETRY, check_geometry
from .vocabulary import VOCABULARY_DIR, load_vocabularies


@dataclass
class Corpus:
    """All entries of a content root, with every problem found while reading them."""

    root: Path
    vocabularies: dict[str, Vocabulary]
    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def published(self) -> list[Entry]:
        return [e for e in self.entries if not e.draft]

    def for_edition(self, edition: str) -> Corpus:
        """The entries one edition shows (`editions.visible_in`), with every problem of all.

        The build makes every output of an edition from this view and from nothing else, so
        that an internal entry cannot reach the public site through one output that forgot
        to filter. Checking still runs over all entries (links across editions are errors).
        """
        shown = [e for e in self.entries if visible_in(e, edition)]
        return dataclasses.replace(self, entries=shown)


def entry_files(root: Path) -> list[tuple[ContentType, Path]]:
    """Every file in the entry folders, sorted; non-Markdown files are kept to be reported.

    Hidden files are skipped, except hidden Markdown files: those look like entries, and an
    entry must never vanish without a word (the file-name rule reports them).
    """
    found: list[tuple[ContentType, Path]] = []
    for content_type in CONTENT_TYPES:
        folder = root / content_type.folder
        if not folder.is_dir() or _linked(root, folder):
            continue  # a linked folder is reported by `linked_folders`
        for path in sorted(folder.iterdir()):
            if path.name in IGNORED_NAMES:
                continue
            if path.name.startswith(".") and not path.name.lower().endswith(".md"):
                continue
            found.append((content_type, path))
    return found


def _linked(root: Path, folder: Path) -> bool:
    """Whether the folder or one above it (inside the project) is a symbolic link."""
    current = folder
    while current != root and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def linked_folders(root: Path) -> list[Problem]:
    """Entry folders and the vocabulary folder must be real folders in the project: a link
    would publish, or read as a vocabulary, whatever lies where it points (even /etc)."""
    folders = [t.folder for t in CONTENT_TYPES] + [VOCABULARY_DIR]
    return [
        Problem(
            folder,
            1,
            "file-symlink",
            f"`{folder}/` ist ein symbolischer Link. Legen Sie den Ordner im Projekt an; "
            "verlinkte Inhalte werden nicht gelesen.",
        )
        for folder in folders
        if (root / folder).exists() and _linked(root, root / folder)
    ]


def content_type_of(root: Path, path: Path) -> ContentType | None:
    try:
        rel = path.resolve().parent.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    return next((t for t in CONTENT_TYPES if t.folder == rel), None)


def read_entry(
    root: Path, content_type: ContentType, path: Path, vocabularies: dict[str, Vocabulary]
) -> tuple[Entry | None, list[Problem]]:
    """Read, parse and type one entry file."""
    rel = path.relative_to(root).as_posix() if path.is_absolute() else path.as_posix()
    if path.is_dir() and not path.is_symlink():
        return None, [
            Problem(
                rel,
                1,
                "file-folder",
                "Unterordner werden nicht veröffentlicht. "
                f"Legen Sie Einträge direkt in `{content_type.folder}/` ab.",
            )
        ]
    problems = check_name(path, rel)
    text, found = read_text(path, rel)
    problems.extend(found)
    if text is None:
        return None, problems
    fm, found = parse(text, rel)
    # A control character YAML refuses is already named at its line by the character check.
    marked = {p.line for p in problems if p.rule == "file-characters"}
    problems.extend(p for p in found if not (p.rule == "yaml-syntax" and p.line in marked))
    if not fm.data and not fm.ok:
        return None, problems
    checker = FieldChecker(rel, content_type.key, fm.lines, vocabularies)
    typed = checker.check(fm.data)
    problems.extend(checker.problems)
    entry_id = path.name[:-3] if path.name.endswith(".md") else path.name
    entry = Entry(
        id=entry_id,
        type=content_type,
        path=rel,
        fields=typed,
        body=fm.body,
        body_line=fm.body_line,
        lines=fm.lines,
    )
    body = Body(fm.body, fm.body_line)
    body_problems = [p for rule in ENTRY_RULES for p in rule(entry, body)]
    if not any(p.is_error for p in body_problems):
        body_problems.extend(check_rendered(entry, body))
    problems.extend(body_problems)
    return entry, problems


class EntryCache:
    """Entries read by an earlier build of the same process (the preview), by file.

    A file whose size and modification time are unchanged, read against unchanged vocabulary
    files, gives the same entry and the same problems: it is not read again. At 1,000 entries
    a preview rebuild read and checked every entry again for about 1.5 s, for one edited file.
    The rules over all entries and the review dates still run on every build.
    """

    def __init__(self) -> None:
        self._found: dict[Path, tuple[tuple[int, int], tuple[Entry | None, list[Problem]]]] = {}
        self._vocabularies: tuple[tuple[str, int, int], ...] = ()

    def begin(self, root: Path) -> None:
        """A new build: forget everything if a vocabulary file changed."""
        folder = root / VOCABULARY_DIR
        stamps = tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.yml"))
        )
        if stamps != self._vocabularies:
            self._found.clear()
            self._vocabularies = stamps

    @property
    def vocabulary_stamps(self) -> tuple[tuple[str, int, int], ...]:
        """Name, time and size of each vocabulary file as of the last `begin`."""
        return self._vocabularies

    def read(
        self, root: Path, content_type: ContentType, path: Path, vocabularies: dict[str, Vocabulary]
    ) -> tuple[Entry | None, list[Problem]]:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return read_entry(root, content_type, path, vocabularies)
        cached = self._found.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        result = read_entry(root, content_type, path, vocabularies)
        self._found[path] = (stamp, result)
        return result


def load_corpus(
    root: Path,
    only: Iterable[Path | str] | None = None,
    review_months: int = DEFAULT_REVIEW_MONTHS,
    today: dt.date | None = None,
    workers: int = 1,
    problems_only: bool = False,
    cache: EntryCache | None = None,
) -> Corpus:
    """Read all entries under `root`. With `only` (files or folders), report just the problems
    of what lies there: everything the full check would report for it, nothing else.

    With `workers` > 1, large corpora are read by that many processes (see `read_entries`).
    `problems_only=True` is for checking: entries then keep only what the rules over all
    entries need, not their text (workers send back less). With a `cache`, files unchanged
    since an earlier call with it are not read again.
    """
    root = root.resolve()
    vocabularies, problems = load_vocabularies(root)
    today = today or dt.date.today()
    entries: list[Entry] = []
    files = entry_files(root)
    with _collector_paused():
        if cache is not None:  # the preview: one process, most files unchanged
            cache.begin(root)
            results = [cache.read(root, t, p, vocabularies) for t, p in files]
        else:
            results = read_entries(root, files, vocabularies, workers, problems_only)
    unreadable: dict[str, str] = {}
    for (content_type, path), (entry, found) in zip(files, results, strict=True):
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
            problems.extend(check_review_age(entry, today, review_months))
            problems.extend(check_expiry(entry, today))
        elif path.name.endswith(".md"):
            unreadable[path.name[:-3]] = content_type.key
    for rule in CORPUS_RULES:
        problems.extend(rule(entries, unreadable))
    problems.extend(linked_folders(root))
    folders = [t.folder for t in CONTENT_TYPES]
    problems.extend(check_places(root, folders, VOCABULARY_DIR, frozenset({GEOMETRY.as_posix()})))
    states = vocabularies.get("states")
    if states is not None:
        problems.extend(check_geometry(root, [term.id for term in states.terms]))
    problems.extend(check_region_ids(entries, vocabularies))
    problems = _without_follow_ups(root, vocabularies, problems)
    files_read = len(files)
    if only is not None:
        selection = [p if isinstance(p, str) else _relative(root, p) for p in only]
        selection = ["" if s == "." else s for s in selection]
        # A broken vocabulary is reported with any selection: no entry can be checked without it.
        selection.append(VOCABULARY_DIR)
        problems = [p for p in problems if in_selection(p.path, selection)]
        files_read = sum(1 for _, path in files if in_selection(_relative(root, path), selection))
    return Corpus(root, vocabularies, entries, sort_problems(problems), files_read)


def _without_follow_ups(
    root: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> list[Problem]:
    """A vocabulary file with errors is reported at its own lines; every entry using it would
    otherwise add "Das Vokabular … fehlt" for each field (36 such lines for one typo in
    topics.yml on the example content), hiding the one line that matters."""
    folder = root / VOCABULARY_DIR
    broken = {p.stem for p in folder.glob("*.yml")} - set(vocabularies)
    follow_ups = {missing_vocabulary(name) for name in broken}
    return [p for p in problems if not (p.rule == "vocabulary-missing" and p.message in follow_ups)]


def in_selection(path: str, selection: Iterable[str]) -> bool:
    """Whether a problem's path is one of the selected files or lies in a selected folder."""
    return any(not s or path == s or path.startswith(s + "/") for s in selection)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while entries are read.

    Reading allocates hundreds of thousands of small containers and frees none, so the
    collector would rescan them again and again for nothing (measured: 7 % of a 5,000-entry
    check). Entries hold no reference cycles; collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Below this many files a process pool costs more than it saves (measured: ~40 ms to start).
PARALLEL_MIN_FILES = 400
_SHARED: dict[str, object] = {}


def read_entries(
    root: Path,
    files: list[tuple[ContentType, Path]],
    vocabularies: dict[str, Vocabulary],
    workers: int = 1,
    problems_only: bool = False,
) -> list[tuple[Entry | None, list[Problem]]]:
    """Read every file, in order. Each file is independent, so large corpora are split over
    `workers` forked processes; results come back in the original order. With
    `problems_only`, entries are slimmed to what corpus rules read."""
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES or not _can_fork():
        results = [read_entry(root, t, p, vocabularies) for t, p in files]
        return _slimmed_results(results) if problems_only else results
    from .pools import forked_pool  # here: small corpora, the usual case, never start a pool

    _SHARED.update(root=root, files=files, vocabularies=vocabularies, problems_only=problems_only)
    size = -(-len(files) // (workers * 4))  # a few chunks per worker evens out slow files
    chunks = [range(i, min(i + size, len(files))) for i in range(0, len(files), size)]
    try:
        with forked_pool(workers) as pool:
            parts = pool.map(_read_chunk, [(c.start, c.stop) for c in chunks])
    finally:
        _SHARED.clear()
    return [result for part in parts for result in part]


def _read_chunk(bounds: tuple[int, int]) -> list[tuple[Entry | None, list[Problem]]]:
    root, files, vocabularies = _SHARED["root"], _SHARED["files"], _SHARED["vocabularies"]
    results = [read_entry(root, t, p, vocabularies) for t, p in files[bounds[0] : bounds[1]]]  # type: ignore[index, arg-type]
    return _slimmed_results(results) if _SHARED.get("problems_only") else results


def _slimmed_results(
    results: list[tuple[Entry | None, list[Problem]]],
) -> list[tuple[Entry | None, list[Problem]]]:
    return [(_slimmed(e) if e is not None else None, found) for e, found in results]


# The fields (and their lines) that the rules run after reading still look at: the rules over
# all entries (`rules/corpus.py`) and the review-date check. A check (`problems_only`) keeps only
# these, in one process as in many, so a rule that needs more fails in small tests too;
# `test_parallel_check` compares the problems of both ways of reading.
# `municipality` for the spelling check, and every field naming another entry (`refers_to`).
_CORPUS_RULE_KEYS = frozenset(
    {"related", "reviewed", "published", "draft", "municipality", "visibility", "valid_until"}
    | {f.name for f in FIELDS if f.refers_to or any(c.refers_to for c in f.children)}
)


def _slimmed(entry: Entry) -> Entry:
    """A slim copy to send between processes when nothing will render the entry (a quarter of
    the pickled size, which the parent would otherwise unpickle alone)."""
    fields = {k: v for k, v in entry.fields.items() if k in _CORPUS_RULE_KEYS}
    lines = {k: v for k, v in entry.lines.items() if k[0] in _CORPUS_RULE_KEYS}
    return dataclasses.replace(entry, body="", fields=fields, lines=lines)


def _can_fork() -> bool:
    return hasattr(os, "fork")


WORKERS_VARIABLE = "PRAXIS_WORKERS"


def default_workers() -> int:
    """One worker per core this process may use (at most 8), or `PRAXIS_WORKERS` when set.

    The variable lets benchmarks on bigger CI runners measure with the two workers of the
    reference machine; values that are not a positive whole number are ignored.
    """
    configured = os.environ.get(WORKERS_VARIABLE, "").strip()
    if configured.isdigit() and int(configured) > 0:
        return min(int(configured), 8)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(usable or 1, 8))


def _relative(root: Path, path: Path) -> str:
    for candidate in (Path(os.path.normpath(path.absolute())), path.resolve()):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return path.as_posix()
