"""Embeddable issue cards: `/embed/issues/<id>/`, a minimal page for a newsroom's `<iframe>`.

Each shows an issue's question, status, the principals' stands (the same row as the home
page's "Where things stand") and its sources, "as of" the explainer's date, and links back to
the full page. The theme's `embed.html` prints it without navigation, search or footer, and
every link opens in the reader's window (`target="_top"`), not inside the frame; the page is
left out of the search index (front matter) and the sitemap (theme/sitemap.xml). Pure.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from site_gen.model import Issue
from site_gen.render.base import Citations, OptionMarks, Renderer
from site_gen.render.issues import stand_rows
from site_gen.render.text import esc, href, yaml_str

FOLDER = "embed/issues"
TEMPLATE = "embed.html"
HEIGHT = 420
"""The iframe's height in the copy-ready code, in CSS pixels: the stands of three principals
at 300 px wide without scrolling (the optional script then fits it to the content)."""

_LINK = re.compile(r'<a (?=[^>]*href="(?!#))')


def embed_path(issue_id: str) -> str:
    return f"{FOLDER}/{issue_id}.md"


def embed_pages(r: Renderer) -> dict[str, str]:
    """The embed page of every issue, by its Markdown path."""
    return {embed_path(issue.id): embed_page(r, issue) for issue in r.issues}


def embed_page(r: Renderer, issue: Issue) -> str:
    """One issue's embed page: front matter (template, out of search, not for robots), the
    issue's row with its stands and sources, as-of date, publisher and link back."""
    page, ex = embed_path(issue.id), r.c.explainer
    cites = Citations(r.c.sources)
    lines = [
        "---",
        f"title: {yaml_str(esc(issue.question))}",
        f"template: {TEMPLATE}",
        "search:",
        "  exclude: true",
        "embed:",
        f"  full: {yaml_str(href(page, f'issues/{issue.id}.md'))}",
        "---",
        "",
    ]
    row = stand_rows(r, page, [issue], cites, OptionMarks(), level=1)
    sources = _sources(r, issue, cites)
    publisher = ex.publisher
    foot = r.block(
        "embed_foot.html",
        date=Markup(r.time(ex.as_of, short=True)),
        publisher=publisher.name if publisher else "",
        publisher_url=publisher.url if publisher and publisher.url else "",
        site=ex.title,
        full=href(page, f"issues/{issue.id}.md"),
        title=issue.title,
    )
    body = "\n".join([*lines, str(row), str(sources), str(foot), ""])
    return _LINK.sub('<a target="_top" ', body)


def _sources(r: Renderer, issue: Issue, cites: Citations) -> str:
    """The sources of what the card shows: those its marks cite (the status's reason), then
    those of each principal's stand, each once."""
    ids = dict.fromkeys(cites.numbers)
    for ps in r.ground(issue).principals:
        if ps.stand is not None:
            ids.update(dict.fromkeys(ps.stand.current.sources))
    if not ids:
        return ""
    items = []
    for sid in ids:
        n = cites.numbers.get(sid)
        if n is None:
            items.append(Markup(r.source_item(sid, f"source-{sid}")))
            continue
        uses = cites.uses[sid]
        back = " ".join(
            f'<a href="#cite-ref-{n}-{k}" aria-label="Back to mark {k} of {uses}">'
            f"↑{k if uses > 1 else ''}</a>"
            for k in range(1, uses + 1)
        )
        items.append(
            Markup(r.source_item(sid, f"cite-{n}", f' <span class="xp-back">{back}</span>'))
        )
    return "## Sources {#sources}\n\n" + r.block("cited_sources.html", items=items) + "\n"


def embed_code(url: str, title: str, script_url: str = "") -> str:
    """The copy-ready `<iframe>` for the embed at `url` (absolute), with the optional script
    that fits its height to the content (`script_url`, the site's assets/embed-host.js)."""
    code = (
        f'<iframe src="{esc(url)}" title="{esc(title)}" loading="lazy" width="100%" '
        f'height="{HEIGHT}" style="border:0;width:100%;max-width:720px" '
        f"data-explainer-embed></iframe>"
    )
    if script_url:
        code += f'\n<script src="{esc(script_url)}" async></script>'
    return code
