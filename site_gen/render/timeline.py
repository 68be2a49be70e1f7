"""The timeline: its pages (all events, or a period's), the index of periods, the drawing."""

from __future__ import annotations

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.model import Event
from site_gen.render import axis
from site_gen.render.base import Citations, Renderer
from site_gen.render.paging import pager, period, period_list
from site_gen.render.text import esc, href


def drawing(r: Renderer, page: str, events: list[Event]) -> str:
    """The timeline drawn (site_gen/render/axis.py): the overview of a split history, then
    the axis of the page's events, with the as-of line on the whole timeline or the period
    that holds the as-of date (a past period's axis is not stretched to it)."""
    strip = axis.overview(r.env, r.timeline_years, page, lambda to: href(page, to))
    as_of: PartialDate | None = r.c.explainer.as_of
    if (when := period(page)) and as_of and not _within(as_of, when.date):
        as_of = None
    drawn = axis.timeline_axis(r.env, events, lambda e: f"#{e.id}", as_of)
    return "".join(f"{block}\n" for block in (strip, drawn) if block)


def _within(date: PartialDate, period: PartialDate) -> bool:
    first, after = axis.span(period)
    return first <= axis.span(date)[0] < after


def event_list(
    r: Renderer, page: str, events: list[Event], cites: Citations, *, compact: bool = False
) -> str:
    if compact:
        return r.event_links(page, events, "ol", "xp-events xp-events--compact")
    items = []
    for e in events:
        expected = ' <span class="xp-badge xp-expected-badge">Expected</span>'
        expected = expected if e.expected else ""
        cls = "xp-event xp-event--expected" if e.expected else "xp-event"
        parts = [
            f'<li id="{e.id}" class="{cls}">',
            f'<p class="xp-event__date">{r.time(e.date)}{expected}</p>',
            f"<h3>{esc(e.title)} {cites.cite(e.sources)}</h3>",
        ]
        if note := order_note(r, page, e):
            parts.append(f'<p class="xp-event__order">{note}</p>')
        if e.summary:
            parts.append(r.markdown(e.summary, page))
        for quote in e.quotes:
            parts.append(r.quote(page, quote, cites, by=quote.by))
        meta = []
        if e.actors:
            links = ", ".join(r.actor_link(page, a) for a in e.actors)
            meta.append(f"<dt>Actors<span class='xp-index-only'>:</span></dt> <dd>{links}</dd>")
        if e.issues:
            links = ", ".join(r.issue_link(page, i) for i in e.issues)
            meta.append(f"<dt>Issues<span class='xp-index-only'>:</span></dt> <dd>{links}</dd>")
        if meta:
            parts.append('<dl class="xp-event__meta">' + "".join(meta) + "</dl>")
        parts.append("</li>")
        items.append("\n".join(parts))
    return '<ol class="xp-events">\n' + "\n".join(items) + "\n</ol>\n"


def moved_up(events: list[Event], as_of: PartialDate) -> set[str]:
    """The events that their `after` or `before` (or another's) moved up among events of a
    narrower date (`facts.order_keys`): listed with those, never in the frame of the undated."""
    keys = facts.order_keys(events, as_of)
    return {e.id for e in events if keys[e.id] < facts.date_key(e.date, e.expected, as_of)}


def sections(events: list[Event], moved: set[str]) -> dict[PartialDate, list[Event]]:
    """The months of a timeline page (a year, for events known only to the year), each with
    its events in the order given (`facts.events_in_order`); an event `moved` up is listed in
    the month of the event it precedes."""
    of: dict[str, PartialDate] = {}
    following: Event | None = None
    for e in reversed(events):
        of[e.id] = of[following.id] if following and e.id in moved else _month(e)
        following = e
    groups: dict[PartialDate, list[Event]] = {}
    for e in events:
        groups.setdefault(of[e.id], []).append(e)
    return groups


def _month(e: Event) -> PartialDate:
    return PartialDate(e.date.year, e.date.month)


def order_note(r: Renderer, page: str, e: Event) -> str:
    """What the event's `after` and `before` say of it, where its date does not: "Day not
    given: before <event> (16 Dec 2025)."; "On the same day, after <event>.". Shown on the
    less precise of two linked events (on both when they are as precise)."""
    rank = ("year", "month", "day").index
    said: dict[str, list[str]] = {}
    for key, other_id in r.order_of.get(e.id, ()):
        other = r.c.events[other_id]
        if rank(other.date.precision) >= rank(e.date.precision):
            when = f" ({r.time(other.date, short=True)})" if other.date != e.date else ""
            said.setdefault(key, []).append(r.event_link(page, other) + when)
    if not said:
        return ""
    what = " and ".join(f"{key} {' and '.join(links)}" for key, links in sorted(said.items()))
    if e.date.precision == "day":
        return f"On the same day, {what}."
    return f"{'Day' if e.date.month else 'Month and day'} not given: {what}."


def timeline(r: Renderer, page: str) -> str:
    """One timeline page: all events, or one year's or one month's when split."""
    cites, events = Citations(r.c.sources), r.timeline_pages[page]
    when = period(page)
    title = f"Timeline: {when.label}" if when else "Timeline"
    description = f"Events of {when.label}" if when else "Every event"
    up = (page, "timeline.md", "Timeline") if when else ("", "", "")
    out = [r.front(title, f"{description} in date order, with actors and sources.", up=up)]
    out += [drawn] if (drawn := drawing(r, page, events)) else []
    moved = moved_up(events, r.c.explainer.as_of)
    groups = sections(events, moved)
    if not groups:
        out.append(r.block("none.html", text="No events recorded yet.") + "\n")
    for month, in_month in groups.items():
        out.append(f"## {month.label} {{#month-{month}}}\n")
        # Events known only to the month (or year) close it, in a frame that says so: they
        # claim no day before the month's dated events (`facts.date_key`). Those their
        # `after` or `before` moved up among the dated ones are listed there instead.
        undated = [
            e
            for e in in_month
            if e.date.precision != "day" and _month(e) == month and e.id not in moved
        ]
        framed = {e.id for e in undated}
        listed = [e for e in in_month if e.id not in framed]
        if listed:
            out.append(event_list(r, page, listed, cites))
        if undated:
            which = "day" if month.month else "month and day"
            span = "month" if month.month else "year"
            before = ", before or after the dated events above" if listed else ""
            noted = " except as noted" if any(order_note(r, page, e) for e in undated) else ""
            out.append(
                f'<div class="xp-span">\n<p class="xp-undated">Some time in {month.label} '
                f"({which} not given): any day of the {span}{before}{noted}.</p>\n"
                + event_list(r, page, undated, cites)
                + "</div>\n"
            )
    if when:
        out.append(pager(r, page, list(r.timeline_counts), "timeline.md", "Timeline"))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def timeline_index(r: Renderer) -> str:
    """The timeline when it is split: each period with its number of events, by year."""
    page = "timeline.md"
    out = [r.front("Timeline", "Every event in date order, by period.")]
    out += [drawn] if (drawn := drawing(r, page, [])) else []
    out.append(period_list(r, page, r.timeline_counts, "event"))
    return "\n".join(out)
