"""The home page: where things stand, at a glance."""

from __future__ import annotations

from markupsafe import Markup

from site_gen.render.base import LATEST_EVENTS, Citations, Renderer
from site_gen.render.issues import stand_rows
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import href, plain


def home(r: Renderer) -> str:
    """Where things stand: the lede, key points, a row per issue with each principal's
    stand, what's next, the latest events."""
    page, ex, cites = "index.md", r.c.explainer, Citations(r.c.sources)
    description = _shorten(plain(ex.lede, r.c))
    out = [r.front(ex.title, description, "hide:\n  - navigation\n  - toc")]
    out.append(r.block("lede.html", lede=Markup(r.markdown(ex.lede, page))) + "\n")
    out.append(r.block("updated.html", date=Markup(r.time(ex.as_of))) + "\n")
    if ex.key_points:
        out.append("## Key points {#key-points}\n")
        points = [
            {"text": Markup(r.inline(k.text, page)), "cite": Markup(cites.cite(k.sources))}
            for k in ex.key_points
        ]
        out.append(r.block("key_points.html", points=points) + "\n")
    out.append("## Where things stand {#issues}\n")
    out.append(stand_rows(r, page, r.issues[:PAGE_ITEMS], cites))
    if len(r.issues) > PAGE_ITEMS:
        every = href(page, "issues/index.md")
        more = r.block("more_issues.html", shown=PAGE_ITEMS, href=every, count=len(r.issues))
        out.append(more + "\n")
    see = href(page, "positions.md")
    out.append(r.block("link.html", href=see, text="Every position, issue by issue") + "\n")
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


def _shorten(text: str) -> str:
    """At most 200 characters, cut at a word."""
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
