"""The only code that reads content/: every fact file, validated, with its problems; the
sources' texts; a cache so that the live preview reads again only the file that was saved."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, cast

from pydantic import BaseModel

from site_gen.errors import Problem, display_path
from site_gen.files import FileError, TooLarge, read_bounded
from site_gen.load.characters import BAD_CHARACTER, character_message, text_problems
from site_gen.load.folder import content_links, fact_files, regular_files, text_files, walk
from site_gen.load.messages import validate, validate_glossary
from site_gen.load.reader import MAX_FILE_BYTES, Document, decoded, read_yaml
from site_gen.model import KINDS, Actor, Event, Explainer, Glossary, Issue, Source
from site_gen.published import content_file_problems
from site_gen.quotes import SourceText


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
    entries = walk(root)  # one walk of the folder serves every check below
    files = list(regular_files(entries))
    loaded.problems += content_links(root, entries)
    loaded.problems += content_file_problems(root, files)
    seen = set()
    for path, kind in fact_files(files, loaded.problems):
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
    for path, id in text_files(root, loaded.problems):
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
    fact = validate(doc, Explainer, problems)
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
        glossary = validate_glossary(doc, problems)
    elif doc is not None:
        fact = validate(doc, KINDS[kind], problems)
        if fact is not None and kind != "explainer":
            fact = fact.model_copy(update={"id": path.stem})
    got = _FileFacts(stamp, doc, fact, glossary, problems)
    if cache is not None:
        cache[name] = got
    return got


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
        text, problem = decoded(raw, where)
    if text is not None and problem is None:
        if found := BAD_CHARACTER.search(text):
            line = text.count("\n", 0, found.start()) + 1
            col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
            problem = Problem(where, line, col, character_message(found[0]))
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
