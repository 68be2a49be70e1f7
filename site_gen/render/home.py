"""The home page: where things stand, at a glance."""

from __future__ import annotations

from markupsafe import Markup

from site_gen.model import Issue
from site_gen.render.base import LATEST_EVENTS, STATUS, Citations, Renderer
from site_gen.render.issues import stand_rows
from site_gen.render.marks import OptionMarks
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import href, plain


def home(r: Renderer) -> str:
    """The most important first, once: the bottom line, the as-of date and the tally of the
    issues by status; a row per issue with each principal's stand; the other key points; the
    lede; what's next, the latest events."""
    page, ex, cites = "index.md", r.c.explainer, Citations(r.c.sources)
    description = _shorten(plain(ex.lede, r.c))
    out = [r.front(ex.title, description, "hide:\n  - navigation\n  - toc")]
    points = list(ex.key_points)
    # Without a bottom line the first key point stands in for it, and is not listed again.
    line, line_cite = ex.bottom_line, ""
    if line is None and points:
        first = points.pop(0)
        line, line_cite = first.text, cites.cite(first.sources)
    shown = r.issues[:PAGE_ITEMS]
    out.append(
        r.block(
            "bottom_line.html",
            text=Markup(r.inline(line, page)) if line else "",
            cite=Markup(line_cite),
            date=Markup(r.time(ex.as_of, short=True)),
            tally=tally(page, r.issues, shown),
        )
        + "\n"
    )
    out.append("## Where things stand {#issues}\n")
    marks = OptionMarks()
    out.append(stand_rows(r, page, shown, cites, marks))
    if len(r.issues) > PAGE_ITEMS:
        every = href(page, "issues/index.md")
        more = r.block("more_issues.html", shown=PAGE_ITEMS, href=every, count=len(r.issues))
        out.append(more + "\n")
    see = href(page, "positions.md")
    out.append(r.block("link.html", href=see, text="Every position, issue by issue") + "\n")
    if points:
        out.append("## Key points {#key-points}\n")
        views = [
            {"text": Markup(r.inline(k.text, page)), "cite": Markup(cites.cite(k.sources))}
            for k in points
        ]
        out.append(r.block("key_points.html", points=views) + "\n")
    out.append("## Background {#background}\n")
    out.append(r.block("lede.html", lede=Markup(r.markdown(ex.lede, page))) + "\n")
    expected = [e for e in r.events if e.expected]
    if expected:
        out.append("## What’s next {#next}\n")
        out.append(r.event_links(page, expected, "ul", "xp-latest xp-next"))
    events = [e for e in r.events if not e.expected][-LATEST_EVENTS:][::-1]
    if events:
        out.append("## Latest events {#latest-events}\n")
        out.append(r.event_links(page, events, "ul", "xp-latest"))
        timeline = href(page, "timeline.md")
        out.append(r.block("link.html", href=timeline, text="The full timeline") + "\n")
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def tally(page: str, issues: list[Issue], shown: list[Issue]) -> list[dict[str, str]]:
    """The issues by status, as the home page's first screen counts them ("0 of 5 agreed",
    "1 narrowing", "4 open"), each linked to the first issue of its status: its row when the
    page shows it, else its page. Agreed always comes first; other statuses only when held."""
    if not issues:
        return []
    on_page = {i.id for i in shown}

    def target(status: str) -> str:
        first = next((i for i in issues if i.status == status), None)
        if first is None:
            return "#issues"
        return f"#row-{first.id}" if first.id in on_page else href(page, f"issues/{first.id}.md")

    agreed = sum(1 for i in issues if i.status == "agreed")
    out = [
        {"text": f"{agreed} of {len(issues)} agreed", "href": target("agreed"), "status": "agreed"}
    ]
    for status in ("narrowing", "open", "deadlocked"):
        n = sum(1 for i in issues if i.status == status)
        if n:
            out.append(
                {"text": f"{n} {STATUS[status].lower()}", "href": target(status), "status": status}
            )
    return out


def _shorten(text: str) -> str:
    """At most 200 characters, cut at a word."""
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
