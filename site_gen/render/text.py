"""Text for pages: escaping, safe Markdown-to-HTML for YAML fields, wiki-links, relative URLs."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

import markdown
import nh3

from site_gen.check import WIKI_LINK

ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def esc(text: str) -> str:
    """Plain text for HTML: `<`, `&` and quotes shown as written, never executed."""
    return html.escape(text, quote=True)


def url_of(page: str) -> str:
    """The URL path of a Markdown page, with directory URLs: `issues/donbas.md` -> `issues/donbas/`."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page to another (or to an anchor on it), relative, so sub-paths work."""
    if from_page == to_page and anchor:
        return "#" + anchor
    here = url_of(from_page).rstrip("/") or "."
    target = url_of(to_page).rstrip("/") or "."
    rel = posixpath.relpath(target, here)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


class MarkdownRenderer:
    """Markdown fields of the facts -> sanitized HTML, with wiki-links resolved for one page.

    Raw HTML in the YAML is shown as text: the HTML block and inline HTML parsers are removed,
    and nh3 cleans the result again (tags, attributes and http/https/mailto links only).
    """

    def __init__(self, resolve: Callable[[str], tuple[str, str, str]]) -> None:
        """`resolve(id)` gives `(page, anchor, label)` of an actor, issue or event."""
        self._resolve = resolve
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._page = ""

    def __call__(self, text: str, page: str, *, inline: bool = False) -> str:
        """Render `text` for a link on `page`; `inline` drops the wrapping paragraph."""
        self._page = page
        source = WIKI_LINK.sub(self._wiki_link, text)
        out = self._md.reset().convert(source)
        out = nh3.clean(
            out,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
        )
        if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    def _wiki_link(self, m: re.Match[str]) -> str:
        page, anchor, label = self._resolve(m.group(1).strip())
        text = m.group(2).strip() if m.group(2) else label
        text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
        return f"[{text}]({href(self._page, page, anchor)})"
