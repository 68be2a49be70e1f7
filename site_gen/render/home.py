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
    page, ex, cites = "index.md", r.c.explainer, Citations()
    description = _shorten(plain(ex.lede, r.c))
    out = [r.front(ex.title, description, "hide:\n  - navigation\n  - toc")]
    out.append(f'<div class="xp-lede">\n{r.markdown(ex.lede, page)}\n</div>\n')
    out.append(f'<p class="xp-asof">Updated {r.time(ex.as_of)}</p>\n')
    if ex.key_points:
        out.append("## Key points {#key-points}\n")
        points = [
            {"text": Markup(r.inline(k.text, page)), "cite": Markup(cites.cite(k.sources))}
            for k in ex.key_points
        ]
        out.append(r.block("key_points.html", points=points) + "\n")
    out.append("## Where things stand {#issues}\n")
    out.append(stand_rows(r, page, r.issues[:PAGE_ITEMS]))
    if len(r.issues) > PAGE_ITEMS:
        every = href(page, "issues/index.md")
        out.append(
            f'<p class="xp-more">The first {PAGE_ITEMS} issues, by title; '
            f'<a href="{every}">all {len(r.issues)} issues</a>.</p>\n'
        )
    see = href(page, "positions.md")
    out.append(f'<p><a href="{see}">Every position, issue by issue</a></p>\n')
    expected = [e for e in r.events if e.expected]
    if expected:
        out.append("## What’s next {#next}\n")
        items = [
            f'<li class="xp-expected">{r.time(e.date)} {r.event_link(page, e)} '
            '<span class="xp-badge xp-expected-badge">Expected</span></li>'
            for e in expected
        ]
        out.append('<ul class="xp-latest xp-next">\n' + "\n".join(items) + "\n</ul>\n")
    events = [e for e in r.events if not e.expected][-LATEST_EVENTS:][::-1]
    if events:
        out.append("## Latest events {#latest-events}\n")
        items = [f"<li>{r.time(e.date)} {r.event_link(page, e)}</li>" for e in events]
        out.append('<ul class="xp-latest">\n' + "\n".join(items) + "\n</ul>\n")
        out.append(f'<p><a href="{href(page, "timeline.md")}">The full timeline</a></p>\n')
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def _shorten(text: str) -> str:
    """At most 200 characters, cut at a word."""
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"
