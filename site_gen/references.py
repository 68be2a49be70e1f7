"""Where a fact names another: the fields the model marks with `Ref`, found once per model
from its annotations (nested models and lists of them included), and every id a fact holds
in them. The checks walk these to find unknown ids; the editor's pick-lists read them."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from site_gen.model import Ref


@dataclass(frozen=True)
class Field:
    """A field of a model, as far as references go: the `Ref` of the ids it holds (if any),
    whether it holds a list, and the model of its values (if they are facts of their own)."""

    name: str
    ref: Ref | None
    many: bool
    inner: type[BaseModel] | None


@dataclass(frozen=True)
class Reference:
    """An id in a fact that names another: where it is (`loc`, as in a `Document`), what kind
    of fact it names, the id, and whether it is an item of a list."""

    loc: tuple[str | int, ...]
    ref: Ref
    id: str
    many: bool


@functools.cache
def fields(model: type[BaseModel]) -> tuple[Field, ...]:
    """The fields of `model` that hold ids of other facts or facts of their own, in order."""
    found = []
    for name, info in model.model_fields.items():
        ref = _ref(info.annotation, info.metadata)
        inner = _inner_model(info.annotation)
        if ref is not None or inner is not None:
            many = typing.get_origin(_unwrap(info.annotation)) is tuple
            found.append(Field(name, ref, many, inner))
    return tuple(found)


def ref_of(model: type[BaseModel], name: str) -> Ref | None:
    """The `Ref` of the field `name` of `model`, or None when it names no other fact."""
    return next((f.ref for f in fields(model) if f.name == name), None)


def references(fact: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[Reference]:
    """Every id in `fact` that names another fact, in the order of the fields and lists."""
    for field in fields(type(fact)):
        value = getattr(fact, field.name)
        items = enumerate(value) if field.many else [(None, value)]
        for i, item in items:
            at = (*loc, field.name) if i is None else (*loc, field.name, i)
            if field.ref is not None and isinstance(item, str):
                yield Reference(at, field.ref, item, field.many)
            elif isinstance(item, BaseModel):
                yield from references(item, at)


def _ref(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> Ref | None:
    """The `Ref` in a field's metadata or anywhere in its annotation (`Ref | None`, a tuple
    of them)."""
    for m in metadata:
        if isinstance(m, Ref):
            return m
    if typing.get_origin(annotation) is typing.Annotated:
        return _ref(typing.get_args(annotation)[0], annotation.__metadata__)
    return next(filter(None, (_ref(arg) for arg in typing.get_args(annotation))), None)


def _unwrap(annotation: Any) -> Any:
    """The annotation without `| None` around it."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is not tuple and len(args) == 1:
        return _unwrap(args[0])
    return annotation


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, (_inner_model(arg) for arg in typing.get_args(annotation))), None)
