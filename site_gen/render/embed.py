"""Embeddable issue cards: `/embed/issues/<id>/`, a minimal page for a newsroom's `<iframe>`.

Each shows an issue's question, status, the principals' stands (the same row as the home
page's "Where things stand") and their sources, "as of" the explainer's date, and links back
to the full page. A whole HTML page from `embed_page.html` (a newsroom overrides it like the
other blocks), not a page of the engine: no navigation, search or footer, and so in neither the
search index nor the sitemap; cheap to make for every issue. Every link opens in the reader's
window (`target="_top"`), not inside the frame. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from site_gen.model import Issue
from site_gen.render.base import Citations, Renderer
from site_gen.render.issues import stand_rows
from site_gen.render.marks import OptionMarks
from site_gen.render.text import esc, href

FOLDER = "embed/issues"
HEIGHT = 420
"""The iframe's height in the copy-ready code, in CSS pixels: the stands of three principals
at 600 px wide without scrolling (the optional script then fits it to the card)."""

_LINK = re.compile(r'<a (?=[^>]*href="(?!#))')
RTL = {"ar", "fa", "he", "ps", "ur", "yi"}


@dataclass(frozen=True)
class Head:
    """What every embed page's head needs from the site (the adapter knows it)."""

    site: str
    """The site's name, as text."""
    styles: tuple[str, ...]
    """Stylesheets by their path in the site (Material's, the site's extra_css, embed.css)."""
    favicon: str = ""
    language: str = "en"

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0].lower() in RTL else "ltr"


def embed_path(issue_id: str) -> str:
    """The embed page's file in the site."""
    return f"{FOLDER}/{issue_id}/index.html"


def embed_page(r: Renderer, issue: Issue, head: Head) -> str:
    """One issue's embed page, whole: its row with the stands, their sources, as-of date,
    publisher and the link back."""
    page, ex = f"{FOLDER}/{issue.id}.md", r.c.explainer  # links as from embed/issues/<id>/
    full = href(page, f"issues/{issue.id}.md")
    cites = Citations(r.c.sources)
    row = stand_rows(r, page, [issue], cites, OptionMarks(), level=1)
    publisher = ex.publisher
    foot = r.block(
        "embed_foot.html",
        date=Markup(r.time(ex.as_of, short=True)),
        publisher=publisher.name if publisher else "",
        publisher_url=publisher.url if publisher and publisher.url else "",
        site=ex.title,
        full=full,
        title=issue.title,
    )
    parts = [str(row), _sources(r, issue, cites), str(foot)]
    body = Markup(_LINK.sub('<a target="_top" ', "\n".join(p for p in parts if p)))
    root = "../" * (page.count("/") + 1)
    context = {"head": head, "title": issue.question, "body": body, "root": root}
    return str(r.block("embed_page.html", **context)) + "\n"


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
    return str(
        Markup('<h2 id="sources">Sources</h2>\n') + r.block("cited_sources.html", items=items)
    )


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
