"""Load and check: the facts of a content folder, or every problem found in it."""

from __future__ import annotations

from pathlib import Path

from site_gen.check.checker import check
from site_gen.check.doubtful import warnings
from site_gen.errors import ContentError, Problem, display_path
from site_gen.load import FileCache, Loaded, load_content
from site_gen.model import Content, Event, Issue


def get_content(root: Path, cache: FileCache | None = None) -> Content:
    """Load and check everything under `root`; raise `ContentError` listing every problem.
    With a `cache`, files unchanged since the last call are not read again."""
    return get_checked(root, cache)[0]


def get_checked(root: Path, cache: FileCache | None = None) -> tuple[Content, list[Problem]]:
    """`get_content`, and the warnings about the content that loaded (see `warnings`), sorted."""
    loaded = load_content(root, cache)
    problems = loaded.problems + check(loaded)
    if problems:
        raise ContentError(problems, loaded.warnings + _warnings_despite(loaded, problems))
    content = _content(loaded, loaded.facts["issue"], loaded.facts["event"])
    return content, sorted(loaded.warnings + warnings(loaded, content))


def _content(loaded: Loaded, issues: dict[str, Issue], events: dict[str, Event]) -> Content:
    facts = loaded.facts
    return Content.model_construct(
        explainer=facts["explainer"]["explainer"],
        actors=dict(sorted(facts["actor"].items())),
        issues=dict(sorted(issues.items())),
        events=dict(sorted(events.items())),
        sources=dict(sorted(facts["source"].items())),
        glossary=dict(sorted(loaded.glossary.items(), key=lambda kv: kv[0].casefold())),
        source_texts=frozenset(loaded.texts),
    )


def _warnings_despite(loaded: Loaded, problems: list[Problem]) -> list[Problem]:
    """The warnings about the issues and events whose files have no error and whose actors
    (with their affiliations) and sources all loaded: what can be judged while other files are
    being fixed. None while explainer.yml has an error (the warnings judge by its as_of)."""
    broken = {p.path for p in problems if not p.warning}
    facts = loaded.facts
    if (
        "explainer" not in facts["explainer"]
        or display_path(loaded.root / "explainer.yml") in broken
    ):
        return []
    actors = dict(facts["actor"])
    while bad := [id for id, a in actors.items() if a.affiliation and a.affiliation not in actors]:
        for id in bad:
            del actors[id]
    sources = facts["source"]

    def sound(kind: str, id: str, cited: list[str], by: list[str | None]) -> bool:
        return (
            loaded.document(kind, id).display not in broken
            and all(s in sources for s in cited)
            and all(a is None or a in actors for a in by)
        )

    issues = {
        id: issue
        for id, issue in facts["issue"].items()
        if sound(
            "issue",
            id,
            [s for p in issue.positions for s in (*p.sources, *(q.source for q in p.quotes))],
            [a for p in issue.positions for a in (p.actor, *(q.by for q in p.quotes))],
        )
    }
    events = {
        id: event
        for id, event in facts["event"].items()
        if sound("event", id, [*event.sources, *(q.source for q in event.quotes)], [])
    }
    content = _content(loaded, issues, events)
    content = content.model_copy(update={"actors": dict(sorted(actors.items()))})
    return warnings(loaded, content)
