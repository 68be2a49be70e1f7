"""Text for pages: escaping, safe Markdown-to-HTML for YAML fields, wiki-links, relative URLs."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable

import nh3

from site_gen.markup import PLACEHOLDER, WIKI_LINK, defuse_brackets, safe_markdown
from site_gen.model import Actor, Content

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


def yaml_str(text: str) -> str:
    """Text as a YAML double-quoted string for front matter. A JSON string is one, but YAML also
    refuses DEL, C1 controls and U+FFFE/U+FFFF raw (MkDocs would then drop the whole front
    matter) and reads U+0085, U+2028 and U+2029 as line breaks: those are escaped too."""
    return _YAML_RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


_YAML_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def plain(markdown: str, content: Content) -> str:
    """Markdown as plain text: wiki-links become their labels (or the name or title they
    link to), links their text; emphasis and code marks go, white space is one space."""

    def label(m: re.Match[str]) -> str:
        if m.group(2):
            return m.group(2).strip()
        ref = m.group(1).strip()
        for kind in (content.actors, content.issues):
            if ref in kind:
                fact = kind[ref]
                return fact.name if isinstance(fact, Actor) else fact.title
        return content.events[ref].title if ref in content.events else ref

    text = WIKI_LINK.sub(label, markdown)
    text = _LINK.sub(r"\1", text)
    return " ".join(text.replace("*", "").replace("`", "").split())


_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
"""`[text](target)`; no part runs past a bracket or parenthesis, so linear time."""


def url_of(page: str) -> str:
    """The URL path of a Markdown page, with directory URLs: `issues/donbas.md` -> `issues/donbas/`."""
    stem = page[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=1 << 16)
def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A link from one page to another (or to an anchor on it), relative, so sub-paths work."""
    if from_page == to_page and anchor:
        return "#" + anchor
    here = url_of(from_page).split("/")[:-1]
    target = url_of(to_page).split("/")[:-1]
    common = 0
    while common < min(len(here), len(target)) and here[common] == target[common]:
        common += 1
    down = "".join(part + "/" for part in target[common:])
    rel = "../" * (len(here) - common) + down or "./"
    return rel + (f"#{anchor}" if anchor else "")


_PLAIN = re.compile(r"(?=[^\s\-+*#>=0-9])[^\\`*_\[\]<>&!\n\r\x00-\x1f\x7f]*(?<=\S)\Z")
"""Text no Markdown rule applies to: one line, no markup character, no list or heading start."""


_EMPHASIS = re.compile(
    r"(?<![*\w])\*([^\s\\`*_\[\]<>&!\n\r\x00-\x1f\x7f](?:[^\\`*_\[\]<>&!\n\r\x00-\x1f\x7f]*[^\s\\`*_\[\]<>&!\n\r\x00-\x1f\x7f])?)\*(?![*\w])"
)
"""`*words*` with nothing Markdown reads inside and no word character or asterisk touching
either end: emphasis, which the shortcut writes as `<em>` (anything else falls back to
Markdown)."""
_ID = re.compile(r"[a-z0-9-]+")
_PLAIN_LABEL = re.compile(r"[^\\`*_\[\]<>&!\n\r\x00-\x1f\x7f]*\Z")


class _NotPlain(Exception):
    """A wiki-link label that needs the full renderer."""


class Memo(dict[str, str]):
    """Markdown (wiki-links already resolved, so the HTML depends on nothing else) -> clean
    HTML, forgotten all at once past `limit` entries. One per build; the live preview keeps
    one across saves (`render.site.PageCache`), so that a save converts only what changed."""

    def __init__(self, limit: int = 200_000) -> None:
        super().__init__()
        self.limit = limit

    def keep(self, key: str, value: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


class MarkdownRenderer:
    """Markdown fields of the facts -> sanitized HTML, with wiki-links resolved for one page.

    Raw HTML in the YAML is shown as text: the HTML block and inline HTML parsers are removed,
    and nh3 cleans the result again (tags, attributes and http/https/mailto links only).
    """

    def __init__(
        self, resolve: Callable[[str], tuple[str, str, str]], memo: Memo | None = None
    ) -> None:
        """`resolve(id)` gives `(page, anchor, label)` of an actor, issue or event; `memo`
        keeps conversions (a new one by default)."""
        self._resolve = resolve
        self.memo = Memo() if memo is None else memo
        self._md = safe_markdown()
        self._page = ""

    def __call__(self, text: str, page: str, *, inline: bool = False) -> str:
        """Render `text` for a link on `page`; `inline` drops the wrapping paragraph."""
        self._page = page
        # Each wiki-link as one character no emphasis may hold or touch, as a link would not.
        probe = WIKI_LINK.sub("\x01", text) if "\x01" not in text else "\x00"
        emphasis = "*" in probe
        rest = _EMPHASIS.sub("x", probe) if emphasis else probe
        if _PLAIN.match(rest.replace("\x01", "x")):
            # Most fields are one line of words and wiki-links, some with a word in *emphasis*:
            # write the HTML that Markdown and nh3 would make of them directly
            # (tests/test_scale.py checks they agree).
            try:
                out = _EMPHASIS.sub(r"<em>\1</em>", text) if emphasis else text
                out = WIKI_LINK.sub(self._wiki_link_html, out).replace("\u00a0", "&nbsp;")
            except _NotPlain:
                pass
            else:
                return out if inline else f"<p>{out}</p>"
        source = WIKI_LINK.sub(self._wiki_link, text)
        cached = self.memo.get(source)
        if cached is None:
            cached = self.memo.keep(
                source,
                nh3.clean(
                    self._md.reset().convert(defuse_brackets(source)).replace(PLACEHOLDER, "["),
                    tags=ALLOWED_TAGS,
                    attributes=ALLOWED_ATTRIBUTES,
                    url_schemes=URL_SCHEMES,
                    link_rel=None,
                ),
            )
        out = cached
        if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    def _wiki_link_html(self, m: re.Match[str]) -> str:
        id = m.group(1).strip()
        if not _ID.fullmatch(id):
            raise _NotPlain
        page, anchor, label = self._resolve(id)
        text = m.group(2).strip() if m.group(2) else label
        if not _PLAIN_LABEL.match(text):
            raise _NotPlain
        return f'<a href="{href(self._page, page, anchor)}">{text}</a>'

    def _wiki_link(self, m: re.Match[str]) -> str:
        page, anchor, label = self._resolve(m.group(1).strip())
        text = m.group(2).strip() if m.group(2) else label
        text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
        return f"[{text}]({href(self._page, page, anchor)})"
