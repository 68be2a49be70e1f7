"""Facts derived from the content, for the checks and the pages: current positions,
histories, members, order, the list of changes and the age of a date. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from site_gen.dates import PartialDate
from site_gen.model import Content, Event, Issue, Option, Position, Quote, Status, StatusChange

NO_PUBLIC_POSITION = "No public position"
"""The stance that states, on purpose, that an actor has taken no position on an issue."""


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


def is_silent(position: Position) -> bool:
    """True for a position that records, on purpose, that the actor has taken none."""
    return position.stance.strip().casefold() == NO_PUBLIC_POSITION.casefold()


StandKind = Literal["supports", "rejects", "stated", "none"]


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
        that takes no side on the options) or `none` (no position, or "No public position")."""
        if self.supports:
            return "supports"
        if self.rejects:
            return "rejects"
        if self.stand is None or is_silent(self.stand.current):
            return "none"
        return "stated"


@dataclass(frozen=True)
class OptionStand:
    """One option and the principals for and against it, in the order of the principals."""

    option: Option
    supporters: tuple[str, ...]
    rejecters: tuple[str, ...]


@dataclass(frozen=True)
class CommonGround:
    """How far apart the principals are on an issue, from their stands on its options."""

    principals: tuple[PrincipalStand, ...]
    options: tuple[OptionStand, ...]
    agreed: tuple[Option, ...]
    """Options every principal supports (none when there are no principals)."""
    gaps: tuple[OptionStand, ...]
    """Options some principal supports and another rejects."""
    apart: tuple[OptionStand, ...]
    """When nothing is agreed: the options supported by some principals and by no principal
    that supports another of them, when at least two are (sides backing different options)."""
    no_stand: tuple[str, ...]
    """Principals that neither support nor reject any option."""


def common_ground(content: Content, issue: Issue) -> CommonGround:
    """The principals' stands on the issue's options (each from its matrix cell): what all of
    them support, what some support and another rejects, and who takes no side. Principals
    are the explainer's, else every actor with a position on the issue. Pure."""
    all_stands = stands(issue)
    principals = list(content.explainer.principals) or [s.current.actor for s in all_stands]
    known = {o.id for o in issue.options}
    found = []
    for principal in principals:
        cell = matrix_cell(content, all_stands, principal)
        p = cell.current if cell else None
        found.append(
            PrincipalStand(
                principal,
                cell,
                tuple(o for o in p.supports if o in known) if p else (),
                tuple(o for o in p.rejects if o in known) if p else (),
            )
        )
    options = tuple(
        OptionStand(
            option,
            tuple(ps.principal for ps in found if option.id in ps.supports),
            tuple(ps.principal for ps in found if option.id in ps.rejects),
        )
        for option in issue.options
    )
    agreed = tuple(o.option for o in options if found and len(o.supporters) == len(found))
    gaps = tuple(o for o in options if o.supporters and o.rejecters)
    backed = [o for o in options if o.supporters and not o.rejecters]
    apart: tuple[OptionStand, ...] = ()
    if not agreed and len(backed) >= 2:
        backers = [set(o.supporters) for o in backed]
        if all(a.isdisjoint(b) for i, a in enumerate(backers) for b in backers[i + 1 :]):
            apart = tuple(backed)
    no_stand = tuple(ps.principal for ps in found if not ps.supports and not ps.rejects)
    return CommonGround(tuple(found), options, agreed, gaps, apart, no_stand)


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


def events_in_order(content: Content) -> list[Event]:
    """Events by date; at a coarser precision (only the month) before the days of that month."""
    return sorted(content.events.values(), key=lambda e: (e.date, e.title.casefold()))


def issues_in_order(content: Content) -> list[Issue]:
    return sorted(content.issues.values(), key=lambda i: i.title.casefold())


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


ChangeKind = Literal["position", "event"]
Nature = Literal["changed", "first", "restated", "silent", "event"]


@dataclass(frozen=True)
class Change:
    """One dated fact, as the "What changed" page, the boxes and the feeds list it.

    A position counts at its `as_of`, an event at its `date`. Stable across builds: `id`
    depends only on ids and dates the editors wrote, never on order or wording.
    """

    id: str
    """`position/<issue>/<actor>/<as_of>` or `event/<event>`: unique, stable, URL-safe."""
    date: PartialDate
    """The position's `as_of` or the event's `date`, at the precision written."""
    kind: ChangeKind
    """`position` (a new or changed position) or `event`."""
    issues: tuple[str, ...]
    """Issue ids: the position's issue, or the issues the event bears on."""
    actors: tuple[str, ...]
    """Actor ids: the position's actor, or the actors that took part in the event."""
    event: Event | None = None
    """The event, for `kind == "event"`."""
    position: Position | None = None
    """The position, for `kind == "position"`."""
    replaced: Position | None = None
    """The same actor's previous position on the same issue, if any: the "was" of "was, now"."""
    current: bool = True
    """False for a position that a newer one of the same actor on the same issue replaced;
    always True for an event."""
    nature: Nature = "event"
    """What the position is news of (`position_nature`): `changed`, `first`, `restated` or
    `silent`; `event` for an event."""

    @property
    def is_change(self) -> bool:
        """A real change: the actor's stand replaced an earlier, different public one."""
        return self.nature == "changed"

    @property
    def anchor(self) -> str:
        """The HTML id of the change on the changes page: `change-position-donbas-putin-2025-12-19`."""
        return "change-" + self.id.replace("/", "-")


def changes(content: Content) -> list[Change]:
    """Every dated fact of the content, newest first: each position by its `as_of` (with the
    position it replaced, if any) and each event by its date.

    On the same date, events come before positions, then by `id`. A date known only to the
    month sorts after the days of that month (it is "older": it may be the 1st), as in
    `events_in_order` reversed.
    """
    found: list[Change] = []
    for issue in content.issues.values():
        for stand in stands(issue):
            ordered = [stand.current, *stand.history]  # newest first
            for i, position in enumerate(ordered):
                found.append(
                    Change(
                        id=f"position/{issue.id}/{position.actor}/{position.as_of}",
                        date=position.as_of,
                        kind="position",
                        issues=(issue.id,),
                        actors=(position.actor,),
                        position=position,
                        replaced=ordered[i + 1] if i + 1 < len(ordered) else None,
                        current=i == 0,
                        nature=position_nature(position, ordered[i + 1 :]),
                    )
                )
    for event in content.events.values():
        found.append(
            Change(
                id=f"event/{event.id}",
                date=event.date,
                kind="event",
                issues=event.issues,
                actors=event.actors,
                event=event,
            )
        )
    found.sort(key=lambda c: (c.kind != "event", c.id))
    found.sort(key=lambda c: c.date, reverse=True)
    return found


def position_nature(position: Position, earlier: list[Position] | tuple[Position, ...]) -> Nature:
    """What a position is news of, given the same actor's earlier positions on the issue
    (newest first): `changed` when it replaces a public stand and differs from it (stance,
    options or flexibility); `restated` when it says the same again; `first` when the actor
    had taken no public stand before (no position, or only "No public position"); `silent`
    for a "No public position" that replaces no public stand, which is no news."""
    public = [p for p in earlier if not is_silent(p)]
    if not public:
        return "silent" if is_silent(position) else "first"
    was = earlier[0]
    if is_silent(was) and not is_silent(position):
        return "changed"  # it had a stand, then none, and now one again: a change either way
    same = (was.stance, set(was.supports), set(was.rejects), was.flexibility) == (
        position.stance,
        set(position.supports),
        set(position.rejects),
        position.flexibility,
    )
    return "restated" if same else "changed"


def days_before(date: PartialDate, as_of: PartialDate) -> tuple[int, int]:
    """How many days `date` lies before `as_of`: the fewest and the most its precision allows
    (`2025-10` before `2025-12-19`: 49 to 79 days). Negative when `date` is later."""
    return (
        (as_of.earliest - date.latest).days,
        (as_of.latest - date.earliest).days,
    )


def age_label(date: PartialDate, as_of: PartialDate) -> str:
    """How old `date` is at `as_of`, counted at the coarser precision of the two, so that
    nothing is claimed that the dates do not say: `3 days`, `2 months`, `same month`."""
    precision = max(date.precision, as_of.precision, key=("day", "month", "year").index)
    if precision == "year":
        n, unit = as_of.year - date.year, "year"
        same = "same year"
    elif precision == "month":
        n = (as_of.year - date.year) * 12 + as_of.month - date.month
        n, unit = (n // 12, "year") if n >= 24 else (n, "month")
        same = "same month"
    else:
        days = (as_of.earliest - date.earliest).days
        months = (as_of.year - date.year) * 12 + as_of.month - date.month
        months -= as_of.day < date.day
        same = "same day"
        if days < 14:
            n, unit = days, "day"
        elif months < 1:
            n, unit = days // 7, "week"
        elif months < 24:
            n, unit = months, "month"
        else:
            n, unit = months // 12, "year"
    if n <= 0:
        return same if n == 0 else "after"
    return counted(n, unit)


def counted(n: int, noun: str) -> str:
    """`1 source`, `2 sources`: the number and the noun, plural unless the number is 1."""
    return f"{n} {noun}{'s' if n != 1 else ''}"
