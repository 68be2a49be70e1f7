"""YAML syntax errors in an editor's words: the common mistakes (a tab, an unclosed quote, a
colon inside a value, text after a closing quote) get a plain hint at the place to fix."""

from __future__ import annotations

import re
from typing import Any

import yaml

from site_gen.errors import Problem


def syntax_problem(where: str, e: yaml.MarkedYAMLError, text: str) -> Problem:
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
            f"whole value in quotes: {name}: {quoted(value)}",
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
        f"quote the whole value with the other kind: {name}: {quoted(value)}",
    )


def quoted(value: str) -> str:
    """`value` as a YAML quoted scalar: in double quotes unless it holds some."""
    if '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    return "'" + value.replace("'", "''") + "'"


_OPENING_TYPOGRAPHIC = "“‘«„‚»"


def typographic_quotes(value: Any, name: str) -> str | None:
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
            f"{quoted(text)}"
        )
    if end in "\"'":
        return (
            f"the value of '{name}' opens with {text[0]} and ends with {end}: remove both quotes, "
            "or make them a pair"
        )
    return None
