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

import difflib
import os
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from site_gen.dates import type_name
from site_gen.errors import Problem, display_path
from site_gen.model import FOLDERS, ID_RE, KINDS, Glossary, _one_line

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


@dataclass
class Loaded:
    """What `load_content` read: validated facts by kind and id, their documents, and problems."""

    root: Path
    facts: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    """Every id with a file, loaded or not: a reference to a broken file is not unknown."""
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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


FileCache = dict[Path, _FileFacts]
"""Files already read, by path; an entry is used again while the file's size, modification
time and inode are unchanged (the live preview reads only the file that was saved)."""


def load_content(root: Path, cache: FileCache | None = None) -> Loaded:
    """Read every fact file under `root`; never raises for a content mistake."""
    loaded = Loaded(root=root, facts={k: {} for k in KINDS}, ids={k: set() for k in KINDS})
    explainer = root / "explainer.yml"
    if not explainer.is_file():
        loaded.problems.append(
            Problem(
                display_path(explainer),
                1,
                1,
                "missing file: every explainer needs explainer.yml with title, lede and as_of",
            )
        )
    loaded.problems += content_links(root)
    seen = set()
    for path, kind in _fact_files(root, loaded.problems):
        id = "explainer" if kind == "explainer" else path.stem
        if kind in loaded.ids:
            loaded.ids[kind].add(id)
        seen.add(path)
        got = _read_facts(path, kind, cache)
        loaded.problems += got.problems
        loaded.glossary.update(got.glossary)
        if got.doc is None or kind == "glossary":
            continue
        loaded.documents[(kind, id)] = got.doc
        if got.fact is not None:
            loaded.facts[kind][id] = got.fact
    if cache is not None:
        for gone in cache.keys() - seen:
            del cache[gone]
    return loaded


def _read_facts(path: Path, kind: str, cache: FileCache | None) -> _FileFacts:
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
    except OSError:
        stamp = (0, -1, 0)
    if cache is not None and (hit := cache.get(path)) and hit.stamp == stamp:
        return hit
    doc, problems = read_yaml(path)
    if doc is not None:
        problems += text_problems(doc, Glossary if kind == "glossary" else KINDS[kind])
    fact, glossary = None, {}
    if doc is not None and kind == "glossary":
        glossary = _validate_glossary(doc, problems)
    elif doc is not None:
        fact = _validate(doc, KINDS[kind], problems)
        if fact is not None and kind != "explainer":
            fact = fact.model_copy(update={"id": path.stem})
    got = _FileFacts(stamp, doc, fact, glossary, problems)
    if cache is not None:
        cache[path] = got
    return got


def _fact_files(root: Path, problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """Every YAML file under root with its kind, in a stable order; misplaced files are problems."""
    kinds = {folder: kind for kind, folder in FOLDERS.items()}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.suffix not in (".yml", ".yaml") or path.is_symlink() or not path.is_file():
            continue  # a link is reported by `content_links`
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix == ".yaml":
            message = f"rename to '{path.stem}.yml': fact files end in .yml"
            problems.append(Problem(display_path(path), 1, 1, message))
            continue
        if len(rel.parts) == 1:
            if path.name in ("explainer.yml", "glossary.yml"):
                yield path, path.stem
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
        folder = rel.parts[0]
        if folder not in kinds or len(rel.parts) > 2:
            hint = did_you_mean(folder, kinds)
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    (
                        f"unknown folder '{'/'.join(rel.parts[:-1])}'{hint}: fact files go directly "
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
                        f"digits and single hyphens, e.g. '{slug(path.stem)}.yml'"
                    ),
                )
            )
            continue
        yield path, kinds[folder]


def content_links(root: Path) -> list[Problem]:
    """Every symbolic link and special file (a FIFO, a device) under `root`, as a problem.

    MkDocs publishes what `content/` holds and follows links to do so: a link to /etc/passwd or
    /proc/self/environ would publish that file, and a link to a parent folder loops. So the
    folder must hold only folders and regular files. The walk follows no link, so it ends.
    """
    problems = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                try:
                    target = os.readlink(path)
                except OSError:  # pragma: no cover - it was a link a moment ago
                    target = "?"
                message = (
                    f"symbolic link to '{target}': the content folder is published as it is, "
                    "so it may hold only files and folders; put a copy of the file here instead"
                )
            elif name in files and not path.is_file():
                message = (
                    "not a regular file (a pipe or a device): the content folder may hold only "
                    "files and folders"
                )
            else:
                continue
            problems.append(Problem(display_path(path), 1, 1, message))
    return problems


def read_yaml(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one file into a `Document`; on any problem return None or a partial document."""
    where = display_path(path)
    try:
        with path.open("rb") as f:  # never more than the limit in memory, whatever the file
            raw = f.read(MAX_FILE_BYTES + 1)
            size_on_disk = os.fstat(f.fileno()).st_size
    except OSError as e:
        return None, [Problem(where, 1, 1, f"cannot read the file: {e.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        size = f"{max(size_on_disk, len(raw)) / 1_000_000:.1f} MB"
        return None, [
            Problem(
                where,
                1,
                1,
                (
                    f"file is {size}, over the {MAX_FILE_BYTES // 1_000_000} MB limit for a fact file; "
                    "split it or cite the long text as a source"
                ),
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return None, [
            Problem(
                where,
                line,
                col,
                (f"not UTF-8: byte 0x{raw[e.start]:02x} cannot be read; save the file as UTF-8"),
            )
        ]
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
        empty = "file is empty" if not text.strip() else "file has no values, only comments"
        return None, [Problem(where, 1, 1, f"{empty}: expected a mapping of keys to values")]
    if not isinstance(node, yaml.MappingNode):
        found = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return None, [
            Problem(
                where,
                line,
                col,
                (f"expected a mapping of keys to values at the top of the file, found {found}"),
            )
        ]
    doc = Document(path=path, display=where, lines=text.splitlines())
    converter = _Converter(doc)
    doc.data = converter.convert(node, (), 0)
    if converter.fatal:
        return None, converter.problems
    return doc, converter.problems


def _syntax_problem(where: str, e: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    problem = e.problem or e.context or "invalid YAML"
    message = f"invalid YAML: {problem}"
    if problem == "but found another document":
        message = (
            "invalid YAML: a second document starts here; a fact file holds one mapping, "
            "so remove the '---' or move what follows to a file of its own"
        )
    elif e.context and e.problem and e.context_mark:
        message += f" ({e.context} at line {e.context_mark.line + 1})"
    # libyaml's messages do not show the character, PyYAML's do: look at the file itself.
    line = (text.splitlines()[mark.line :] or [""])[0]
    if "tab character" in problem or "'\\t'" in problem or line[mark.column :][:1] == "\t":
        message += "; indent with spaces, not tabs"
    return Problem(where, mark.line + 1, mark.column + 1, message)


def _nesting_problem(where: str, text: str) -> Problem:
    """Where the values nest too deep, found with PyYAML's parser, which does not recurse."""
    depth = 0
    for event in yaml.parse(text, Loader=_Composer):
        if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
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
            return self._scalar(node)
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
                self._fail(key_node, "a key must be plain text, not a list or mapping")
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
_ONE_LINE_ONLY = re.compile("[\t\u202a-\u202e\u2066-\u2069]")
"""What a one-line field may not hold besides: tabs, and the bidirectional embeddings, overrides
and isolates, which would reorder the rest of a line where the text is shown (a name in a list,
a title in a table). Markdown fields and quotes keep them: their text is a block of its own."""


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
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate {code} is not a character; remove it"
    if ord(char) <= 0x9F:
        return f"control character {code} is not allowed in text; remove it"
    return f"noncharacter {code} is not allowed in text; remove it"


def _one_line_at(model: type[BaseModel], loc: Loc) -> bool:
    """Whether the value at `loc` is a one-line field of the model (or an unknown key's)."""
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


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    return f"YAML tag '{shown}' is not allowed: fact files hold only text, lists and mappings"


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


def _model_problem(doc: Document, model: type[BaseModel], err: dict[str, Any]) -> Problem:
    """A pydantic error in the editor's words, at the line of the value (or key) it is about."""
    loc: Loc = tuple(err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = _field_name(loc)
    if kind == "missing":
        where = doc.mark(loc[:-1])
        return Problem(doc.display, where.line, where.col, f"missing required key '{loc[-1]}'")
    if kind == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]), _known_keys(model, loc[:-1]))
        return doc.problem(loc, f"unknown key '{loc[-1]}'{hint}", key=True)
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        message = f"invalid {name} '{value}': expected one of {expected}"
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
    elif kind in ("list_type", "tuple_type"):
        message = f"{name} must be a list, found {type_name(value)}"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"{name} must be a mapping of keys to values, found {type_name(value)}"
    elif kind == "value_error":
        message = f"{name}: {ctx.get('error', err['msg'])}"
    else:
        message = f"{name}: {err['msg']}"
    return doc.problem(loc, message)


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
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def slug(text: str) -> str:
    """A valid id made from any text: `Donbas_Region` -> `donbas-region`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "name"
