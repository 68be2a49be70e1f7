"""Pagination: how long lists (events, changes) are filed by period, and the pager and
period lists that link the pages. Pure."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.facts import counted
from site_gen.model import Event, Issue
from site_gen.render.text import href

if TYPE_CHECKING:
    from site_gen.render.base import Renderer

PAGE_ITEMS = 100
"""Past this many events the timeline splits into a page per year, and a year past it into a
page per month; the changes page shows this many and files the older ones the same way. So
no page grows with the whole history."""

T = TypeVar("T")


def timeline_pages(events: list[Event]) -> dict[str, list[Event]]:
    """Timeline pages and their events, in date order: `timeline.md` while the events fit on
    one page, else split by period (`period_pages`) and listed by `timeline.md`."""
    if len(events) <= PAGE_ITEMS:
        return {"timeline.md": events}
    return period_pages("timeline", events, lambda e: e.date)


def matrix_pages(issues: list[Issue]) -> dict[str, list[Issue]]:
    """The matrix pages and their issues, `PAGE_ITEMS` to a page in the order given (the
    issues index's): `positions.md`, then `positions/2.md` and on."""
    chunks = [issues[i : i + PAGE_ITEMS] for i in range(0, len(issues), PAGE_ITEMS)] or [[]]
    return {
        "positions.md" if n == 1 else f"positions/{n}.md": chunk
        for n, chunk in enumerate(chunks, 1)
    }


def change_pages(changes: list[facts.Change]) -> dict[str, list[facts.Change]]:
    """`changes.md` with the newest changes, then the older ones split by period."""
    return {
        "changes.md": changes[:PAGE_ITEMS],
        **period_pages("changes", changes[PAGE_ITEMS:], lambda c: c.date),
    }


def period_pages(
    folder: str, items: list[T], date_of: Callable[[T], PartialDate]
) -> dict[str, list[T]]:
    """`<folder>/<year>.md` per year; for a year with more than `PAGE_ITEMS` items,
    `<folder>/<year>-<month>.md` per month (items known only to the year stay on the year's
    page); a period still too long is cut into parts, `<folder>/<period>-part-2.md` and on.
    Each page keeps the order of `items`."""
    by_year: dict[int, list[T]] = {}
    for item in items:
        by_year.setdefault(date_of(item).year, []).append(item)
    periods: dict[str, list[T]] = {}
    for year, in_year in by_year.items():
        if len(in_year) <= PAGE_ITEMS:
            periods[f"{year:04d}"] = in_year
            continue
        for item in in_year:
            month = date_of(item).month
            periods.setdefault(f"{year:04d}-{month:02d}" if month else f"{year:04d}", []).append(
                item
            )
    pages: dict[str, list[T]] = {}
    for period, in_period in periods.items():
        for start in range(0, len(in_period), PAGE_ITEMS):
            part = f"-part-{start // PAGE_ITEMS + 1}" if start else ""
            pages[f"{folder}/{period}{part}.md"] = in_period[start : start + PAGE_ITEMS]
    return pages


@dataclass(frozen=True, order=True)
class Period:
    date: PartialDate
    part: int

    @property
    def label(self) -> str:
        return self.date.label + (f", part {self.part}" if self.part > 1 else "")


_PERIOD_PAGE = re.compile(r"[^/]+/(\d{4}(?:-\d{2})?)(?:-part-(\d+))?\.md")


def period(page: str) -> Period | None:
    """`timeline/2025-03.md` -> March 2025; `changes/2025-03-part-2.md` -> its part 2;
    `timeline.md` -> None."""
    m = _PERIOD_PAGE.fullmatch(page)
    return Period(PartialDate.parse(m[1]), int(m[2] or 1)) if m else None


@functools.lru_cache(maxsize=4)
def in_date_order(paths: tuple[str, ...], newest_first: bool) -> list[str]:
    """Period pages from the earliest to the latest; `newest_first`: their items run newest
    first, so a period's part 1 is its latest."""
    sign = -1 if newest_first else 1
    periods = [(p, when) for p in paths if (when := period(p))]
    return [p for p, when in sorted(periods, key=lambda pw: (pw[1].date, sign * pw[1].part))]


def pager(
    r: Renderer, page: str, paths: list[str], home: str, label: str, *, newest_first: bool = False
) -> str:
    """Links to the periods just before and after this one, and to where they are listed."""
    periods = in_date_order(tuple(paths), newest_first)
    i = periods.index(page)
    links = []
    if i > 0 and (before := period(periods[i - 1])):
        links.append(f'<a href="{href(page, periods[i - 1])}">Earlier: {before.label}</a>')
    links.append(f'<a href="{href(page, home)}">All periods</a>')
    if i + 1 < len(periods) and (after := period(periods[i + 1])):
        links.append(f'<a href="{href(page, periods[i + 1])}">Later: {after.label}</a>')
    return r.block("pager.html", label=label, links=[Markup(a) for a in links]) + "\n"


def period_list(
    r: Renderer,
    page: str,
    pages: dict[str, int],
    noun: str,
    *,
    level: int = 2,
    newest_first: bool = False,
) -> str:
    """Links to period pages (path -> how many items it holds), by year, newest first.
    `newest_first`: the items run newest first, so a period's part 1 is its newest."""
    years: dict[int, list[tuple[Period, dict[str, str]]]] = {}
    for path, count in pages.items():
        when = period(path)
        if when is None:
            continue
        link = {"href": href(page, path), "label": when.label, "count": counted(count, noun)}
        years.setdefault(when.date.year, []).append((when, link))
    out = []
    sign = -1 if newest_first else 1
    for year, links in sorted(years.items(), reverse=True):
        out.append(f"{'#' * level} {year} {{#year-{year}}}\n")
        order = sorted(links, key=lambda x: (x[0].date, sign * x[0].part), reverse=True)
        out.append(r.block("periods.html", periods=[link for _, link in order]) + "\n")
    return "\n".join(out)
