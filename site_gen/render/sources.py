"""The sources pages: every source by title, with the pages that cite it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from site_gen.model import Event, Issue
from site_gen.render.base import Renderer
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import esc, href


def source_plan(r: Renderer) -> dict[str, Callable[[], str]]:
    """`sources.md` listing every source by title, with the pages that cite it; past
    `PAGE_ITEMS` sources, pages of that many (`sources/2.md`...) that it links: each path
    with the function that renders it."""
    ordered = sorted(r.c.sources, key=lambda sid: r.c.sources[sid].title.casefold())
    chunks = [ordered[i : i + PAGE_ITEMS] for i in range(0, len(ordered), PAGE_ITEMS)]
    if len(chunks) <= 1:
        return {"sources.md": functools.partial(_source_page, r, "sources.md", ordered)}
    plan: dict[str, Callable[[], str]] = {
        "sources.md": functools.partial(sources_index, r, chunks, len(ordered))
    }
    for n, chunk in enumerate(chunks, 1):
        path, title = f"sources/{n}.md", f"Sources {n} of {len(chunks)}"
        plan[path] = functools.partial(_source_page, r, path, chunk, title)
    return plan


def sources_index(r: Renderer, chunks: list[list[str]], count: int) -> str:
    """`sources.md` when the sources take several pages: a link to each, first and last."""
    links = []
    for n, chunk in enumerate(chunks, 1):
        path = f"sources/{n}.md"
        first, last = (r.c.sources[sid].title for sid in (chunk[0], chunk[-1]))
        title = f"Sources {n} of {len(chunks)}"
        links.append(
            f'<li><a href="{href("sources.md", path)}">{title}</a>: {esc(first)} … {esc(last)}</li>'
        )
    return (
        r.front("Sources", "Every source the explainer cites, by title.")
        + f"<p>{count} sources, by title, {PAGE_ITEMS} to a page.</p>\n\n"
        + '<ul class="xp-periods">\n'
        + "\n".join(links)
        + "\n</ul>\n"
    )


def source_list(
    r: Renderer,
    page: str,
    sids: list[str],
    cited_by: Mapping[str, list[Issue | Event]],
    title: str = "Sources",
) -> str:
    up = (page, "sources.md", "Sources") if page != "sources.md" else ("", "", "")
    out = [r.front(title, "Every source the explainer cites.", up=up)]
    items = []
    for sid in sids:
        cited = ""
        citing = cited_by[sid]
        if citing:
            shown = [
                r.issue_link(page, x.id) if isinstance(x, Issue) else r.event_link(page, x)
                for x in citing[:PAGE_ITEMS]
            ]
            more = len(citing) - len(shown)
            tail = f" and {more} more" if more else ""
            cited = (
                f'<p class="xp-cited-by" data-search-exclude>Cited on: {", ".join(shown)}{tail}</p>'
            )
        items.append(r.source_item(sid, f"source-{sid}", cited))
    out.append('<ul class="xp-sources">\n' + "\n".join(items) + "\n</ul>\n")
    return "\n".join(out)


def _source_page(
    r: Renderer,
    page: str,
    sids: list[str],
    title: str = "Sources",
) -> str:
    return source_list(r, page, sids, r.cited_of, title)
