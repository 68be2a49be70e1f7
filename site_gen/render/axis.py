"""The timeline drawn at build time: a time axis with each event placed by its date, and for a
history split into period pages an overview strip of the whole of it. HTML and CSS only (the
marks are positioned by percentages), no script. Pure: no MkDocs.

The list of events under the drawing is the content; the axis is a view of it that keyboards,
taps and screen readers can use too: each mark is a link to its entry, named by its date and
title, with that name shown beside it on focus or hover (CSS only). A line marks the explainer's
as-of date. Uncertainty shows by shape: an event known to the day is a dot, one known only to
the month (or year) a thin, light bracket across that month (or year), dashed for a year; an
expected event is hollow or dashed. The overview strip is a navigation with labelled links.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment

from site_gen.dates import PartialDate
from site_gen.model import Event
from site_gen.render import templating

DOT = 3.4
"""The width of a mark's target (24 px), in percent of an axis of WIDE px or more, when telling
which marks collide: two marks of one row are never closer than that."""
WIDE = 706
"""Narrower than this (px), the axis takes its narrow rows (the CSS container query says so)."""
NARROW_DOT = 9.4
"""The same on a narrow axis, down to 256 px (on a phone 320 px wide, the smallest)."""
MAX_LANES = 6
"""Marks that would need more rows than this share the last one."""
MAX_NARROW_LANES = 8
"""The same on a narrow axis."""


def span(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The first day the date may name, and the day after the last."""
    if date.day:
        first = dt.date(date.year, date.month, date.day)
        return first, first + dt.timedelta(days=1)
    if date.month:
        last = calendar.monthrange(date.year, date.month)[1]
        return dt.date(date.year, date.month, 1), dt.date(
            date.year, date.month, last
        ) + dt.timedelta(days=1)
    return dt.date(date.year, 1, 1), dt.date(date.year + 1, 1, 1)


def _month_after(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@dataclass(frozen=True)
class Mark:
    """One event on the axis: where it starts and how wide it is (percent), its row."""

    event: Event
    x: float
    width: float
    lane: int
    precision: str
    """`day`, `month` or `year`."""
    narrow_lane: int = 0
    """Its row on a narrow axis (narrower than WIDE px)."""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool
    date: str


@dataclass(frozen=True)
class Layout:
    """The axis drawn: its marks, its ticks, its number of rows, where its as-of line is."""

    marks: list[Mark]
    ticks: list[Tick]
    lanes: int
    as_of: float | None = None
    """Percent of the axis: the middle of the as-of day, the end of an as-of month or year."""
    narrow_lanes: int = 1
    """The number of rows on a narrow axis (narrower than WIDE px)."""


def layout(events: list[Event], as_of: PartialDate | None = None) -> Layout:
    """The layout of `events` (in date order) on an axis from the first day of the month of
    the earliest to the end of the month of the latest, stretched to take in `as_of`."""
    spans = [span(e.date) for e in events]
    bounds = spans + ([span(as_of)] if as_of else [])
    start = min(s for s, _ in bounds).replace(day=1)
    end = max(e for _, e in bounds)
    if end.day != 1:
        end = _month_after(end)
    total = (end - start).days

    def pct(day: dt.date) -> float:
        return round(100 * (day - start).days / total, 3)

    placed = []
    for event, (first, after) in zip(events, spans, strict=True):
        if event.date.precision == "day":  # a dot in the middle of its day
            placed.append((round((pct(first) + pct(after)) / 2, 3), 0.0))
        else:  # a band across the whole month or year
            placed.append((pct(first), round(pct(after) - pct(first), 3)))
    rows, count = _rows(placed, DOT, MAX_LANES)
    narrow_rows, narrow_count = _rows(placed, NARROW_DOT, MAX_NARROW_LANES)
    marks = [
        Mark(event, x, width, lane, event.date.precision, narrow)
        for event, (x, width), lane, narrow in zip(events, placed, rows, narrow_rows, strict=True)
    ]
    line = None
    if as_of:  # a month or year as of is known up to its end
        first, after = span(as_of)
        line = round((pct(first) + pct(after)) / 2, 3) if as_of.day else pct(after)
    return Layout(marks, ticks(start, end, pct), count, line, narrow_count)


def _rows(placed: list[tuple[float, float]], dot: float, most: int) -> tuple[list[int], int]:
    """The row of each mark (x and width in percent, in date order), the first where it
    keeps `dot` percent from the mark before it, and the number of rows (at most `most`)."""
    rows: list[int] = []
    free: list[float] = []  # where each row is free again
    for x, width in placed:
        reach = x + width + dot if width else x + dot  # a band's target juts out at its ends
        row = min(next((i for i, f in enumerate(free) if f <= x), len(free)), most - 1)
        if row == len(free):
            free.append(reach)
        else:
            free[row] = max(free[row], reach)
        rows.append(row)
    return rows, max(len(free), 1)


def ticks(start: dt.date, end: dt.date, pct: Callable[[dt.date], float]) -> list[Tick]:
    """Month ticks, labelled (`Dec 2025`, then `Jan 2026`, `Feb`...); past 18 months only the
    years are labelled; within two months, the 8th, 15th, 22nd and 29th are ticked too."""
    months = []
    day = start
    while day < end:
        months.append(day)
        day = _month_after(day)
    long = len(months) > 18
    out = []
    for i, month in enumerate(months):
        if long:
            label = str(month.year) if month.month == 1 or i == 0 else ""
        elif i == 0 or month.month == 1:
            label = f"{calendar.month_abbr[month.month]} {month.year}"
        else:
            label = calendar.month_abbr[month.month]
        out.append(Tick(pct(month), label, bool(label), f"{month:%Y-%m}"))
        if len(months) <= 2:
            last = calendar.monthrange(month.year, month.month)[1]
            for d in (8, 15, 22, 29):
                if d <= last:
                    day = month.replace(day=d)
                    out.append(Tick(pct(day), str(d), False, f"{day:%Y-%m-%d}"))
    return out


def timeline_axis(
    env: Environment,
    events: list[Event],
    anchor: Callable[[Event], str],
    as_of: PartialDate | None = None,
) -> str:
    """The axis of a timeline page's events (empty without events); `anchor(event)` is the
    link of its mark, e.g. `#<event id>`; `as_of`, the date its as-of line marks."""
    if not events:
        return ""
    drawn = layout(events, as_of)
    return templating.block(
        env,
        "axis.html",
        marks=[
            {
                "x": m.x,
                "width": m.width,
                "lane": m.lane,
                "narrow_lane": m.narrow_lane,
                "precision": m.precision,
                "expected": m.event.expected,
                "href": anchor(m.event),
                "date": m.event.date,
                "title": m.event.title,
            }
            for m in drawn.marks
        ],
        ticks=drawn.ticks,
        lanes=drawn.lanes,
        narrow_lanes=drawn.narrow_lanes,
        as_of=as_of if drawn.as_of is not None else None,
        as_of_x=drawn.as_of,
        expected=any(m.event.expected for m in drawn.marks),
        months=any(m.precision == "month" for m in drawn.marks),
        years=any(m.precision == "year" for m in drawn.marks),
    )


@dataclass(frozen=True)
class Year:
    """A year of a split history, for the overview strip."""

    year: int
    page: str
    """The page the strip links to: the year's own, or its first month's."""
    pages: frozenset[str]
    count: int
    bars: tuple[int, ...]
    """Per month, its number of events as a percentage of the busiest month's."""


def years(
    pages: dict[str, list[Event]], period_of: Callable[[str], PartialDate | None]
) -> list[Year]:
    """The years of the period pages (`timeline/<year>.md`, `timeline/<year>-<month>.md`...),
    in order, computed once for every page's strip."""
    paths: dict[int, list[tuple[PartialDate, str]]] = {}
    counts: dict[tuple[int, int], int] = {}
    for path, events in pages.items():
        when = period_of(path)
        if when is None:
            continue
        paths.setdefault(when.year, []).append((when, path))
        for e in events:
            key = (e.date.year, e.date.month)
            counts[key] = counts.get(key, 0) + 1
    busiest = max(counts.values(), default=1)
    out = []
    for year, periods in sorted(paths.items()):
        in_year = [path for _, path in sorted(periods)]
        out.append(
            Year(
                year,
                in_year[0],
                frozenset(in_year),
                sum(n for (y, _), n in counts.items() if y == year),
                tuple(round(100 * counts.get((year, m), 0) / busiest) for m in range(1, 13)),
            )
        )
    return out


def overview(env: Environment, years: list[Year], here: str, link: Callable[[str], str]) -> str:
    """The strip of a whole split history (empty for one year or none): a link per year to
    its first page, with a bar per month; `here` is the page it is on (its year is marked as
    current), `link(page)` the relative link to a page."""
    if len(years) < 2:
        return ""
    items = [
        {
            "year": y.year,
            "href": link(y.page),
            "count": y.count,
            "current": here in y.pages,
            "bars": y.bars,
        }
        for y in years
    ]
    return templating.block(env, "axis-overview.html", years=items)
