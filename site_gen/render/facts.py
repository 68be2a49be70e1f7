"""Facts derived from the content for pages: current positions, histories, members, order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from site_gen.model import Content, Event, Issue, Position, Quote


@dataclass(frozen=True)
class Stand:
    """One actor on one issue: the newest position, and the older ones newest first."""

    issue: Issue
    current: Position
    history: tuple[Position, ...]


def stands(issue: Issue) -> list[Stand]:
    """Each actor's stand on the issue, in the order the actors first appear in the file."""
    by_actor: dict[str, list[Position]] = {}
    for position in issue.positions:
        by_actor.setdefault(position.actor, []).append(position)
    result = []
    for positions in by_actor.values():
        ordered = sorted(positions, key=lambda p: p.as_of, reverse=True)
        result.append(Stand(issue, ordered[0], tuple(ordered[1:])))
    return result


def quote_author(quote: Quote, position: Position | None = None) -> str:
    """Who said it: the quote's `by`, else the actor of the position that carries it."""
    return quote.by or (position.actor if position else "")


def affiliation_chain(content: Content, actor_id: str) -> list[str]:
    """The actor and everything it is affiliated with, nearest first (cycles are checked away)."""
    chain = [actor_id]
    while (parent := content.actors[chain[-1]].affiliation) and parent not in chain:
        chain.append(parent)
    return chain


def members(content: Content, actor_id: str) -> list[str]:
    """Actors whose affiliation is this actor, by name."""
    found = [a for a in content.actors.values() if a.affiliation == actor_id]
    return [a.id for a in sorted(found, key=lambda a: a.name.casefold())]


def matrix_cell(content: Content, all_stands: list[Stand], principal: str) -> Stand | None:
    """The newest current position on the issue of the principal or of any actor affiliated
    with it; on a tie, the principal's own, then the nearest affiliate's."""
    candidates = []
    for i, stand in enumerate(all_stands):
        chain = affiliation_chain(content, stand.current.actor)
        if principal in chain:
            candidates.append((stand.current.as_of, -chain.index(principal), -i))
    if not candidates:
        return None
    *_, index = max(candidates)
    return all_stands[-index]


def events_in_order(content: Content) -> list[Event]:
    """Events by date; at a coarser precision (only the month) before the days of that month."""
    return sorted(content.events.values(), key=lambda e: (e.date, e.title.casefold()))


def issues_in_order(content: Content) -> list[Issue]:
    return sorted(content.issues.values(), key=lambda i: i.title.casefold())


def actor_quotes(content: Content, actor_id: str) -> Iterator[tuple[Quote, str, str]]:
    """Every quote by the actor with where it appears: `(quote, 'issue'|'event', id)`."""
    for issue in issues_in_order(content):
        for position in issue.positions:
            for quote in position.quotes:
                if quote_author(quote, position) == actor_id:
                    yield quote, "issue", issue.id
    for event in events_in_order(content):
        for quote in event.quotes:
            if quote.by == actor_id:
                yield quote, "event", event.id
