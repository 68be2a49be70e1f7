"""Trust signals: the corrections page, and what every page's footer says. Pure: no MkDocs.

A correction says what was wrong as well as what the explainer says now (the BBC's rule);
corrections also go into the site's feed (`feeds.py`) and the JSON-LD (`meta.py`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from site_gen.model import Content, Correction
from site_gen.render import templating
from site_gen.render.text import url_of

PAGE = "corrections.md"
TITLE = "Corrections"
DESCRIPTION = "What was wrong in this explainer, and what it says now."
ABOUT_PAGE = "about.md"


def numbered(content: Content) -> list[tuple[int, Correction]]:
    """The corrections with their stable numbers (1 is the first in explainer.yml, so
    appending keeps every number), newest first."""
    listed = list(enumerate(content.explainer.corrections, 1))
    return sorted(listed, key=lambda nc: (nc[1].date, nc[0]), reverse=True)


def anchor(number: int) -> str:
    """The id of a correction on the corrections page, e.g. `correction-2`."""
    return f"correction-{number}"


def corrections_page(content: Content, env: Environment, front: str) -> str:
    """The corrections page: `front` (its front matter and title), then the log."""
    items = [
        {"anchor": anchor(n), "date": c.date, "wrong": c.wrong, "now": c.now}
        for n, c in numbered(content)
    ]
    return front + str(templating.block(env, "corrections.html", corrections=items)) + "\n"


def footer(content: Content, *, about: bool) -> dict[str, Any]:
    """What the theme's footer shows (`theme/partials/xp-footer.html` reads it from
    `config.extra.explainer`): the publisher, the licence, the as-of date and the site paths
    of the trust pages; `about` when the editors wrote `about.md`."""
    ex = content.explainer
    publisher = ex.publisher.model_dump() if ex.publisher else None
    return {
        "publisher": publisher,
        "license": ex.license,
        "as_of": {"iso": str(ex.as_of), "label": ex.as_of.label},
        "about": url_of(ABOUT_PAGE) if about else None,
        "corrections": url_of(PAGE),
        "corrected": len(ex.corrections),
        "sources": url_of("sources.md"),
        "data": url_of("data.md"),
        "feed": "feed.xml",
    }
