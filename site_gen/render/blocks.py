"""Set the generated pages' HTML blocks aside while a Markdown processor reads the page.

A generated page is Markdown headings around large HTML blocks. Python-Markdown passes such
blocks through untouched, but finds where they end by parsing them tag by tag, which is most
of the time MkDocs spends on these pages. `stash` swaps each complete top-level block for a
one-line comment before the page is converted; `unstash` puts the blocks back in the HTML.
The result is the same HTML (tests/test_blocks.py compares it page by page); the Markdown
written by `site-gen compile` is unchanged. Pure.
"""

from __future__ import annotations

import re
import secrets

_BLOCK_START = re.compile(
    r"<(p|div|ul|ol|dl|table|aside|nav|figure|details|blockquote|h[1-6])(?=[\s>])"
)


def stash(markdown: str) -> tuple[str, list[str], str]:
    """The Markdown with each complete top-level HTML block replaced by a placeholder
    comment, the blocks in order, and the placeholder's unique prefix."""
    token = f"xp-block-{secrets.token_hex(8)}"
    blocks: list[str] = []
    chunks = markdown.split("\n\n")
    for i, chunk in enumerate(chunks):
        if _complete_block(chunk):
            block = chunk.rstrip("\n")
            chunks[i] = f"<!--{token}-{len(blocks)}-->" + chunk[len(block) :]
            blocks.append(block)
    return "\n\n".join(chunks), blocks, token


def unstash(html: str, blocks: list[str], token: str) -> str:
    """The converted HTML with the blocks put back where their placeholders are."""
    if not blocks:
        return html
    return re.sub(rf"<!--{token}-(\d+)-->", lambda m: blocks[int(m.group(1))], html)


def _complete_block(chunk: str) -> bool:
    """A chunk that is one block-level element, opened on its first line and closed at its
    end, with no other element of that name left open: what Markdown passes through as is."""
    m = _BLOCK_START.match(chunk)
    if not m:
        return False
    tag = m.group(1)
    text = chunk.rstrip("\n")
    if not text.endswith(f"</{tag}>") or "\n\n" in text:
        return False
    opened = len(re.findall(rf"<{tag}(?=[\s>])", text))
    return opened == text.count(f"</{tag}>")
