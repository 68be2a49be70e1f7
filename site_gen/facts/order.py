"""The order of events in time: dates that are known only to the month or year, `after`
and `before`, and the events still expected. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from site_gen.dates import PartialDate
from site_gen.model import (
    Content,
    Event,
    Issue,
)

DateKey = tuple[int, int, int, int]


def date_key(
    date: PartialDate, expected: bool = False, as_of: PartialDate | None = None
) -> DateKey:
    """Where a date sorts in time: a date known only to the month after the days of that
    month (and one known only to the year after its months), since it claims no day before
    them; an `expected` event after the explainer's `as_of`, which it has not happened by."""
    key = (date.year, date.month or 13, date.day or 32, int(expected))
    if expected and as_of is not None:
        key = max(key, (as_of.year, as_of.month or 13, as_of.day or 32, 1))
    return key


def order_by_rule(a: PartialDate, b: PartialDate) -> PartialDate | None:
    """The less precise of two dates that may name the same day (`2024-05` and `2024-05-02`),
    whose order comes from `date_key` rather than from the dates; None when one is certainly
    before the other."""
    if a.latest < b.earliest or b.latest < a.earliest:
        return None
    rank = ("day", "month", "year").index
    return a if rank(a.precision) > rank(b.precision) else b if b != a else None


def events_in_order(content: Content) -> list[Event]:
    """Events in time (`date_key`): a date known only to the month after the days of that
    month, an expected event after the explainer's `as_of`; then by title; then as the
    events' `after` and `before` say (`refine_order`). The order of every page and file."""
    as_of = content.explainer.as_of
    by_date = sorted(
        content.events.values(),
        key=lambda e: (date_key(e.date, e.expected, as_of), e.title.casefold()),
    )
    return refine_order(by_date)


def order_keys(events: list[Event], as_of: PartialDate | None = None) -> dict[str, DateKey]:
    """Where each of `events` (in the order of `events_in_order`) counts in time: its
    `date_key`, or, for an event moved up by `after` or `before`, the key of the event it was
    moved up to precede (lower than its own)."""
    keys: dict[str, DateKey] = {}
    floor: DateKey | None = None
    for e in reversed(events):
        key = date_key(e.date, e.expected, as_of)
        floor = keys[e.id] = key if floor is None else min(key, floor)
    return keys


def dated_order(a: Event, b: Event) -> Literal["before", "after"] | None:
    """How the dates alone order two events: `before` when `a`'s date ends before `b`'s
    begins, `after` when it begins after `b`'s ends, None when they overlap (a month and a day
    of it, two events of one day): only then can `after` and `before` order them."""
    if a.date.latest < b.date.earliest:
        return "before"
    if b.date.latest < a.date.earliest:
        return "after"
    return None


def order_links(events: Iterable[Event]) -> list[tuple[Event, Event]]:
    """The pairs `(earlier, later)` that the events' `after` and `before` set, in the order
    of `events`: only between events whose dates overlap (`dated_order`), and never an
    expected event before one that has happened. Others change nothing or contradict the
    dates or `expected`; the checks report them, and the order leaves them out."""
    by_id = {e.id: e for e in events}
    links = []
    for event in by_id.values():
        for other_id, earlier_first in ((event.after, True), (event.before, False)):
            other = by_id.get(other_id or "")
            if other is None or other is event:
                continue
            earlier, later = (other, event) if earlier_first else (event, other)
            if dated_order(earlier, later) is None and not (earlier.expected > later.expected):
                links.append((earlier, later))
    return links


def refine_order(events: list[Event]) -> list[Event]:
    """`events`, in `date_key` order, as their `after` and `before` say (`order_links`): an
    event that must come before one listed earlier moves up to just before it, with all that
    must precede it; every other event keeps its place. A stable topological sort: the links
    join only events whose dates overlap, so it reorders only within groups of overlapping
    dates, and for content the checks pass never against the dates. A cycle (an error of the
    checks) is cut where it closes, so any content gets an order."""
    before: dict[str, list[Event]] = {}
    for earlier, later in order_links(events):
        before.setdefault(later.id, []).append(earlier)
    if not before:
        return events
    index = {e.id: i for i, e in enumerate(events)}
    out: list[Event] = []
    placed: set[str] = set()
    for start, root in enumerate(events):
        if root.id in placed:
            continue
        # Depth first: an event is placed once all that must precede it is, its links and,
        # for one moved up, the events its date follows that are not placed yet.
        stack = [(root, iter(before.get(root.id, ())))]
        on_stack = {root.id}
        while stack:
            event, pending = stack[-1]
            nxt = next((p for p in pending if p.id not in placed and p.id not in on_stack), None)
            if nxt is None:
                stack.pop()
                on_stack.discard(event.id)
                placed.add(event.id)
                out.append(event)
                continue
            dated = [
                e
                for e in events[start : index[nxt.id]]
                if e.id not in placed and dated_order(e, nxt) == "before"
            ]
            preds = sorted([*dated, *before.get(nxt.id, ())], key=lambda e: index[e.id])
            stack.append((nxt, iter(preds)))
            on_stack.add(nxt.id)
    return out


def issues_in_order(content: Content) -> list[Issue]:
    return sorted(content.issues.values(), key=lambda i: i.title.casefold())
