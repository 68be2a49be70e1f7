"""YAML with a line mark for every value, and safety bounds.

PyYAML composes the node graph (in C when libyaml is present), then `_Converter` turns nodes
into plain values itself instead of PyYAML's constructor, so that:
- every value keeps its `line:col`, for locating model errors;
- duplicate keys, object-building tags and YAML 1.1 surprises (`no` as false, `1:20` as a
  number, `2025-13-45` as a crash in the timestamp resolver) never reach the model: scalars
  stay strings, except `true`/`false` and null;
- aliases are expanded under a budget and nesting is bounded, so an alias bomb stops early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_gen.errors import Problem, display_path
from site_gen.files import FileError, TooLarge, read_bounded
from site_gen.load.hints import syntax_problem, typographic_quotes

MAX_FILE_BYTES = 1_000_000
"""A fact file is a few kilobytes; anything over this is a mistake (or an attack)."""
MAX_VALUES = 100_000
"""Values one file may expand to, counting every alias expansion (an alias bomb hits this)."""
MAX_DEPTH = 32
"""Nesting depth of mappings and lists; fact files need about 6."""

_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_YAML + t for t in ("str", "int", "float", "timestamp", "merge", "value")}
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


def decoded(raw: bytes, where: str) -> tuple[str | None, Problem | None]:
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
    text, problem = decoded(raw, where)
    if text is None:
        return None, [problem] if problem else []
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as e:
        return None, [syntax_problem(where, e, text)]
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
        return EXAMPLES["name"]
    return EXAMPLES["title"]


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
            quotes = typographic_quotes(value, field_name(loc)) if style is None else None
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


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
    return (
        f"YAML tag '{shown}' is not allowed: fact files hold only text, lists, and keys with values"
    )


EXAMPLES = {
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


def field_name(loc: Loc) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"
