"""Characters no page, feed or terminal should get, looked for in every key and text value
after YAML has read its escapes."""

from __future__ import annotations

import functools
import re
import typing
import unicodedata
from typing import Any

from pydantic import BaseModel

from site_gen.errors import Problem
from site_gen.load.messages import inner_model
from site_gen.load.reader import Document, Loc, field_name
from site_gen.lookalike import INVISIBLE, SELECTORS
from site_gen.model import Glossary, _one_line

BAD_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(p) + chr(p + 1) for p in range(0x1FFFE, 0x110000, 0x10000))
    + "]"
)
"""What no value may hold, however YAML spelled it: C0 and C1 controls (but tab and line feed),
lone surrogates, and noncharacters."""
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
ONE_LINE_ONLY = re.compile(f"[\t{_BIDI_CONTROLS}]|{INVISIBLE.pattern}")
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
        found = BAD_CHARACTER.search(text)
        if found is None and (key or model is Glossary or _one_line_at(model, loc)):
            found = ONE_LINE_ONLY.search(text)
        if found is None:
            return
        name = "key" if key else field_name(loc) if loc else "value"
        message = f"{name}: {character_message(found[0])}"
        problems.append(doc.problem(loc, message, key=key))

    visit(doc.data, ())
    return problems


def character_message(char: str) -> str:
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


def _one_line_at(model: type[BaseModel], loc: Loc) -> bool:
    """Whether the value at `loc` is a one-line field of the model (or an unknown key's)."""
    return _field_is_one_line(model, tuple(part for part in loc if isinstance(part, str)))


@functools.lru_cache(maxsize=10_000)  # a few dozen field paths, met in every file
def _field_is_one_line(model: type[BaseModel], loc: Loc) -> bool:
    annotation: Any = model
    metadata: list[Any] = []
    for part in loc:
        if isinstance(part, int):
            continue
        inner = inner_model(annotation)
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
