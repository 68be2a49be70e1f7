"""Links in a Markdown field: only http(s):// and mailto: addresses (and wiki-links, checked
with the references), however Markdown spells the link."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import markdown

from site_gen.errors import Problem
from site_gen.load import Document, Loc
from site_gen.markup import defuse_brackets, safe_markdown


def unsafe_links(doc: Document, loc: Loc, text: str) -> Iterator[Problem]:
    """A problem for each link of the Markdown `text` to anything but a web or mail address."""
    reported = set()
    for m in _LINK_TARGETS.finditer(text):
        target = next(g for g in m.groups() if g is not None)
        if target and not _SAFE_LINK.match(target):
            reported.add(html.unescape(target))
            yield doc.problem(loc, _unsafe_link(target), text=target)
    # Links the patterns miss, e.g. a reference defined inside a list item or a quote.
    for target in _rendered_links(text):
        if not _SAFE_LINK.match(target) and target not in reported:
            reported.add(target)
            yield doc.problem(loc, _unsafe_link(target), text=target)


_LINK_TARGETS = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))*)"  # [text](target), with balanced (parens)
    r"|^(?:[ \t]*(?:[>*+-]|\d{1,9}[.)])[ \t])*[ \t]*\[[^\[\]]+\]:\s*<?(\S+?)>?(?:\s|$)"  # [ref]: target, in lists and quotes too
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>",  # <scheme:autolink>
    re.MULTILINE,
)
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def _unsafe_link(target: str) -> str:
    return (
        f"link to '{target}' is not allowed: links are http(s):// or mailto:, "
        "and [[id]] for actors, issues and events"
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src") and v is not None]


def _rendered_links(text: str) -> list[str]:
    """Every link and image address Markdown makes of `text` (raw HTML off, as rendered)."""
    if not _MAY_LINK.search(text):
        return []  # most fields: no link syntax, nothing to render
    parser = _Links()
    parser.feed(_markdown().reset().convert(defuse_brackets(text)))
    parser.close()
    return parser.found


@functools.cache
def _markdown() -> markdown.Markdown:
    return safe_markdown()


_MAY_LINK = re.compile(r"\]\s*[(\[:]|<")
"""What every Markdown link needs: `](` inline, `][` or `]:` by reference, `<` autolink."""
