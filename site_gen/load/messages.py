"""The model's validation errors (pydantic's) in an editor's words, at the line of the value
or key they are about."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from site_gen.dates import type_name
from site_gen.errors import Problem
from site_gen.load.reader import EXAMPLES, Document, Loc, field_name
from site_gen.markup import slug
from site_gen.model import KINDS, Glossary


def validate(doc: Document, model: type[BaseModel], problems: list[Problem]) -> BaseModel | None:
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


def validate_glossary(doc: Document, problems: list[Problem]) -> dict[str, str]:
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
    name = field_name(loc)
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


def _example(key: str) -> str:
    """`; add it, e.g. title: Ceasefire talks` for a key with an example, else nothing."""
    return f"; add it, e.g. {EXAMPLES[key]}" if key in EXAMPLES else ""


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


def _known_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows in the mapping at `loc`."""
    for part in loc:
        if isinstance(part, str):
            field = model.model_fields.get(part)
            inner = inner_model(field.annotation) if field else None
            if inner is None:
                return []
            model = inner
    return [name for name in model.model_fields if name != "id"]


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := inner_model(arg)) is not None:
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
