"""References are declared once, in the model (`Annotated[Id, Ref("actor")]`): the checks and
the editor's pick-lists read them from there, so no field that names another fact may lack one."""

from __future__ import annotations

import inspect
import typing

from pydantic import BaseModel

from site_gen import model
from site_gen.references import Reference, references

REFERENCE_NAMES = (
    "actor",
    "actors",
    "issue",
    "issues",
    "source",
    "sources",
    "event",
    "events",
    "after",
    "before",
    "supports",
    "rejects",
    "by",
    "affiliation",
    "principals",
    "related",
    "not_covered",
)
"""Field names (or their ends) that say the field names other facts."""


def _models() -> list[type[BaseModel]]:
    return [
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, BaseModel) and cls.__module__ == model.__name__
    ]


def _holds_facts(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_facts(arg) for arg in typing.get_args(annotation))


def _has_ref(annotation: object, metadata: list[object]) -> bool:
    if any(isinstance(m, model.Ref) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _has_ref(typing.get_args(annotation)[0], list(annotation.__metadata__))  # type: ignore[attr-defined]
    return any(_has_ref(arg, []) for arg in typing.get_args(annotation))


def test_every_field_named_like_a_reference_carries_a_ref() -> None:
    """A new field such as `mediator: Id` fails here until it says what it names."""
    missing = [
        f"{cls.__name__}.{name}"
        for cls in _models()
        if cls is not model.Content  # the loaded facts by id, not ids in a file
        for name, info in cls.model_fields.items()
        if name.endswith(REFERENCE_NAMES)
        and not _holds_facts(info.annotation)
        and not _has_ref(info.annotation, info.metadata)
    ]
    assert missing == []


def test_every_ref_names_a_kind_of_fact_or_the_issues_options() -> None:
    refs = {
        ref.to
        for cls in _models()
        for info in cls.model_fields.values()
        for ref in [*info.metadata, *_all_metadata(info.annotation)]
        if isinstance(ref, model.Ref)
    }
    assert refs == {"actor", "issue", "event", "source", "issue.options"}
    assert refs - {"issue.options"} <= set(model.KINDS)


def _all_metadata(annotation: object) -> list[object]:
    found = list(getattr(annotation, "__metadata__", ()))
    for arg in typing.get_args(annotation):
        found += _all_metadata(arg)
    return found


def test_the_walk_finds_every_id_in_nested_lists_of_facts() -> None:
    issue = model.Issue.model_validate(
        {
            "title": "T",
            "question": "Q?",
            "status": "open",
            "summary": "S",
            "options": [{"id": "a", "label": "A"}],
            "positions": [
                {
                    "actor": "kyiv",
                    "stance": "Yes",
                    "as_of": "2025-12",
                    "sources": ["s1", "s2"],
                    "supports": ["a"],
                    "quotes": [{"text": "yes", "source": "s3", "by": "envoy"}],
                }
            ],
            "not_covered": ["e3"],
            "related": ["other"],
            "status_history": [
                {"status": "open", "since": "2025", "reason": "R", "sources": ["s4"]}
            ],
        }
    )
    assert [(r.loc, r.ref.to, r.id, r.many) for r in references(issue)] == [
        (("positions", 0, "actor"), "actor", "kyiv", False),
        (("positions", 0, "sources", 0), "source", "s1", True),
        (("positions", 0, "sources", 1), "source", "s2", True),
        (("positions", 0, "quotes", 0, "by"), "actor", "envoy", False),
        (("positions", 0, "quotes", 0, "source"), "source", "s3", False),
        (("positions", 0, "supports", 0), "issue.options", "a", True),
        (("not_covered", 0), "actor", "e3", True),
        (("related", 0), "issue", "other", True),
        (("status_history", 0, "sources", 0), "source", "s4", True),
    ]
    assert all(isinstance(r, Reference) for r in references(issue))
