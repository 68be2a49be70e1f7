"""The list of changes (new, changed and restated positions, events) and the age of a
date. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from site_gen.dates import PartialDate
from site_gen.facts.order import date_key, events_in_order, order_keys
from site_gen.facts.stands import affiliation_chain, stands
from site_gen.model import (
    Content,
    Event,
    Position,
)

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
