"""Embeddable issue cards (issue 24): the generated pages (golden, tests/goldens/embed/,
`make goldens` rewrites them), the built page (no chrome, one script, links out of the frame),
out of search and sitemap, and the copy-ready code on the issue page."""

from __future__ import annotations

import functools
import html
import json
import os
import re
from pathlib import Path

import pytest

from site_gen import share
from site_gen.check import get_content
from site_gen.compose import compose
from site_gen.render import embed
from site_gen.render.base import Renderer
from tests.corpora import TALKS, TALKS_2025_12
from tests.sites import Site

GOLDENS = Path(__file__).parent / "goldens" / "embed"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
CASES = {"talks-2025-12": TALKS_2025_12, "peace-talks": TALKS}
HEAD = embed.Head("The talks", ("assets/site.css", "assets/embed.css"), "assets/icon.png")


@pytest.mark.parametrize("case", sorted(CASES))
def test_embed_pages_match_their_goldens(case: str) -> None:
    pages = share.Sharer().embed_pages(get_content(CASES[case]), HEAD)
    folder = GOLDENS / case
    if UPDATE:
        for old in folder.rglob("*.html"):
            old.unlink()
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in folder.rglob("*.html")
    }
    assert sorted(pages) == sorted(expected), "embed pages added or removed: run `make goldens`"
    for path, text in pages.items():
        assert text == expected[path], f"{case}/{path} changed: run `make goldens`, review diff"


def test_an_unchanged_issue_s_embed_page_is_not_rendered_again() -> None:
    content = get_content(TALKS_2025_12)
    sharer = share.Sharer()
    first = sharer.embed_pages(content, HEAD)
    again = sharer.embed_pages(content, HEAD)
    assert all(again[p] is first[p] for p in first)  # the same strings: taken from the memo
    fresh = share.Sharer().embed_pages(content, HEAD)  # another build's own memo
    assert fresh == first and all(fresh[p] is not first[p] for p in first)


def test_a_build_renders_its_embed_pages_with_the_renderer_of_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One Renderer a build: it orders and derives every fact once, for the pages and then
    for the embed cards (a second one cost about half a second at 1,000 issues). The pages
    are the same as a renderer of their own makes."""
    made: list[Renderer] = []
    init = Renderer.__init__

    def counted(self: Renderer, *args: object, **kwargs: object) -> None:
        made.append(self)
        init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Renderer, "__init__", counted)
    sharer = share.Sharer()
    done = compose(
        TALKS_2025_12,
        [],
        [],
        site_url="https://example.org/talks/",
        templates=None,
        share=functools.partial(
            sharer.share,
            site_url="https://example.org/talks/",
            config_file=str(tmp_path / "mkdocs.yml"),
            theme_dirs=[],
            templates=None,
            cards=False,
        ),
    )
    assert len(made) == 1
    content = get_content(TALKS_2025_12)
    alone = share.Sharer().embed_pages(content, share.head(content, [], []))
    assert len(made) == 2 and done.shared.embeds == alone


def test_the_embed_code_is_a_lazy_titled_iframe_and_an_optional_script() -> None:
    code = embed.embed_code(
        "https://x.example/embed/issues/a/", 'A "b" & c', "https://x.example/e.js"
    )
    assert code == (
        '<iframe src="https://x.example/embed/issues/a/" title="A &quot;b&quot; &amp; c" '
        'loading="lazy" width="100%" height="420" style="border:0;width:100%;max-width:720px" '
        "data-explainer-embed></iframe>\n"
        '<script src="https://x.example/e.js" async></script>'
    )


def _page(site: Site, path: str) -> str:
    return (site.dir / path / "index.html").read_text(encoding="utf-8")


def test_the_embed_page_has_the_card_and_none_of_the_site_s_chrome(site: Site) -> None:
    page = _page(site, "embed/issues/donbas")
    for chrome in ("md-header", "md-tabs", "md-sidebar", "md-search", "md-footer", "__config"):
        assert chrome not in page, chrome
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="../../../assets/embed.js">']
    assert '<meta name="robots" content="noindex">' in page
    assert (
        '<h1 class="xp-row__question"><a target="_top" href="../../../issues/donbas/">'
        "What will happen to the Donbas region under a peace deal?</a></h1>"
    ) in page
    assert '<span class="xp-badge xp-status xp-status--open">Open</span>' in page
    assert page.count('class="xp-stand ') == 3
    assert '<h2 id="sources">Sources</h2>' in page
    assert 'As of <time datetime="2025-12-19">19 Dec 2025</time>' in page
    assert (
        '<a target="_top" href="../../../issues/donbas/">Fate of the Donbas region: the full page'
        in page
    )
    # every link leaves the frame, but those within the card
    for link in re.findall(r"<a\b[^>]*>", page):
        assert 'target="_top"' in link or 'href="#' in link, link


def test_embed_pages_are_in_neither_the_search_index_nor_the_sitemap(site: Site) -> None:
    index = json.loads((site.dir / "search" / "search_index.json").read_text("utf-8"))
    assert [d["location"] for d in index["docs"] if d["location"].startswith("embed/")] == []
    assert any(d["location"] == "issues/donbas/" for d in index["docs"])
    sitemap = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site.url}issues/donbas/</loc>" in sitemap
    assert "/embed/" not in sitemap


def test_the_issue_page_offers_the_copy_ready_code(site: Site) -> None:
    page = _page(site, "issues/donbas")
    block = page.split('<details class="xp-embed-code">', 1)[1].split("</details>", 1)[0]
    assert "<summary>Embed this issue</summary>" in block
    code = html.unescape(re.search(r"<pre><code>(.*?)</code></pre>", block, re.DOTALL)[1])  # type: ignore[index]
    url = f"{site.url}embed/issues/donbas/"
    assert code == embed.embed_code(
        url,
        "Fate of the Donbas region (Ukraine–Russia peace talks)",
        f"{site.url}assets/embed-host.js",
    )
    assert f'<a href="{url}">See the card on its own</a>' in block
    assert "xp-embed-code" not in _page(site, "actors/putin")  # issues only
