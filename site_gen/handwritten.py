"""The pages a newsroom writes by hand in the content folder: what the adapter does to their
Markdown before the engine reads it, and the allowlist their HTML is held to after
(`check_hand_written`: only the elements and attributes of `PAGE_ELEMENTS` and
`PAGE_ATTRIBUTES`, stricter than the safety net every page passes). Pure: no MkDocs."""

from __future__ import annotations

import re
from collections.abc import Mapping

from selectolax.lexbor import LexborHTMLParser

from site_gen.errors import Problem
from site_gen.html_tree import walk
from site_gen.markup import PLACEHOLDER, defuse_brackets
from site_gen.published import (
    MARKUP_PLACEHOLDER,
    allowed_front_matter,
    defuse_markup,
    front_matter_problems,
    paragraph_problems,
)


class HandWritten:
    """The hand-written pages of one build and their problems: found in the Markdown (front
    matter, paragraphs) and in the HTML (`check_hand_written`)."""

    def __init__(self) -> None:
        self._source: dict[str, list[Problem]] = {}
        self.problems: list[Problem] = []
        """Every problem found so far; a build fails on them once every page is seen."""

    def markdown(
        self, uri: str, markdown: str, meta: Mapping[str, object], source: str, display: str
    ) -> tuple[str, dict[str, object]]:
        """The Markdown the engine may read, and the front matter it may keep (no template,
        no redirect: `published.py`). Every `[` that starts no link, and every `<` that starts
        no tag, is kept from Python-Markdown; a paragraph is bounded like a Markdown field
        (linear time): a page with a too-long one is not rendered at all."""
        found = front_matter_problems(meta, source, display)
        too_long = paragraph_problems(source, display)
        self._source[uri] = found + too_long
        if too_long:
            return "", allowed_front_matter(meta)
        return defuse_markup(defuse_brackets(markdown)), allowed_front_matter(meta)

    def html(self, uri: str, html: str, source: str, display: str) -> tuple[str, list[Problem]]:
        """The page's HTML with the kept characters back, and its problems."""
        html = html.replace(PLACEHOLDER, "[").replace(MARKUP_PLACEHOLDER, "&lt;")
        problems = self._source.pop(uri, []) + check_hand_written(html, source, display)
        self.problems += problems
        return html, problems

    def taken(self) -> list[Problem]:
        """The problems found since the last call (one build's)."""
        problems, self.problems = self.problems, []
        return problems


PAGE_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "iframe",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    ]
)
"""What the HTML of a hand-written page may hold: text, structure, tables, images, and frames
from hosts the site allows. No script, style, form, media player, `<meta>`, `<svg>` or `<math>`."""
PAGE_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset(["id", "class", "title", "lang", "dir", "role"]),
    "a": frozenset(["href", "rel", "target", "hreflang"]),
    "img": frozenset(["src", "alt", "width", "height", "loading", "decoding"]),
    "iframe": frozenset(
        [
            "src",
            "width",
            "height",
            "allow",
            "allowfullscreen",
            "loading",
            "referrerpolicy",
            "sandbox",
        ]
    ),
    "ol": frozenset(["start", "type", "reversed"]),
    "td": frozenset(["colspan", "rowspan", "headers", "align"]),
    "th": frozenset(["colspan", "rowspan", "headers", "scope", "align", "abbr"]),
    "col": frozenset(["span"]),
    "colgroup": frozenset(["span"]),
    "time": frozenset(["datetime"]),
    "del": frozenset(["datetime", "cite"]),
    "ins": frozenset(["datetime", "cite"]),
    "blockquote": frozenset(["cite"]),
    "q": frozenset(["cite"]),
    "details": frozenset(["open"]),
}
"""Attributes allowed on every element (`*`) and per element; also `aria-*`, and `style`
with plain declarations (no `url(`, no escapes)."""
_PLAIN_STYLE = re.compile(
    r"\s*(?:[a-z-]+\s*:\s*[#\w .%,-]*(?:;\s*[a-z-]+\s*:\s*[#\w .%,-]*)*;?\s*)?", re.ASCII
)
_HAND_WRITTEN = 'see docs/publishers.md "Safety" for what hand-written pages may hold'


def check_hand_written(html: str, source: str, display: str) -> list[Problem]:
    """The elements and attributes of a hand-written page's HTML (what its Markdown became) that
    the allowlist does not hold, located in the page's source text `source` at `display`."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    tree = LexborHTMLParser(html, scripting=True)
    for node in walk(tree.root) if tree.root is not None else ():
        tag = (node.tag or "").lower()
        n = seen.get(tag, 0)
        seen[tag] = n + 1
        if tag in ("html", "head", "body"):
            # Built by the parser around the page, or given the attributes of a stray tag.
            allowed: frozenset[str] = frozenset()
        elif tag not in PAGE_ELEMENTS:
            line, col = _find(source, f"<{tag}", n)
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    f"<{tag}> is not allowed in a hand-written page; {_HAND_WRITTEN}",
                )
            )
            continue
        else:
            allowed = PAGE_ATTRIBUTES["*"] | PAGE_ATTRIBUTES.get(tag, frozenset())
        for name, value in node.attributes.items():
            name = name.lower()
            if name in allowed or name.startswith("aria-"):
                continue
            if name == "style" and _PLAIN_STYLE.fullmatch(value or ""):
                continue
            line, col = _find(source, name, 0, after=_find_index(source, f"<{tag}", n))
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    f"attribute '{name}' on <{tag}> is not allowed in a hand-written page; "
                    f"{_HAND_WRITTEN}",
                )
            )
    return problems


def _find_index(source: str, text: str, n: int) -> int:
    """Where the n-th occurrence (from 0) of `text`, in any case, starts; 0 when there is none."""
    lower, needle, at = source.lower(), text.lower(), -1
    for _ in range(n + 1):
        found = lower.find(needle, at + 1)
        if found < 0:
            return max(at, 0)
        at = found
    return at


def _find(source: str, text: str, n: int, after: int = 0) -> tuple[int, int]:
    """The line and column (from 1) of the n-th occurrence of `text` at or after `after`."""
    at = _find_index(source[after:], text, n) + after if after < len(source) else 0
    line = source.count("\n", 0, at) + 1
    return line, at - (source.rfind("\n", 0, at) + 1) + 1
