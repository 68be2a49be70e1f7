"""The facts' orders and indexes every page reads, computed once per site so that each page
costs its own size, not the site's. One frozen structure: the renderer reads them as its own
attributes, and the live preview's trace wraps every field of it (`Renderer.track`), so that
no index can escape the record of what a page read. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from site_gen import facts
from site_gen.model import Content, Event, Issue, Quote
from site_gen.render import trace
from site_gen.render.paging import change_pages, matrix_pages, timeline_pages


@dataclass(frozen=True, eq=False)
class Indexes:
    """Every field is a dict or a list (a `trace.LazyMap` is a dict): `tracked` wraps each."""

    names: dict[str, str]
    """What links to actors say (a page that links to one does not depend on the rest)."""
    titles: dict[str, str]
    """What links to issues say."""
    stands: dict[str, list[facts.Stand]]
    grounds: trace.LazyMap[facts.CommonGround]
    """Each issue's common ground, derived once for the pages that show it."""
    derived: trace.LazyMap[object]
    """Facts derived from the indexes, for the pages that show them (`Renderer._derive`)."""
    cited_of: trace.LazyMap[list[Issue | Event]]
    """The issues and events citing each source (`base.cited_by`)."""
    events: list[Event]
    issues: list[Issue]
    events_of: dict[str, list[Event]]
    quotes_of: dict[str, list[tuple[Quote, str, str]]]
    order_of: dict[str, list[tuple[str, str]]]
    """Each event's `after` and `before` links that order it (`facts.order_links`), set on
    either event: `("after" | "before", other event id)`."""
    stands_of: dict[str, list[tuple[Issue, facts.Stand]]]
    matrix_pages: dict[str, list[Issue]]
    timeline_pages: dict[str, list[Event]]
    event_page: dict[str, str]
    all_changes: list[facts.Change]
    change_pages: dict[str, list[facts.Change]]
    """The changes pages list real changes, splits and firsts on record (events are on the
    timeline)."""
    change_page: dict[str, str]
    timeline_counts: dict[str, int]
    """How many items each period page holds: what pagers and period lists show of them."""
    change_counts: dict[str, int]
    matrix_counts: dict[str, int]
    changes_of: dict[str, list[facts.Change]]


def compute(
    content: Content, recorder: trace.Recorder, derive: Callable[[str], object]
) -> dict[str, Any]:
    """The values of every field of `Indexes` for `content`."""
    stands = {id: facts.stands(issue) for id, issue in content.issues.items()}
    derived: trace.LazyMap[object] = trace.LazyMap(recorder, derive)
    events = facts.events_in_order(content)
    issues = facts.issues_in_order(content)
    events_of: dict[str, list[Event]] = {}
    for e in events:
        for ref in dict.fromkeys((*e.issues, *e.actors)):
            events_of.setdefault(ref, []).append(e)
    order_of: dict[str, list[tuple[str, str]]] = {}
    for earlier, later in facts.order_links(events):
        order_of.setdefault(earlier.id, []).append(("before", later.id))
        order_of.setdefault(later.id, []).append(("after", earlier.id))
    stands_of: dict[str, list[tuple[Issue, facts.Stand]]] = {}
    for issue in issues:
        for stand in stands[issue.id]:
            stands_of.setdefault(stand.current.actor, []).append((issue, stand))
    by_matrix, by_period = matrix_pages(issues), timeline_pages(events)
    all_changes = facts.changes(content)
    listed = [c for c in all_changes if c.nature in ("changed", "split", "first")]
    by_change = change_pages(listed)
    changes_of: dict[str, list[facts.Change]] = {}
    for c in (c for c in listed if c.is_change):
        for ref in dict.fromkeys((*c.issues, *c.actors)):
            changes_of.setdefault(ref, []).append(c)
    values = dict(
        names={id: actor.name for id, actor in content.actors.items()},
        titles={id: issue.title for id, issue in content.issues.items()},
        stands=stands,
        grounds=trace.LazyMap(
            recorder, lambda id: facts.common_ground(content, content.issues[id])
        ),
        derived=derived,
        cited_of=trace.LazyMap(recorder, lambda sid: derived["cited_by"][sid]),  # type: ignore[index]
        events=events,
        issues=issues,
        events_of=events_of,
        quotes_of=facts.quotes_by_author(issues, events),
        order_of=order_of,
        stands_of=stands_of,
        matrix_pages=by_matrix,
        timeline_pages=by_period,
        event_page={e.id: path for path, es in by_period.items() for e in es},
        all_changes=all_changes,
        change_pages=by_change,
        change_page={c.id: path for path, cs in by_change.items() for c in cs},
        timeline_counts={path: len(es) for path, es in by_period.items()},
        change_counts={path: len(cs) for path, cs in by_change.items()},
        matrix_counts={path: len(issues) for path, issues in by_matrix.items()},
        changes_of=changes_of,
    )
    return values


def tracked(indexes: Indexes, recorder: trace.Recorder) -> tuple[dict[str, Any], dict[str, object]]:
    """Every field of `indexes` as a view recording its reads into `recorder` (a field that is
    neither a dict nor a list is refused: it would escape the trace), and the untracked values
    by name, to compare a later render's reads against."""
    views: dict[str, Any] = {}
    state: dict[str, object] = {}
    for f in fields(Indexes):
        value = getattr(indexes, f.name)
        state[f.name] = value
        if isinstance(value, dict):
            views[f.name] = trace.TrackedMap(recorder, f.name, value)
        elif isinstance(value, list):
            views[f.name] = trace.TrackedList(recorder, f.name, value)
        else:
            raise TypeError(f"Indexes.{f.name} is neither a dict nor a list: it cannot be traced")
    return views, state
