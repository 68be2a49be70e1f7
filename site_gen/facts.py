"""Facts derived from the content, for the checks and the pages: current positions,
histories, members, order, the list of changes and the age of a date. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from site_gen.dates import PartialDate
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
Nature = Literal["changed", "first", "restated", "split", "event"]


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
    """Actor ids: the position's actor (and the side it speaks for), or the actors that took
    part in the event."""
    event: Event | None = None
    """The event, for `kind == "event"`."""
    position: Position | None = None
    """The position, for `kind == "position"`."""
    replaced: Position | None = None
    """The side's previous stand on the same issue, whoever voiced it (`side_of`): the "was"
    of "was, now"; None for the first on record."""
    current: bool = True
    """False for a position that a newer one of the same actor on the same issue replaced;
    always True for an event."""
    nature: Nature = "event"
    """What the position is news of (`position_nature`): `changed`, `first` (on record),
    `restated`, or `split` (not a change, and another voice of its side differs on the same
    date; a change can be split too: see `split_with`); `event` for an event."""
    side: str = ""
    """The principal the position's actor speaks for (`side_of`), for a position."""
    split_with: tuple[Position, ...] = ()
    """The other voices of the side on the same date whose stands differ from this one."""
    latest: bool = True
    """True when no voice of the side has a newer position on the issue."""

    @property
    def is_change(self) -> bool:
        """A real change: the side's stand replaced an earlier, different one."""
        return self.nature == "changed"

    @property
    def anchor(self) -> str:
        """The HTML id of the change on the changes page: `change-position-donbas-putin-2025-12-19`."""
        return "change-" + self.id.replace("/", "-")


def side_of(content: Content, actor_id: str) -> str:
    """The side an actor speaks for: the nearest principal in its affiliation chain, else the
    actor itself. The positions of a side's voices form the side's history."""
    principals = set(content.explainer.principals)
    return next((a for a in affiliation_chain(content, actor_id) if a in principals), actor_id)


def changes(content: Content) -> list[Change]:
    """Every dated fact of the content, newest first: each position by its `as_of` (with the
    side's stand it replaced, if any) and each event by its date.

    A side's history is the positions of the principal and of every actor that speaks for it
    (`side_of`), by date: a position is a change when it differs from the side's stand on the
    latest earlier date, whoever voiced each; voices of one side that differ on the same date
    are split (`split_with`).

    Dates are ordered by `date_key`, as on the timeline, in a side's history and in the
    matrix: a date known only to the month counts after the days of that month, so a
    month-only position is either the stand a dated one of its month replaced or the newer
    one, the same on every page and in the feeds, never both. Events run as on the timeline
    (`events_in_order`, so as their `after` and `before` say), newest first; on the same date
    they come before positions, which run by `id`.
    """
    found: list[Change] = []
    for issue in content.issues.values():
        current = {id(s.current) for s in stands(issue)}
        by_side: dict[str, list[Position]] = {}
        for position in issue.positions:
            by_side.setdefault(side_of(content, position.actor), []).append(position)
        for side, positions in by_side.items():
            dates = sorted({p.as_of for p in positions}, key=date_key)
            on = {d: [p for p in positions if p.as_of == d] for d in dates}
            for i, date in enumerate(dates):
                before = on[dates[i - 1]] if i else []
                for position in on[date]:
                    split = tuple(q for q in on[date] if q is not position and differs(q, position))
                    was = _voice(before, position.actor, side)
                    nature = position_nature(position, (was,) if was else ())
                    if split and nature != "changed":
                        nature = "split"
                    found.append(
                        Change(
                            id=f"position/{issue.id}/{position.actor}/{position.as_of}",
                            date=position.as_of,
                            kind="position",
                            issues=(issue.id,),
                            actors=tuple(dict.fromkeys((position.actor, side))),
                            position=position,
                            replaced=was,
                            current=id(position) in current,
                            nature=nature,
                            side=side,
                            split_with=split,
                            latest=i == len(dates) - 1,
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
    # Events in the timeline's order, just before the event each moved up precedes.
    timeline = events_in_order(content)
    rank = {e.id: i for i, e in enumerate(timeline)}
    key_of = order_keys(timeline, content.explainer.as_of)
    found.sort(key=lambda c: (0, -rank[c.event.id], "") if c.event else (1, 0, c.id))
    found.sort(key=lambda c: key_of[c.event.id] if c.event else date_key(c.date), reverse=True)
    return found


def _voice(positions: list[Position], actor: str, side: str) -> Position | None:
    """The side's stand among positions of one date: the same actor's, else the principal's
    own, else the first."""
    for wanted in (actor, side):
        for p in positions:
            if p.actor == wanted:
                return p
    return positions[0] if positions else None


def differs(was: Position, now: Position) -> bool:
    """Whether two positions of one side are different stands. One actor's: by stance, options,
    flexibility or declining. Two voices': by options when either takes a side on them (their
    wording differs anyway), else by stance."""
    if was.declined != now.declined:
        return True
    if was.actor == now.actor:
        return (was.stance, set(was.supports), set(was.rejects), was.flexibility) != (
            now.stance,
            set(now.supports),
            set(now.rejects),
            now.flexibility,
        )
    if was.supports or was.rejects or now.supports or now.rejects:
        return (set(was.supports), set(was.rejects)) != (set(now.supports), set(now.rejects))
    return was.stance != now.stance


def position_nature(position: Position, earlier: list[Position] | tuple[Position, ...]) -> Nature:
    """What a position is news of, given its side's earlier positions on the issue (newest
    first): `first` (on record) when there are none; `changed` when it differs from the newest
    (`differs`); `restated` when it says the same again."""
    if not earlier:
        return "first"
    return "changed" if differs(earlier[0], position) else "restated"


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
