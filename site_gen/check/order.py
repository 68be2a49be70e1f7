"""The order of events: `after` and `before` against the dates, and the cycles they make."""

from __future__ import annotations

from collections.abc import Iterator

from site_gen import facts
from site_gen.errors import Problem
from site_gen.load import Loaded
from site_gen.model import Event


def order_cycles(loaded: Loaded) -> Iterator[Problem]:
    """Events whose `after` and `before`, with the order of their dates, go round: each
    link of the cycle, at the event that sets it."""
    events: dict[str, Event] = loaded.facts["event"]
    links: dict[tuple[str, str], tuple[str, str]] = {}  # (earlier, later) -> (event, key)
    for first, then in facts.order_links(events.values()):
        setter = (then.id, "after") if then.after == first.id else (first.id, "before")
        links.setdefault((first.id, then.id), setter)
    linked = sorted({id for link in links for id in link})
    follows: dict[str, list[str]] = {id: [] for id in linked}
    for a, b in links:
        follows[a].append(b)
    for a in linked:
        follows[a] += [b for b in linked if facts.dated_order(events[a], events[b]) == "before"]
    left = _on_cycles(follows)
    for (a, b), (event_id, key) in sorted(links.items(), key=lambda kv: kv[1]):
        path = _path(follows, b, a, left) if a in left and b in left else None
        if path is None:
            continue
        cycle = [a, *path]
        if key == "after":  # start at the event that sets the link
            cycle = [*cycle[1:], cycle[1]]
        steps = ", ".join(
            f"'{x}' before '{y}' ({_link_reason(links, events, x, y)})"
            for x, y in zip(cycle, cycle[1:], strict=False)
        )
        yield loaded.document("event", event_id).problem(
            (key,),
            (
                f"order cycle: {steps}; no order satisfies them all: remove one of these "
                "'after' or 'before', or fix a date"
            ),
        )


def _link_reason(
    links: dict[tuple[str, str], tuple[str, str]], events: dict[str, Event], a: str, b: str
) -> str:
    if (a, b) in links:
        event_id, key = links[(a, b)]
        return f"'{key}' of {event_id}"
    return f"by date: {events[a].date} before {events[b].date}"


ORDER_KEYS = ("after", "before")
ORDER_RULE = (
    "'after' and 'before' order only events whose dates overlap, such as a month and a day of "
    "it or two events of one day"
)


def order_against(event: Event, key: str, other: Event) -> str:
    """What is wrong with `key: <other>` on `event` (`after` or `before`) when it contradicts
    the dates or `expected`; "" when it does not."""
    dated = facts.dated_order(event, other)
    if dated is not None and dated != key:
        return (
            f"{dated_reason(event, other, dated)}, so this event cannot come {key} it; "
            f"{ORDER_RULE}: check the dates, or remove '{key}: {other.id}'"
        )
    late = other if key == "after" else event
    early = event if key == "after" else other
    if dated is None and late.expected and not early.expected:
        which = f"'{other.id}' is" if late is other else "this event is"
        other_is = "this event is not" if late is other else f"'{other.id}' is not"
        return (
            f"{which} expected and {other_is}, so this event cannot come {key} it: an event "
            "that has happened came before one still expected at the explainer's as_of; check "
            f"'expected', or remove '{key}: {other.id}'"
        )
    return ""


def dated_reason(event: Event, other: Event, dated: str) -> str:
    when = "later" if dated == "before" else "earlier"
    return f"'{other.id}' is dated {other.date}, certainly {when} than this event ({event.date})"


def _on_cycles(follows: dict[str, list[str]]) -> set[str]:
    """The nodes left once every node that nothing left precedes is taken away, again and
    again: those on a cycle, and those after one."""
    waiting = dict.fromkeys(follows, 0)
    for b in (b for a in follows for b in follows[a]):
        waiting[b] += 1
    taken = [a for a, n in waiting.items() if n == 0]
    for a in taken:
        for b in follows[a]:
            waiting[b] -= 1
            if waiting[b] == 0:
                taken.append(b)
    return set(follows) - set(taken)


def _path(
    follows: dict[str, list[str]], start: str, end: str, within: set[str]
) -> list[str] | None:
    """The shortest path from `start` to `end` through `within`, both ends included."""
    came_from: dict[str, str] = {start: start}
    queue = [start]
    for node in queue:
        if node == end:
            path = [end]
            while path[-1] != start:
                path.append(came_from[path[-1]])
            return path[::-1]
        for nxt in follows[node]:
            if nxt in within and nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None
