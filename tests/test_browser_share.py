"""Readers beyond the site, in Chromium (issue 24): the embeddable issue card at 300 and
600 px, light and dark (nothing from another host, no script but its own, axe at zero), the
optional auto-height script on a page that frames it, the share card as an image, and the
print view (the stamp first, the embed code left out)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.sites import Site
from tests.test_browser import axe_violations

EMBED = "embed/issues/donbas/"


@pytest.fixture
def embed_tab(browser: Browser, site: Site) -> Iterator:
    contexts = []

    def open_embed(width: int, scheme: str) -> tuple[Page, list[str]]:
        context = browser.new_context(
            viewport={"width": width, "height": 700}, color_scheme=scheme, reduced_motion="reduce"
        )
        contexts.append(context)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        response = page.goto(site.url + EMBED, wait_until="load")
        assert response is not None and response.ok
        return page, requested

    yield open_embed
    for context in contexts:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [300, 600])
def test_the_embed_reads_from_300_px_loads_only_from_its_site_and_runs_one_script(
    embed_tab, site: Site, width: int, scheme: str
) -> None:
    page, requested = embed_tab(width, scheme)
    expect(page.locator("h1")).to_have_text(
        "What will happen to the Donbas region under a peace deal?"
    )
    others = [u for u in requested if not u.startswith(site.url)]
    assert others == []
    assert page.evaluate("[...document.scripts].map(s => s.src)") == [site.url + "assets/embed.js"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('main *')]
            .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3
                && n.textContent.trim()) && !e.closest('.xp-claim'))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 11, f"text at {smallest}px"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
    found = axe_violations(page)
    assert not found, found


def test_the_optional_script_fits_the_frame_to_the_card(browser: Browser, site: Site) -> None:
    host = site.dir.parent / "host.html"  # another page of the same server, outside the site
    host.write_text(
        '<!doctype html><html lang="en"><title>An article</title>'
        f'<iframe src="{site.url}{EMBED}" title="Card" loading="lazy" height="420" '
        'style="border:0;width:300px" data-explainer-embed></iframe>'
        f'<script src="{site.url}assets/embed-host.js" async></script></html>',
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 800, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.origin + "/host.html")
        frame = page.locator("iframe")
        page.wait_for_function("document.querySelector('iframe').style.height !== ''")
        card = page.frame_locator("iframe").locator("body")
        card_height = card.evaluate("b => Math.ceil(b.getBoundingClientRect().height)")
        assert card_height > 420  # at 300 px the card is taller than the default frame
        assert frame.evaluate("f => f.getBoundingClientRect().height") == card_height
    finally:
        context.close()
        host.unlink()


def test_the_share_card_is_an_image_of_1200_by_630(browser: Browser, site: Site) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.url + "issues/donbas/")
        src = page.locator('meta[property="og:image"]').get_attribute("content")
        assert src == site.url + "assets/cards/issues/donbas.png"
        page.set_content(f'<img src="{src}" alt="">')
        size = page.wait_for_function(
            "() => { const i = document.images[0]; return i.complete && i.naturalWidth"
            " && [i.naturalWidth, i.naturalHeight] }"
        ).json_value()
        assert size == [1200, 630]
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "issues/donbas/"])
def test_printed_the_site_date_and_address_come_first_and_the_embed_code_not_at_all(
    open_page, site: Site, path: str
) -> None:
    page = open_page(path)
    stamp = page.locator(".xp-print-stamp")
    expect(stamp).to_be_hidden()
    page.emulate_media(media="print")
    expect(stamp).to_be_visible()
    assert stamp.inner_text() == (
        f"Ukraine–Russia peace talks · As of 19 December 2025 · {site.url}{path}"
    )
    first = page.evaluate(
        "document.querySelector('article').querySelector('.xp-print-stamp, h1').className"
    )
    assert first == "xp-print-stamp"
    top = page.evaluate("document.querySelector('.xp-print-stamp').getBoundingClientRect().top")
    assert top < 200  # on the first printed page, at its head
    if path:
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.xp-embed-code')).display")
            == "none"
        )
    else:
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.xp-row')).breakInside")
            == "avoid"
        )
