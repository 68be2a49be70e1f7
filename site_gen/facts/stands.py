"""Where each actor stands on an issue: current positions, what each principal supports
or rejects, the common ground, and the direction of an issue's status. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from site_gen.facts.order import date_key
from site_gen.model import (
    Claim,
    Content,
    Event,
    Issue,
    Option,
    Position,
    Quote,
    Status,
    StatusChange,
)


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
        ordered = sorted(positions, key=lambda p: date_key(p.as_of), reverse=True)
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
            candidates.append((date_key(stand.current.as_of), -chain.index(principal), -i))
    if not candidates:
        return None
    *_, index = max(candidates)
    return all_stands[-index]


def claim_of(position: Position) -> Claim:
    """Whose claim the position is: its `claim`, else `said` when one of its quotes is by its
    actor (the actor's own words), else `reported` (the source reports it)."""
    if position.claim:
        return position.claim
    if any(quote_author(q, position) == position.actor for q in position.quotes):
        return "said"
    return "reported"


StandKind = Literal["supports", "rejects", "stated", "declined", "uncovered"]


@dataclass(frozen=True)
class PrincipalStand:
    """Where one principal stands on an issue's options: its matrix cell, and what it says."""

    principal: str
    stand: Stand | None
    """The principal's cell (`matrix_cell`): its own or an affiliate's newest position."""
    supports: tuple[str, ...] = ()
    rejects: tuple[str, ...] = ()

    @property
    def kind(self) -> StandKind:
        """`supports` (an option), `rejects` (options, supporting none), `stated` (a position
        that takes no side on the options), `declined` (the sources report that it declined to
        take a position) or `uncovered` (no position: the sources do not cover it, which is
        no stand at all)."""
        if self.stand is None:
            return "uncovered"
        if self.stand.current.declined:
            return "declined"
        if self.supports:
            return "supports"
        if self.rejects:
            return "rejects"
        return "stated"

    @property
    def on_record(self) -> bool:
        """True when the sources give the principal (or an affiliate) a position here."""
        return self.stand is not None


@dataclass(frozen=True)
class OptionStand:
    """One option and the principals for and against it, in the order of the principals."""

    option: Option
    supporters: tuple[str, ...]
    rejecters: tuple[str, ...]


@dataclass(frozen=True)
class CommonGround:
    """How far apart the principals on record are on an issue, from their stands on its
    options. Every derived claim is over the principals on record only: one the sources do
    not cover is neither for nor against anything (`uncovered`)."""

    principals: tuple[PrincipalStand, ...]
    options: tuple[OptionStand, ...]
    agreed: tuple[Option, ...]
    """Options every principal on record supports, when at least two are on record (or the
    only principal is)."""
    gaps: tuple[OptionStand, ...]
    """Options some principal supports and another rejects."""
    apart: tuple[OptionStand, ...]
    """When nothing is agreed: the options supported by some principals and by no principal
    that supports another of them, when at least two are (sides backing different options)."""
    no_stand: tuple[str, ...]
    """Principals on record that neither support nor reject any option."""
    uncovered: tuple[str, ...] = ()
    """Principals with no position on the issue in the sources."""


def common_ground(content: Content, issue: Issue) -> CommonGround:
    """The principals' stands on the issue's options (each from its matrix cell): what all of
    those on record support, what some support and another rejects, who takes no side and
    whom the sources do not cover. Principals are the explainer's, else every actor with a
    position on the issue. Pure."""
    all_stands = stands(issue)
    principals = list(content.explainer.principals) or [s.current.actor for s in all_stands]
    known = {o.id for o in issue.options}
    found = []
    for principal in principals:
        cell = matrix_cell(content, all_stands, principal)
        p = cell.current if cell and not cell.current.declined else None
        found.append(
            PrincipalStand(
                principal,
                cell,
                tuple(o for o in p.supports if o in known) if p else (),
                tuple(o for o in p.rejects if o in known) if p else (),
            )
        )
    on_record = [ps for ps in found if ps.on_record]
    options = tuple(
        OptionStand(
            option,
            tuple(ps.principal for ps in found if option.id in ps.supports),
            tuple(ps.principal for ps in found if option.id in ps.rejects),
        )
        for option in issue.options
    )
    enough = len(on_record) >= min(2, len(found))
    agreed = tuple(
        o.option for o in options if on_record and enough and len(o.supporters) == len(on_record)
    )
    gaps = tuple(o for o in options if o.supporters and o.rejecters)
    backed = [o for o in options if o.supporters and not o.rejecters]
    apart: tuple[OptionStand, ...] = ()
    if not agreed and len(backed) >= 2:
        backers = [set(o.supporters) for o in backed]
        if all(a.isdisjoint(b) for i, a in enumerate(backers) for b in backers[i + 1 :]):
            apart = tuple(backed)
    no_stand = tuple(ps.principal for ps in on_record if not ps.supports and not ps.rejects)
    uncovered = tuple(ps.principal for ps in found if not ps.on_record)
    return CommonGround(tuple(found), options, agreed, gaps, apart, no_stand, uncovered)


STATUS_RANK: dict[str, int] = {"deadlocked": 0, "open": 1, "narrowing": 2, "agreed": 3}
"""How close each status is to a deal, to tell the direction of a change of status."""

Direction = Literal["closer", "apart", "none"]


@dataclass(frozen=True)
class StatusTrend:
    """An issue's current status, since when, and where it came from."""

    status: Status
    since: StatusChange | None
    """The newest entry of `status_history` (the current status), if any."""
    previous: StatusChange | None
    """The entry before it, if any."""

    @property
    def direction(self) -> Direction:
        """`closer` (towards agreement), `apart` (towards deadlock), or `none`."""
        if self.previous is None:
            return "none"
        change = STATUS_RANK[self.status] - STATUS_RANK[self.previous.status]
        return "closer" if change > 0 else "apart" if change < 0 else "none"


def status_trend(issue: Issue) -> StatusTrend:
    """The issue's status with its newest history entry and the one before it."""
    history = sorted(issue.status_history, key=lambda h: h.since, reverse=True)
    return StatusTrend(
        issue.status,
        history[0] if history else None,
        history[1] if len(history) > 1 else None,
    )


def quotes_by_author(
    issues: list[Issue], events: list[Event]
) -> dict[str, list[tuple[Quote, str, str]]]:
    """Every quote by each actor with where it appears, `(quote, 'issue'|'event', id)`, in the
    order of `issues` then `events`."""
    found: dict[str, list[tuple[Quote, str, str]]] = {}
    for issue in issues:
        for position in issue.positions:
            for quote in position.quotes:
                where = (quote, "issue", issue.id)
                found.setdefault(quote_author(quote, position), []).append(where)
    for event in events:
        for quote in event.quotes:
            if quote.by:
                found.setdefault(quote.by, []).append((quote, "event", event.id))
    return found
