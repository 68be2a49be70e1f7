"""The hostile corpus (tests/hostile_corpus.py) built with `mkdocs build --strict` and loaded in
Chromium, page by page: no dialog opens, no payload sets `window.__pwned` (also after every
element gets the events the payloads listen for), and the payloads read as text.

Needs what tests/test_browser.py needs; skipped (or failed with SITE_GEN_REQUIRE_BROWSER=1)
the same way.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_browser import Browser, PlaywrightTimeoutError, expect  # skips without Chromium

from site_gen.safety import scan_page
from tests.hostile_corpus import (
    CLOSE,
    IMG,
    SCRIPT,
    SVG,
    SVG_SINGLE,
    TOKENIZER_TRICKS,
    WRAPPERS,
)
from tests.sites import serving

pytestmark = pytest.mark.browser

# Every event an injected handler could wait for, fired at every element; plain `Event`s, so
# that no link is followed.
FIRE_EVENTS = """() => {
  const types = ["click", "mouseover", "mouseenter", "focus", "blur", "load", "error",
                 "toggle", "animationstart", "pointerover", "input", "change"];
  for (const el of document.querySelectorAll("*")) {
    for (const type of types) el.dispatchEvent(new Event(type));
  }
  return document.querySelectorAll("*").length;
}"""

VISIBLE = [
    # (page, selector, text that must be shown, as written)
    ("", "h1", f"Talks {SCRIPT} {{onclick=window.__pwned=1}}"),
    (
        "",
        ".xp-lede",
        f"{IMG} and {SVG} and {{{{ config.site_name }}}} {{% if true %}}jinja{{% endif %}}",
    ),
    ("issues/hostile/", "h1", "Pipes | & <b>bold</b>"),
    ("issues/hostile/", ".xp-question", f"{SVG}?"),
    ("issues/hostile/", "tr#position-alpha .xp-stance", f"{IMG} | a || b"),
    ("issues/hostile/", "tr#position-beta .xp-stance", "# not a heading"),
    ("actors/alpha/", "h1", f"Alpha {SVG}"),
    ("actors/alpha/", "dl.xp-facts", CLOSE),
    ("actors/beta/", "dl.xp-facts", SVG_SINGLE),
    ("timeline/", "li#meeting h3", SCRIPT),
    ("timeline/", "li#meeting", '<a href="javascript:window.__pwned=1">x</a>'),
    ("sources/", "cite", SCRIPT),
    ("glossary/", "dt", "<b onmouseover=window.__pwned=1>term</b>"),
]


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[tuple[str, Path]]:
    """The hostile site (conftest.py: built once per run, with --strict), served; yields (its
    URL, its folder)."""
    with serving(hostile_site.parent) as origin:
        yield f"{origin}/{hostile_site.name}/", hostile_site


def test_no_injected_script_runs_on_any_page(hostile_url, browser: Browser) -> None:
    url, site = hostile_url
    paths = sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
    )
    assert len(paths) >= 10
    context = browser.new_context()
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        for path in paths:
            response = page.goto(url + path)
            assert response is not None and response.status in (200, 404), path
            page.wait_for_load_state("load")
            # A whole page was there to fire at: Material's pages hold hundreds of elements,
            # an embed card (no header, navigation or search) a few dozen.
            assert page.evaluate(FIRE_EVENTS) > (20 if path.startswith("embed/") else 50), path
            page.wait_for_timeout(50)  # let anything scheduled run
            assert page.evaluate("typeof window.__pwned") == "undefined", path
    finally:
        context.close()
    assert dialogs == []
    assert errors == []


@pytest.mark.parametrize(("path", "selector", "text"), VISIBLE)
def test_payloads_read_as_text(
    hostile_url, browser: Browser, path: str, selector: str, text: str
) -> None:
    url, _ = hostile_url
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + path)
        shown = page.locator(selector).first.inner_text()
        assert text in shown, (path, selector, shown)
        assert page.evaluate("typeof window.__pwned") == "undefined"
    finally:
        context.close()


SEARCHES = [
    ("Talks", SCRIPT),
    ("window", "window.__pwned=1"),
    ("svg onload", SVG),
    ("onerror", IMG),
    ("Pipes", "Pipes | & <b>bold</b>"),
]


@pytest.mark.parametrize(("query", "text"), SEARCHES)
def test_search_results_show_payloads_as_text(
    hostile_url, browser: Browser, query: str, text: str
) -> None:
    """Material renders search results (and highlights the words found in them) as HTML built
    from the search index; a query that matches a payload, or the entities around it, must
    still show text."""
    url, _ = hostile_url
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        box = page.locator("input.md-search__input")  # in the header at desktop width
        box.click()
        box.press_sequentially(query)  # Material searches on key presses
        results = page.locator(".md-search-result__item")
        # each key shows the results of the query so far: wait for those that show the text
        expect(results.filter(has_text=re.compile(re.escape(text))).first).to_be_attached()
        page.evaluate(FIRE_EVENTS)
        page.wait_for_timeout(50)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        shown = "\n".join(results.all_inner_texts())
        assert text in shown, shown
    finally:
        context.close()


def _runs_in_chromium(page, html: str, *, surely: bool = False) -> bool:
    """Whether Chromium, given `html` as a whole page, runs a payload that sets `__pwned`;
    `surely`: it should, so wait for it (up to 15 s) rather than a moment."""
    page.set_content(f"<!doctype html><html><head></head><body>{html}</body></html>")
    if surely:
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function("window.__pwned === 1", timeout=15_000)
    else:
        page.wait_for_timeout(30)  # an image's error event comes after the load
    return page.evaluate("window.__pwned === 1")


def test_each_tokenizer_trick_runs_in_chromium_and_the_net_reports_it(browser: Browser) -> None:
    """The reproductions of issue 10 are real (Chromium runs each), and the net finds each."""
    context = browser.new_context()
    try:
        page = context.new_page()
        for name, markup in TOKENIZER_TRICKS.items():
            assert _runs_in_chromium(page, markup, surely=True), name
            found = [u.what for u in scan_page(markup, "p.html")]
            assert "event-handler attribute 'onerror'" in found, name
    finally:
        context.close()


PIECES = st.lists(
    st.sampled_from(
        [
            *(f"<{w}>" for w in WRAPPERS),
            *(f"</{w}>" for w in WRAPPERS),
            "<svg>",
            "<math>",
            "<style>",
            "</style>",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            '<p title="',
            '"',
            "'",
            ">",
            "<template shadowrootmode=open>",
            "<script>",
            "</script>",
            "window.__pwned=1",
            "<img src=x onerror=window.__pwned=1>",
            "<svg onload=window.__pwned=1>",
            "</p>",
            " ",
        ]
    ),
    max_size=10,
).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(html=PIECES)
def test_whatever_chromium_runs_the_net_reports(browser: Browser, html: str) -> None:
    """Chromium is the oracle: any mix of the tricks' pieces that runs in it is reported."""
    context = browser.new_context()
    try:
        if _runs_in_chromium(context.new_page(), html):
            assert scan_page(html, "p.html") != [], html
    finally:
        context.close()
