"""Setting the HTML blocks aside while Markdown reads a page changes nothing in the HTML."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from site_gen.check import get_content
from site_gen.render import render_site
from site_gen.render.blocks import stash, unstash
from tests.corpora import TALKS
from tests.hostile_corpus import write_corpus as write_hostile
from tests.synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent


def _convert(text: str) -> str:
    # The extensions of mkdocs.yml; MkDocs' own ones leave raw HTML blocks alone.
    md = markdown.Markdown(
        extensions=["toc", "tables", "fenced_code", "attr_list"],
        extension_configs={"toc": {"permalink": False}},
    )
    return md.convert(text)


def _corpus(name: str, tmp: Path) -> Path:
    if name == "shipped":
        return TALKS
    if name == "edge":
        return ROOT / "tests" / "fixtures" / "edge"
    if name == "hostile":
        return write_hostile(tmp / "hostile")
    return write_corpus(tmp / "synthetic", 12)


@pytest.mark.parametrize("name", ["shipped", "edge", "hostile", "synthetic"])
def test_every_page_converts_to_the_same_html(name: str, tmp_path: Path) -> None:
    pages = render_site(get_content(_corpus(name, tmp_path))).pages
    stashed_any = 0
    for path, page in pages.items():
        body = page.split("\n---\n", 1)[1]  # the front matter is MkDocs' to read
        text, blocks, token = stash(body)
        stashed_any += len(blocks)
        assert unstash(_convert(text), blocks, token) == _convert(body), path
    assert stashed_any > len(pages)


def test_an_unbalanced_chunk_stays_for_markdown() -> None:
    body = "<div>\n<pre><code>a\n\nb</code></pre>\n</div>\n\n## Heading\n\n<p>done</p>\n"
    text, blocks, token = stash(body)
    assert blocks == ["<p>done</p>"]
    assert text.startswith("<div>\n<pre><code>a\n\nb</code></pre>\n</div>\n\n## Heading\n\n<!--")
    assert unstash(_convert(text), blocks, token) == _convert(body)
