"""The only code that reads content/: YAML with a line mark for every value, and safety bounds.

PyYAML composes the node graph (in C when libyaml is present), then `_Converter` turns nodes
into plain values itself instead of PyYAML's constructor, so that:
- every value keeps its `line:col`, for locating model errors;
- duplicate keys, object-building tags and YAML 1.1 surprises (`no` as false, `1:20` as a
  number, `2025-13-45` as a crash in the timestamp resolver) never reach the model: scalars
  stay strings, except `true`/`false` and null;
- aliases are expanded under a budget and nesting is bounded, so an alias bomb stops early.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict, cast

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from site_gen.dates import type_name
from site_gen.errors import Problem, display_path
from site_gen.files import FileError, TooLarge, kind_message, read_bounded
from site_gen.lookalike import INVISIBLE, SELECTORS
from site_gen.markup import slug
from site_gen.model import (
    FOLDERS,
    ID_RE,
    KINDS,
    Actor,
    Event,
    Explainer,
    Glossary,
    Issue,
    Source,
    _one_line,
)
from site_gen.published import content_file_problems
from site_gen.quotes import SourceText

MAX_FILE_BYTES = 1_000_000
"""A fact file is a few kilobytes; anything over this is a mistake (or an attack)."""
MAX_VALUES = 100_000
"""Values one file may expand to, counting every alias expansion (an alias bomb hits this)."""
MAX_DEPTH = 32
"""Nesting depth of mappings and lists; fact files need about 6."""

_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_YAML + t for t in ("str", "int", "float", "timestamp", "merge", "value")}
_KNOWN_KINDS = ", ".join(f"{folder}/" for folder in FOLDERS.values())
_TOO_DEEP = f"values are nested more than {MAX_DEPTH} levels deep"

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """Where a value starts in its file (1-based), and how its text is written."""

    line: int
    col: int
    style: str | None = None
    """The scalar style: None (plain), `'`, `"`, `|` or `>`."""


@dataclass
class Document:
    """One YAML file as plain data, with the mark of every value and every key."""

    path: Path
    display: str
    data: Any = None
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """The mark of the value (or key) at `loc`, or of its nearest located parent."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.marks:
            loc = loc[:-1]
        return self.marks[loc]

    def problem(self, loc: Loc, message: str, *, key: bool = False, text: str = "") -> Problem:
        """A problem at the value (or key) at `loc`; with `text`, at that text inside the value."""
        mark = self.mark(loc, key=key)
        if text:
            # Block scalars fold and indent, so find the text in the file rather than compute it.
            for i, line in enumerate(self.lines[mark.line - 1 :], start=mark.line):
                col = line.find(text, mark.col - 1 if i == mark.line else 0)
                if col >= 0:
                    return Problem(self.display, i, col + 1, message)
        return Problem(self.display, mark.line, mark.col, message)


class Facts(TypedDict):
    """The facts that loaded, by kind (as in `KINDS`) and id; the explainer's id is `explainer`."""

    explainer: dict[str, Explainer]
    actor: dict[str, Actor]
    issue: dict[str, Issue]
    event: dict[str, Event]
    source: dict[str, Source]


def _no_facts() -> Facts:
    return Facts(explainer={}, actor={}, issue={}, event={}, source={})


@dataclass
class Loaded:
    """What `load_content` read: validated facts by kind and id, their documents, and problems."""

    root: Path
    facts: Facts = field(default_factory=_no_facts)
    ids: dict[str, set[str]] = field(default_factory=dict)
    """Every id with a file, loaded or not: a reference to a broken file is not unknown."""
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """What reading found doubtful but not wrong (see `check.warnings` for the rest)."""
    texts: dict[str, SourceText] = field(default_factory=dict)
    """The sources' own texts (`sources/<id>.txt`) that read without a problem, by id."""

    def document(self, kind: str, id: str) -> Document:
        return self.documents[(kind, id)]


@dataclass(frozen=True)
class _FileFacts:
    """What one file gave: its document, its validated fact (or glossary) and its problems."""

    stamp: tuple[int, int, int]
    doc: Document | None
    fact: BaseModel | None
    glossary: dict[str, str]
    problems: list[Problem]
    draft: bool = False
    """A file as `site-gen new` wrote it, not filled in yet: left out of the site."""


@dataclass(frozen=True)
class _TextFile:
    """What a source's text file (`sources/<id>.txt`) gave: the text, or its problems."""

    stamp: tuple[int, int, int]
    text: SourceText | None
    problems: list[Problem]


FileCache = dict[str, _FileFacts | _TextFile]
"""Files already read, by path; an entry is used again while the file's size, modification
time and inode are unchanged (the live preview reads only the file that was saved)."""


def load_content(root: Path, cache: FileCache | None = None) -> Loaded:
    """Read every fact file under `root`; never raises for a content mistake."""
    loaded = Loaded(root=root, ids={k: set() for k in KINDS})
    explainer = root / "explainer.yml"
    # A link or a pipe in its place is not missing: content_links says what it is.
    if not os.path.lexists(explainer) or explainer.is_dir():
        loaded.problems.append(
            Problem(
                display_path(explainer),
                1,
                1,
                "missing file: every explainer needs explainer.yml with title, lede and as_of",
            )
        )
    entries = _entries(root)  # one walk of the folder serves every check below
    files = list(_regular_files(entries))
    loaded.problems += content_links(root, entries)
    loaded.problems += content_file_problems(root, files)
    seen = set()
    for path, kind in _fact_files(files, loaded.problems):
        id = "explainer" if kind == "explainer" else os.path.basename(path).removesuffix(".yml")
        seen.add(path)
        got = _read_facts(path, kind, cache)
        if kind in loaded.ids and not got.draft:
            loaded.ids[kind].add(id)
        loaded.problems += [p for p in got.problems if not p.warning]
        loaded.warnings += [p for p in got.problems if p.warning]
        loaded.glossary.update(got.glossary)
        if got.doc is None or kind == "glossary":
            continue
        loaded.documents[(kind, id)] = got.doc
        if got.fact is not None:  # validated with KINDS[kind], so of the kind of its table
            cast("dict[str, dict[str, BaseModel]]", loaded.facts)[kind][id] = got.fact
    for path, id in _text_files(root, loaded.problems):
        seen.add(path)
        text = _read_text(path, cache)
        loaded.problems += text.problems
        if text.text is not None:
            loaded.texts[id] = text.text
    if cache is not None:
        for gone in cache.keys() - seen:
            del cache[gone]
    return loaded


def read_explainer(root: Path) -> Explainer | None:
    """The explainer's own settings (title, description, language) from `root/explainer.yml`,
    or None while that file is missing or has a problem (the full check reports it)."""
    doc, problems = read_yaml(root / "explainer.yml")
    if doc is None or any(not p.warning for p in problems):
        return None
    fact = _validate(doc, Explainer, problems)
    return fact if isinstance(fact, Explainer) else None


def _stamp(name: str) -> tuple[int, int, int]:
    try:
        st = os.stat(name)
    except OSError:
        return (0, -1, 0)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _read_facts(name: str, kind: str, cache: FileCache | None) -> _FileFacts:
    stamp = _stamp(name)
    hit = cache.get(name) if cache is not None else None
    if isinstance(hit, _FileFacts) and hit.stamp == stamp:
        return hit
    path = Path(name)
    doc, problems = read_yaml(path)
    if doc is not None:
        problems += text_problems(doc, Glossary if kind == "glossary" else KINDS[kind])
    fact, glossary = None, {}
    if doc is not None and (draft := _draft_warning(doc, kind)):
        got = _FileFacts(stamp, None, None, {}, [draft], draft=True)
        if cache is not None:
            cache[name] = got
        return got
    if doc is not None and kind == "glossary":
        glossary = _validate_glossary(doc, problems)
    elif doc is not None:
        fact = _validate(doc, KINDS[kind], problems)
        if fact is not None and kind != "explainer":
            fact = fact.model_copy(update={"id": path.stem})
    got = _FileFacts(stamp, doc, fact, glossary, problems)
    if cache is not None:
        cache[name] = got
    return got


def _text_files(root: Path, problems: list[Problem]) -> Iterator[tuple[str, str]]:
    """The sources' text files, `sources/<id>.txt` (regular files only: `content_links`
    reports the others), each as its path and the id of its source, in order."""
    try:
        with os.scandir(root / "sources") as listing:
            entries = sorted(
                (e for e in listing if e.is_file(follow_symlinks=False)), key=lambda e: e.name
            )
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.lower().endswith(".txt"):
            continue
        stem = entry.name[: -len(".txt")]
        if entry.name.endswith(".txt") and ID_RE.match(stem):
            yield entry.path, stem
            continue
        path = Path(entry.path)
        problems.append(
            Problem(
                display_path(path),
                1,
                1,
                (
                    f"bad file name '{entry.name}': a source's text is named after its source, "
                    f"sources/<id>.txt{_rename_hint(path, slug(stem) + '.txt')}"
                ),
            )
        )


def _read_text(name: str, cache: FileCache | None) -> _TextFile:
    """A source's text file: UTF-8, at most 1 MB, none of the characters no fact may hold."""
    stamp = _stamp(name)
    hit = cache.get(name) if cache is not None else None
    if isinstance(hit, _TextFile) and hit.stamp == stamp:
        return hit
    path = Path(name)
    where = display_path(path)
    text, problem = None, None
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except TooLarge as e:
        problem = Problem(
            where,
            1,
            1,
            (
                f"file is {e.size / 1_000_000:.1f} MB, over the "
                f"{MAX_FILE_BYTES // 1_000_000} MB limit for a source's text; keep the part "
                "of the source that the facts quote"
            ),
        )
    except FileError as e:
        problem = e.problem
    else:
        text, problem = _decoded(raw, where)
    if text is not None and problem is None:
        if found := _BAD_CHARACTER.search(text):
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            problem = Problem(where, line, col, _character_message(found[0]))
        elif not text.strip():
            problem = Problem(
                where,
                1,
                1,
                (
                    "file is empty: a source's text holds the words its quotes are checked "
                    "against; paste the source's text in, or delete the file"
                ),
            )
    got = _TextFile(
        stamp, SourceText(text) if text and problem is None else None, [problem] if problem else []
    )
    if cache is not None:
        cache[name] = got
    return got


def _decoded(raw: bytes, where: str) -> tuple[str | None, Problem | None]:
    """The text of a file's bytes (UTF-8, a byte order mark dropped), or where it is not
    UTF-8."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        if _reads_as_windows_text(raw):
            message = "this file is saved in a Windows encoding (cp1252?): save it as UTF-8"
        else:
            message = "this file is not saved as UTF-8 text: save it as UTF-8"
        return None, Problem(where, line, col, message)


def _reads_as_windows_text(raw: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as text in cp1252, the encoding Windows editors
    save in (curly quotes as 0x91-0x94, é as 0xe9): no byte cp1252 leaves undefined, and no
    control character but tab and line breaks (which a binary file, a PNG, has)."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


_DRAFT_KEYS = {"actor": "name", "issue": "title", "event": "title", "source": "title"}
"""The key that `site-gen new` leaves empty: while it is, the file is a draft."""


def _draft_warning(doc: Document, kind: str) -> Problem | None:
    """A warning that the file is left out of the site until its first key is filled in, for
    a file still as `site-gen new` wrote it; None for any other file."""
    key = _DRAFT_KEYS.get(kind)
    if key is None or not isinstance(doc.data, dict) or doc.data.get(key, None) != "":
        return None
    problem = doc.problem(
        (key,),
        f"not filled in yet, so left out of the site: give '{key}' a value to include it, "
        "or delete the file",
    )
    return dataclasses.replace(problem, warning=True)


def _fact_files(
    files: list[tuple[str, tuple[str, ...]]], problems: list[Problem]
) -> Iterator[tuple[str, str]]:
    """Every YAML file of `files` (the content folder's, see `_regular_files`; its path, as a
    string: a save looks up thousands) with its kind, in a stable order; misplaced files are
    problems."""
    kinds = {folder: kind for kind, folder in FOLDERS.items()}
    for name, rel in files:
        if not rel[-1].endswith((".yml", ".yaml")):
            continue
        if any(part.startswith(".") for part in rel):
            continue
        stem = rel[-1].rsplit(".", 1)[0]
        if len(rel) == 2 and rel[0] in kinds and ID_RE.match(stem) and rel[-1].endswith(".yml"):
            yield name, kinds[rel[0]]  # the common case, before any Path is made
            continue
        path = Path(name)
        if path.suffix == ".yaml":
            problems.append(Problem(display_path(path), 1, 1, _yaml_suffix_message(path)))
            continue
        if len(rel) == 1:
            if path.name in ("explainer.yml", "glossary.yml"):
                yield name, path.stem
            else:
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        (
                            f"unknown fact file '{path.name}': only explainer.yml and glossary.yml live "
                            f"at the top; actors, issues, events and sources go in {_KNOWN_KINDS}"
                        ),
                    )
                )
            continue
        folder = rel[0]
        if folder not in kinds or len(rel) > 2:
            hint = did_you_mean(folder, kinds)
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    (
                        f"unknown folder '{'/'.join(rel[:-1])}'{hint}: fact files go directly "
                        f"in {_KNOWN_KINDS}"
                    ),
                )
            )
            continue
        if not ID_RE.match(path.stem):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    (
                        f"bad file name '{path.name}': the name is the id, made of lowercase letters, "
                        f"digits and single hyphens{_rename_hint(path, slug(path.stem) + '.yml')}"
                    ),
                )
            )
            continue
        yield name, kinds[folder]


Entries = list[tuple[tuple[str, ...], os.DirEntry[str]]]
"""A walk of a folder: every entry but the folders, with its path's parts, in path order."""


def _entries(root: Path) -> Entries:
    """Every entry under `root` but the folders, in the order of their paths, with its path
    relative to `root` as parts. Follows no link, so it ends; one `scandir` per folder (the
    entries' types come with the listing: a folder of 10,000 events costs no stat each)."""
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    found = []
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            parts = (*rel, entry.name)
            if entry.is_dir(follow_symlinks=False):
                stack.append((folder / entry.name, parts))
            else:
                found.append((parts, entry))
    found.sort(key=lambda item: item[0])
    return found


def _regular_files(entries: Entries) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The regular files of a walk (no link, pipe or device: see `content_links`), each as its
    path and its path's parts relative to the folder walked."""
    for rel, entry in entries:
        if entry.is_file(follow_symlinks=False):
            yield entry.path, rel


def content_links(root: Path, entries: Entries | None = None) -> list[Problem]:
    """Every symbolic link and special file (a FIFO, a device) under `root`, as a problem.

    MkDocs publishes what `content/` holds and follows links to do so: a link to /etc/passwd or
    /proc/self/environ would publish that file, and a link to a parent folder loops. So the
    folder must hold only folders and regular files. The walk follows no link, so it ends;
    `entries` is one already made of `root` (`load_content` walks once for every check).
    """
    problems = []
    for _, entry in _entries(root) if entries is None else entries:
        if entry.is_file(follow_symlinks=False):
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:  # pragma: no cover - gone since the listing
            continue
        path = Path(entry.path)
        problems.append(Problem(display_path(path), 1, 1, kind_message(path, mode)))
    return problems


def _yaml_suffix_message(path: Path) -> str:
    """Fact files end in .yml: say to rename, unless that name is taken (never advise an
    overwrite)."""
    target = path.with_suffix(".yml")
    if target.exists():
        return (
            f"not read: fact files end in .yml, and '{target.name}' already exists beside it; "
            f"move what this file holds into '{target.name}', then delete this one"
        )
    return f"rename to '{target.name}': fact files end in .yml"


def _rename_hint(path: Path, name: str) -> str:
    """`, e.g. 'x.yml'` as a new name for `path`, or a warning when that file exists."""
    if (path.parent / name).exists():
        return f"; '{name}' already exists, so merge this file into it or choose another name"
    return f", e.g. '{name}'"


def read_yaml(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one file into a `Document`; on any problem return None or a partial document."""
    where = display_path(path)
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)  # a pipe, a device or a link is not opened
    except TooLarge as e:
        return None, [
            Problem(
                where,
                1,
                1,
                (
                    f"file is {e.size / 1_000_000:.1f} MB, over the "
                    f"{MAX_FILE_BYTES // 1_000_000} MB limit for a fact file; "
                    "split it or cite the long text as a source"
                ),
            )
        ]
    except FileError as e:
        return None, [e.problem]
    text, problem = _decoded(raw, where)
    if text is None:
        return None, [problem] if problem else []
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(where, e, text)]
    except yaml.reader.ReaderError as e:
        # libyaml gives a byte offset and PyYAML a character index: find the character here.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        position = found.start() if found else min(e.position, len(text) - 1)
        line = text[:position].count("\n") + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        message = f"character U+{ord(text[position]):04X} is not allowed in YAML"
        return None, [Problem(where, line, col, message)]
    except RecursionError:  # PyYAML's pure-Python composer recurses once per nesting level
        return None, [_nesting_problem(where, text)]
    except yaml.YAMLError as e:  # pragma: no cover - every PyYAML error we know is marked
        return None, [Problem(where, 1, 1, f"invalid YAML: {e}")]
    if node is None:
        empty = "the file is empty" if not text.strip() else "the file has only comments"
        message = f"{empty}: it should hold keys and values such as {_first_key_example(path)}"
        return None, [Problem(where, 1, 1, message)]
    if not isinstance(node, yaml.MappingNode):
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        message = (
            f"the file holds {shape}: it should hold keys and values, one per line, such as "
            f"{_first_key_example(path)}"
        )
        return None, [Problem(where, line, col, message)]
    doc = Document(path=path, display=where, lines=text.splitlines())
    converter = _Converter(doc)
    doc.data = converter.convert(node, (), 0)
    if converter.fatal:
        return None, converter.problems
    return doc, converter.problems


def _first_key_example(path: Path) -> str:
    """The first line of a fact file of `path`'s kind, as an example: `name: Jane Doe` for an
    actor, a term for the glossary, a title for the rest."""
    if path.name == "glossary.yml":
        return 'Ceasefire: "A halt to the fighting that both sides agree to."'
    if path.parent.name == "actors":
        return _EXAMPLES["name"]
    return _EXAMPLES["title"]


def _syntax_problem(where: str, e: yaml.MarkedYAMLError, text: str) -> Problem:
    """A parser error in the editor's words: the common mistakes get a plain hint at the place
    to fix (the opening quote, the key, the tab), the rest the parser's own message."""
    mark = e.problem_mark or e.context_mark
    problem = e.problem or e.context or "invalid YAML"
    if mark is None:  # pragma: no cover - PyYAML marks every syntax error it raises
        return Problem(where, 1, 1, f"invalid YAML: {problem}")
    lines = text.splitlines()
    line, col = mark.line + 1, mark.column + 1
    for hint in (_tab_hint, _unclosed_quote_hint, _colon_hint, _after_quote_hint):
        if found := hint(lines, line, col, problem):
            at_line, at_col, message = found
            return Problem(where, at_line, at_col, message)
    message = f"invalid YAML: {_plain_yaml(problem)}"
    if problem == "but found another document":
        message = (
            "invalid YAML: a second document starts here; a fact file holds one set of keys and "
            "values, so remove the '---' or move what follows to a file of its own"
        )
    elif e.context and e.problem and e.context_mark:
        message += f" ({_plain_yaml(e.context)} at line {e.context_mark.line + 1})"
    return Problem(where, line, col, message)


_PLAIN_YAML = {
    "while parsing a flow sequence": "in the list in brackets that opens",
    "while parsing a flow mapping": "in the braces that open",
    "while parsing a block mapping": "in the keys that start",
    "while parsing a block collection": "in the list that starts",
    "while parsing a block node": "in the value that starts",
    "while parsing a flow node": "in the value that starts",
    "while scanning a simple key": "in the key that starts",
    "while scanning a quoted scalar": "in the quoted value that opens",
    "while scanning a block scalar": "in the block of text that starts",
    "while scanning a plain scalar": "in the value that starts",
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a key",
    "<block sequence start>": "a list item",
    "<block entry>": "a list item",
    "<scalar>": "a value",
    "mapping values": "a colon and a space (': ')",
    "'-' indicator": "'- ' of a list item",
}
"""PyYAML's words for what it was reading, in an editor's: a flow sequence is a list in
brackets, a scalar a value."""
_PLAIN_YAML_WORDS = re.compile("'?(" + "|".join(map(re.escape, _PLAIN_YAML)) + ")'?")


def _plain_yaml(text: str) -> str:
    return _PLAIN_YAML_WORDS.sub(lambda m: _PLAIN_YAML[m[1]], text)


Hint = tuple[int, int, str] | None
"""Where to fix a YAML mistake (line, col) and what to tell the editor, or None."""

_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[^\s:#'\"\[{-][^:#]*?):(?:[ \t]+|$)"
)
"""`key: value` (or `- key: value`), with the value starting after the match."""
_CLOSING_TYPOGRAPHIC = "”“’‘»«"


def _line(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _tab_hint(lines: list[str], line: int, col: int, problem: str) -> Hint:
    """A tab in the indentation: YAML indents with spaces only."""
    text = _line(lines, line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if "\t" not in indent and "tab character" not in problem:
        return None
    at = indent.find("\t") if "\t" in indent else col - 1
    return (
        line,
        at + 1,
        "a tab character indents this line, and YAML indents with spaces only: "
        "replace the tab with spaces",
    )


def _unclosed_quote_hint(lines: list[str], line: int, col: int, problem: str) -> Hint:
    """A value opened with a quote that its line never closes (a curly or other closing quote
    does not count): the cause of most errors found further down."""
    last = min(line, len(lines))
    for number in range(1, last + 1):
        text = _line(lines, number)
        key = _KEY_LINE.match(text)
        start = key.end() if key else len(text) - len(text.lstrip(" -"))
        value = text[start:].rstrip()
        if not value or value[0] not in "\"'" or _closes(value, value[0]):
            continue
        q = value[0]
        if any(
            _line(lines, n).rstrip().endswith(q) and not _KEY_LINE.match(_line(lines, n))
            for n in range(number + 1, last + 1)
        ):
            continue  # a quoted value over several lines, closed further down
        name = f"the value of '{key.group('key').strip()}'" if key else "this value"
        end = value[-1]
        if end in _CLOSING_TYPOGRAPHIC and len(value) > 1:
            message = (
                f"{name} opens with {q} and ends with {end}, a typographic quote, which YAML does "
                f"not read as closing it: end it with {q} as well"
            )
        elif end in "\"'" and end != q and len(value) > 1:
            message = f"{name} opens with {q} and ends with {end}: use the same quote at both ends"
        else:
            message = f"{name} opens with {q} and the quote is never closed: end the value with {q}"
        return number, start + 1, message
    return None


def _closes(value: str, q: str) -> bool:
    """Whether the quoted `value` (starting with `q`) ends its quote on the same line."""
    i = 1
    while i < len(value):
        c = value[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and value[i + 1 : i + 2] == "'":
                i += 2  # '' is a quote inside '...'
                continue
            return True
        i += 1
    return False


def _colon_hint(lines: list[str], line: int, col: int, problem: str) -> Hint:
    """`mapping values are not allowed`: a colon inside a plain value, or a key indented
    further than the key above it (so YAML read it as more of that key's value)."""
    if not problem.startswith("mapping values are not allowed"):
        return None
    text = _line(lines, line)
    key = _KEY_LINE.match(text)
    if key and col - 1 >= key.end() - 1 and text[key.end() : key.end() + 1] not in ("'", '"'):
        name = key.group("key").strip()
        value = text[key.end() :].split(" #")[0].rstrip()
        return (
            line,
            col,
            f"the value of '{name}' holds ': ', which YAML reads as the start of a key: put the "
            f"whole value in quotes: {name}: {_quoted(value)}",
        )
    here = re.match(r"^([ \t]*)(?:-[ \t]+)?([^\s:#][^:#]*?):", text)
    if not here:
        return None
    indent = len(here.group(1))
    for above in range(line - 1, 0, -1):
        prev = _line(lines, above)
        if not prev.strip() or prev.lstrip().startswith("#"):
            continue
        prev_key = _KEY_LINE.match(prev)
        prev_indent = len(prev) - len(prev.lstrip(" "))
        if prev.lstrip().startswith("- "):
            prev_indent += 2
        if prev_key and indent > prev_indent:
            name, prev_name = here.group(2).strip(), prev_key.group("key").strip()
            return (
                line,
                indent + 1,
                f"'{name}' is indented more than '{prev_name}' on line {above}, so YAML reads it "
                f"as part of the value of '{prev_name}': start it in the same column as "
                f"'{prev_name}'",
            )
        return None
    return None


def _after_quote_hint(lines: list[str], line: int, col: int, problem: str) -> Hint:
    """Text after a closing quote: `title: "a very" bad deal`."""
    text = _line(lines, line)
    key = _KEY_LINE.match(text)
    if not key or not problem.startswith(("did not find expected", "expected <block end>")):
        return None
    value = text[key.end() :].rstrip()
    if not value or value[0] not in "\"'" or not _closes(value, value[0]):
        return None
    name = key.group("key").strip()
    return (
        line,
        key.end() + 1,
        f"text follows the closing quote of '{name}': to keep quotation marks inside a value, "
        f"quote the whole value with the other kind: {name}: {_quoted(value)}",
    )


def _quoted(value: str) -> str:
    """`value` as a YAML quoted scalar: in double quotes unless it holds some."""
    if '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    return "'" + value.replace("'", "''") + "'"


def _nesting_problem(where: str, text: str) -> Problem:
    """Where the values nest too deep, found with PyYAML's parser, which does not recurse."""
    depth = 0
    for event in yaml.parse(text, Loader=_Composer):
        if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH and event.start_mark:
            mark = event.start_mark
            return Problem(where, mark.line + 1, mark.column + 1, _TOO_DEEP)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return Problem(where, 1, 1, _TOO_DEEP)  # pragma: no cover - the parser found the depth


class _Converter:
    """Turns a composed node graph into plain values, recording marks and problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.fatal = False
        self.values = 0
        self.nodes: set[int] = set()
        self.aliased = False
        """Whether a node was met twice: the file uses aliases."""
        self.open: list[yaml.Node] = []
        """The collections being converted, outermost first: an alias to one is recursive."""

    def _fail(self, node: yaml.Node, message: str) -> None:
        self.fatal = True
        self.problems.append(
            Problem(self.doc.display, node.start_mark.line + 1, node.start_mark.column + 1, message)
        )

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if self.fatal:
            return None
        self.values += 1
        self.aliased = self.aliased or id(node) in self.nodes
        self.nodes.add(id(node))
        if self.values > MAX_VALUES:
            self._fail(
                node,
                (
                    f"file expands to more than {MAX_VALUES:,} values: each YAML alias (*name) "
                    "repeats the value it names; write the values out instead of aliasing them"
                    if self.aliased
                    else f"file holds more than {MAX_VALUES:,} values, where a fact file needs "
                    "dozens; split it into several files"
                ),
            )
            return None
        if depth > MAX_DEPTH:
            self._fail(node, _TOO_DEEP)
            return None
        mark = node.start_mark
        # `or None`: libyaml gives a plain scalar the style '', PyYAML None.
        style = getattr(node, "style", None) or None
        self.doc.marks.setdefault(loc, Mark(mark.line + 1, mark.column + 1, style))
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
            quotes = _typographic_quotes(value, _field_name(loc)) if style is None else None
            if quotes:
                self.problems.append(
                    Problem(self.doc.display, mark.line + 1, mark.column + 1, quotes, True)
                )
            return value
        if any(node is parent for parent in self.open):
            self._fail(
                node,
                (
                    "recursive alias: this value contains an alias to itself; "
                    "write the values out instead of aliasing them"
                ),
            )
            return None
        self.open.append(node)
        result = self._collection(node, loc, depth)
        self.open.pop()
        return result

    def _collection(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self.convert(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        self._check_tag(node, "map")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be plain text, not a list or keys and values")
                return None
            key = key_node.value
            key_mark = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.doc.key_marks[(*loc, key)]
                self.problems.append(
                    Problem(
                        self.doc.display,
                        key_mark.line,
                        key_mark.col,
                        (
                            f"duplicate key '{key}' (first set on line {first.line}); "
                            "YAML would silently keep only the last one"
                        ),
                    )
                )
                continue
            self.doc.key_marks[(*loc, key)] = key_mark
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
        return result

    def _check_tag(self, node: yaml.Node, kind: str) -> None:
        if node.tag != _YAML + kind:
            self._fail(node, _tag_message(node.tag))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _YAML + "null":
            return value if node.style else None  # plain: '' from libyaml, None from PyYAML
        if tag == _YAML + "bool":
            # YAML 1.1 also reads yes/no/on/off as booleans; here they stay text.
            return {"true": True, "false": False}.get(value.lower(), value)
        if tag not in _PLAIN_TAGS:
            self._fail(node, _tag_message(tag))
            return None
        return value


_BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(p) + chr(p + 1) for p in range(0x1FFFE, 0x110000, 0x10000))
    + "]"
)
"""What no value may hold, however YAML spelled it: C0 and C1 controls (but tab and line feed),
lone surrogates, and noncharacters."""
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_ONE_LINE_ONLY = re.compile(f"[\t{_BIDI_CONTROLS}]|{INVISIBLE.pattern}")
"""What a one-line field may not hold besides: tabs; the bidirectional embeddings, overrides
and isolates, which would reorder the rest of a line where the text is shown (a name in a list,
a title in a table); and invisible characters (`lookalike.INVISIBLE`), with which a name reads
the same as another and is not. Markdown fields and quotes keep them: their text is a block of
its own."""


def text_problems(doc: Document, model: type[BaseModel]) -> list[Problem]:
    """Every key and text value of the document, checked after YAML has read its escapes
    (`"\\e"`, `"\\x01"`, `"\\uFFFE"`), for characters no page, feed or terminal should get."""
    problems: list[Problem] = []

    def visit(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                check(key, (*loc, key), key=True)
                visit(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                visit(item, (*loc, i))
        elif isinstance(value, str):
            check(value, loc)

    def check(text: str, loc: Loc, *, key: bool = False) -> None:
        found = _BAD_CHARACTER.search(text)
        if found is None and (key or model is Glossary or _one_line_at(model, loc)):
            found = _ONE_LINE_ONLY.search(text)
        if found is None:
            return
        name = "key" if key else _field_name(loc) if loc else "value"
        message = f"{name}: {_character_message(found[0])}"
        problems.append(doc.problem(loc, message, key=key))

    visit(doc.data, ())
    return problems


def _character_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\t":
        return "a tab (U+0009) in a one-line field; use a space"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return (
            f"bidirectional control {code} in a one-line field: it would reorder the text "
            "shown after it; remove it"
        )
    if re.fullmatch(f"[{SELECTORS}]", char):
        return (
            f"variation selector {code} with no character before it to vary, in a one-line "
            "field; remove it"
        )
    if INVISIBLE.fullmatch(char):
        return (
            f"invisible character {code} ({unicodedata.name(char, 'unassigned')}) in a one-line "
            "field: readers do not see it, yet the text differs from the same words typed "
            "plainly; remove it"
        )
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate {code} is not a character; remove it"
    if ord(char) <= 0x9F:
        return f"control character {code} is not allowed in text; remove it"
    return f"noncharacter {code} is not allowed in text; remove it"


_ONE_LINE_AT: dict[tuple[type[BaseModel], tuple[str, ...]], bool] = {}
"""`_one_line_at` by model and field path (list positions left out): a few dozen paths, met
in every file."""


def _one_line_at(model: type[BaseModel], loc: Loc) -> bool:
    """Whether the value at `loc` is a one-line field of the model (or an unknown key's)."""
    key = (model, tuple(part for part in loc if isinstance(part, str)))
    found = _ONE_LINE_AT.get(key)
    if found is None:
        found = _field_is_one_line(model, loc)
        if len(_ONE_LINE_AT) < 10_000:  # unknown keys are not a field's: keep few of them
            _ONE_LINE_AT[key] = found
    return found


def _field_is_one_line(model: type[BaseModel], loc: Loc) -> bool:
    annotation: Any = model
    metadata: list[Any] = []
    for part in loc:
        if isinstance(part, int):
            continue
        inner = _inner_model(annotation)
        field = inner.model_fields.get(part) if inner else None
        if field is None:
            return True
        annotation, metadata = field.annotation, field.metadata
    return _has_one_line(annotation, metadata)


def _has_one_line(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> bool:
    if any(getattr(m, "func", None) is _one_line for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _has_one_line(typing.get_args(annotation)[0], annotation.__metadata__)
    return any(_has_one_line(arg) for arg in typing.get_args(annotation))


_OPENING_TYPOGRAPHIC = "“‘«„‚»"


def _typographic_quotes(value: Any, name: str) -> str | None:
    """A warning for a plain value wrapped in typographic quotes (pasted from a document):
    readers would see them doubled where pages add their own. Straight quotes around the whole
    value say the marks are meant, and silence it."""
    text = value.strip() if isinstance(value, str) else ""
    if len(text) < 2 or text[0] not in _OPENING_TYPOGRAPHIC:
        return None
    end = text[-1]
    if end in _CLOSING_TYPOGRAPHIC:
        return (
            f"the value of '{name}' is wrapped in typographic quotes ({text[0]}…{end}), which "
            "readers see as written, doubled where pages add their own: remove them, or, if "
            f"they belong to the text, put the whole value in straight quotes: {name}: "
            f"{_quoted(text)}"
        )
    if end in "\"'":
        return (
            f"the value of '{name}' opens with {text[0]} and ends with {end}: remove both quotes, "
            "or make them a pair"
        )
    return None


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    return (
        f"YAML tag '{shown}' is not allowed: fact files hold only text, lists, and keys with values"
    )


def _validate(doc: Document, model: type[BaseModel], problems: list[Problem]) -> BaseModel | None:
    if "id" in doc.data and model is not KINDS["explainer"]:
        problems.append(
            doc.problem(
                ("id",),
                (f"unknown key 'id': the id is the file name ('{doc.path.stem}')"),
                key=True,
            )
        )
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        problems += [_model_problem(doc, model, err) for err in e.errors(include_url=False)]
        return None


def _validate_glossary(doc: Document, problems: list[Problem]) -> dict[str, str]:
    try:
        return dict(Glossary.model_validate({"terms": doc.data}).terms)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            err["loc"] = err["loc"][1:]
            problems.append(_model_problem(doc, Glossary, err))
        return {}


def _model_problem(doc: Document, model: type[BaseModel], err: ErrorDetails) -> Problem:
    """A pydantic error in the editor's words, at the line of the value (or key) it is about."""
    loc: Loc = tuple(err["loc"])
    kind, value, ctx = err["type"], err["input"], err.get("ctx") or {}
    name = _field_name(loc)
    if kind == "missing":
        where = doc.mark(loc[:-1])
        message = f"missing required key '{loc[-1]}'" + _example(str(loc[-1]))
        return Problem(doc.display, where.line, where.col, message)
    if kind == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]), _known_keys(model, loc[:-1]))
        return doc.problem(loc, f"unknown key '{loc[-1]}'{hint}", key=True)
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        message = f"invalid {name} '{value}': expected one of {expected}"
    elif kind == "string_pattern_mismatch" and name == "language":
        message = f"language '{value}' is not a language tag: write one such as en, fr or pt-BR"
    elif kind == "string_pattern_mismatch" and value == "":
        message = f"{name} is empty: write an id"
    elif kind == "string_pattern_mismatch":
        message = (
            f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, "
            f"e.g. '{slug(str(value))}'"
        )
    elif kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        # `too_long` when the limit follows another validator, as on `stance`.
        limit = ctx.get("max_length")
        message = f"{name} is {len(value)} characters, over the limit of {limit}"
        if name == "stance":
            message += "; keep the label short and put the rest in 'detail'"
    elif kind == "string_too_short":
        message = f"{name} is empty"
    elif kind == "too_short":
        noun = "source id" if name == "sources" else "item"
        message = f"{name} must list at least one {noun}"
    elif kind == "string_type":
        message = f"{name} must be text, found {type_name(value)}"
        if isinstance(value, bool):
            message += "; put it in quotes"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"{name} must be true or false, found {type_name(value)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"{name} must be a whole number, found {type_name(value)}"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most"}
        bound |= {"greater_than": "more than", "less_than": "less than"}
        limit = next(iter(ctx.values()), "")
        message = f"{name} must be {bound[kind]} {limit}, found {value}"
    elif kind in ("list_type", "tuple_type"):
        message = f"{name} must be a list, found {type_name(value)}" + _list_hint(name, value)
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        item = bool(loc) and isinstance(loc[-1], int)
        field = f"each item of {name}" if item else name
        under = "" if item else ", indented under it"
        message = f"{field} must hold keys and values{under}, found {type_name(value)}"
    elif kind == "value_error":
        message = f"{name}: {ctx.get('error', err['msg'])}"
    else:
        message = f"{name}: {err['msg']}"
    return doc.problem(loc, message)


_EXAMPLES = {
    "title": "title: Ceasefire talks",
    "lede": "lede: What is being negotiated, between whom, and what is at stake.",
    "as_of": 'as_of: "2025-12-19"',
    "name": "name: Jane Doe",
    "kind": "kind: person",
    "question": 'question: "Who will control the border?"',
    "status": "status: open",
    "summary": "summary: The issue in a few lines.",
    "positions": "positions: []",
    "actor": "actor: jane-doe",
    "stance": "stance: Wants a ceasefire first",
    "sources": "sources: [a-source-id]",
    "source": "source: a-source-id",
    "text": 'text: "the exact words"',
    "by": "by: jane-doe",
    "date": 'date: "2025-12-19"',
}
"""A one-line example of each required key, for the message that says it is missing."""


def _example(key: str) -> str:
    """`; add it, e.g. title: Ceasefire talks` for a key with an example, else nothing."""
    return f"; add it, e.g. {_EXAMPLES[key]}" if key in _EXAMPLES else ""


def _list_hint(name: str, value: Any) -> str:
    """How to write as a list what was written as text: `a, b` or `-a -b` (no space)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    if re.fullmatch(r"-\S+(\s+-\S+)*", text):
        items = [item[1:] for item in text.split()]
        return (
            f"; a list item needs a space after its dash ('- {items[0]}'), "
            f"or write {name}: [{', '.join(items)}]"
        )
    items = [item.strip() for item in re.split(r"[,;]", text) if item.strip()]
    return f"; write it in brackets: {name}: [{', '.join(items)}]"


def _field_name(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows in the mapping at `loc`."""
    for part in loc:
        if isinstance(part, str):
            field = model.model_fields.get(part)
            inner = _inner_model(field.annotation) if field else None
            if inner is None:
                return []
            model = inner
    return [name for name in model.model_fields if name != "id"]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None


def did_you_mean(word: str, choices: Any) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close; case does
    not count (`IAEA` -> `iaea`)."""
    choices = list(choices)
    same = [c for c in choices if c.casefold() == word.casefold()]
    by_case = {c.casefold(): c for c in reversed(choices)}
    close = same or difflib.get_close_matches(word.casefold(), list(by_case), n=1, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean '{close[0] if same else by_case[close[0]]}'?)"
