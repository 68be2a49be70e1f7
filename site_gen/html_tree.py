"""Reading a page's tree as a browser that runs scripts builds it (`walk`), and locating
what the safety net reports in the page's text: the n-th element of a tag, its start tag as
written, a short snippet; and whether a `<script>` data block is inert JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

_SNIPPET = 120


_SELECTABLE_TAG = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
"""A tag name a CSS selector can name; the parser also makes tags such as `svg<form`."""


def ordinal(tree: LexborHTMLParser, node: LexborNode) -> int:
    """How many elements of the node's tag come before it in the document."""
    tag = node.tag or "*"
    if _SELECTABLE_TAG.fullmatch(tag) or tag == "*":
        same: Iterable[LexborNode] = tree.css(tag)
    else:
        root = tree.root
        same = [n for n in root.traverse() if n.tag == tag] if root is not None else []
    for n, other in enumerate(same):
        if other.mem_id == node.mem_id:
            return n
    return 0  # pragma: no cover - the node is in the tree


def walk(root: LexborNode) -> Iterator[LexborNode]:
    """Every element under `root` as a browser that runs scripts builds it, in document order,
    with the content of each `<template>` (a declarative shadow root makes it live)."""
    for node in root.traverse(include_text=False):
        if not node.is_element_node:
            continue
        yield node
        if node.tag == "template":
            for fragment in node.template_fragments():
                yield from walk(fragment)


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


_START_TAG_END = re.compile(r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")


def start_tag(html: str, start: int) -> str:
    """The start tag written at `start`, up to its `>` (quotes respected where they close)."""
    m = _START_TAG_END.match(html, start + 1, min(len(html), start + 4000))
    end = m.end() if m else html.find(">", start) + 1 or len(html)
    return html[start:end]


def json_block(body: str) -> bool:
    """A data block that parses as JSON and holds nothing that ends or escapes the element."""
    lowered = body.lower()
    if "</" in lowered or "<!--" in lowered or "<script" in lowered:
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True
