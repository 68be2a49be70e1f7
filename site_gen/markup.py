"""Markdown helpers that both the checks and the renderer use: the wiki-link pattern, the
converter of fact fields, the bracket rule that keeps Python-Markdown linear, and ids made from
text. Pure: no import of the rest of site_gen."""

from __future__ import annotations

import re

import markdown

WIKI_LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
r"""`[[id]]` or `[[id|label]]`. Neither part holds a bracket, so a try that fails stops at the
next one: linear time, where `[^\]|]*` made 100,000 `[` take hours."""
_BRACKET = re.compile(r"(?<!\\)(\\*)\[")
_LINK_TEXT = re.compile(
    r"\[(?:[^\[\]\\]|\\.){0,1000}\]"  # the text: no bracket but escaped ones
    r"(?=\((?:[^()\n]|\([^()\n]{0,1000}\)){0,1000}\)|\[|:)",  # (target), [ref] or : (a definition)
    re.DOTALL,
)
_REF = re.compile(r"\[[^\[\]\\]{0,1000}\]")
PLACEHOLDER = "\ufdd0"
"""Stands for a `[` that starts no link; a noncharacter, which no fact may hold (load.py)."""


def safe_markdown() -> markdown.Markdown:
    """The Markdown converter for facts' fields, as pages render them: raw HTML is not parsed
    (the HTML block and inline parsers are removed), so HTML in YAML stays text."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def defuse_brackets(markdown_text: str) -> str:
    """The Markdown with every `[` that cannot start a link (no `](...)`, `][` or `]:` within
    1,000 characters, or another bracket first) replaced by `PLACEHOLDER`, which the HTML gets back
    as `[`. Python-Markdown scans from each `[` to its match or to the end of the paragraph,
    so 100,000 `[` took hours; after this each scan is at most 1,000 characters. Linear time."""
    if "[" not in markdown_text:
        return markdown_text
    parts, last = [], 0
    for m in _BRACKET.finditer(markdown_text):
        at = m.end() - 1
        if len(m[1]) % 2 or _LINK_TEXT.match(markdown_text, at):
            continue  # escaped by a backslash, or a link
        if markdown_text[at - 1 : at] == "]" and _REF.match(markdown_text, at):
            continue  # the [ref] of [text][ref]
        parts += [markdown_text[last:at], PLACEHOLDER]
        last = at + 1
    return "".join(parts) + markdown_text[last:]


def slug(text: str) -> str:
    """A valid id made from any text: `Donbas_Region` -> `donbas-region`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "name"
