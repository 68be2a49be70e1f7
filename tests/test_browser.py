"""The built site in a real Chromium: content of each page kind, phone layout, accessibility
(axe-core), links, and the Nu HTML Checker. One `mkdocs build --strict`, served under the
sub-path /explainer/ as on GitHub Pages, and one browser for the whole run (the fixtures `site`,
`browser`, `open_page` and `axe_tabs` are in conftest.py).

Needs /usr/bin/chromium and playwright (else the module is skipped), and `make test-tools` for
axe-core and vnu-jar in tests/browser/node_modules (else those tests are skipped). With
SITE_GEN_REQUIRE_BROWSER=1 (CI) anything missing fails instead.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.sites import AXE, CHROMIUM, DESKTOP, PHONE, PREFIX, ROOT, TEST_TOOLS, Site

VNU = TEST_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
REQUIRED = os.environ.get("SITE_GEN_REQUIRE_BROWSER") == "1"


def need(ok: bool, what: str, *, module: bool = False) -> None:
    """Skip (the test, or the whole `module`) without `what`; fail if SITE_GEN_REQUIRE_BROWSER=1."""
    if ok:
        return
    if REQUIRED:
        pytest.fail(f"{what} is missing and SITE_GEN_REQUIRE_BROWSER=1", pytrace=False)
    pytest.skip(f"{what} is missing", allow_module_level=module)


try:
    from playwright.sync_api import Browser, Locator, Page, expect
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: F401 - for the others
except ImportError:  # pragma: no cover - depends on the machine
    need(False, "playwright (pip install playwright)", module=True)
need(CHROMIUM.is_file(), str(CHROMIUM), module=True)
expect.set_options(timeout=15_000)  # what a test waits for may take seconds on a busy machine

pytestmark = pytest.mark.browser


# -- each page kind has its content -----------------------------------------------------


def listing(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


def texts(page: Page, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


STAND_WORDS = {
    "Supports",
    "Rejects",
    "Says",
    "Reported",
    "In the source’s assessment",
    "Declined",
    "Not covered by our sources",
}


def test_home_says_where_things_stand(open_page) -> None:
    page = open_page("")
    assert len(texts(page, "h1")) == 1
    # the date once; the key points after the bottom line (the first one, here), each cited
    assert page.locator(".xp-asof time[datetime]").count() == 1
    assert page.locator("ol.xp-rows time[datetime='2025-12-19']").count() == 0
    points = page.locator("ul.xp-key-points > li")
    assert points.count() == 4
    assert points.locator("a.xp-cite").count() == points.count()
    # a row per issue: its question, its status, and each principal's stand in a word
    rows = page.locator("ol.xp-rows > li.xp-row")
    assert rows.count() == 5
    for i in range(rows.count()):
        row = rows.nth(i)
        assert row.locator("h3 a").count() == 1
        assert row.locator(".xp-badge.xp-status").count() == 1
        stands = row.locator(".xp-stand")
        assert texts(stands, ".xp-stand__who") == ["United States", "Ukraine", "Russia"]
        for word in texts(stands, ".xp-said__word"):
            assert word in STAND_WORDS
    gap = page.locator("#row-security-guarantees .xp-ground")
    assert gap.inner_text().startswith("Gap:")
    # every stand is in the issues block, before what's next; the expected event is there
    next_top = page.locator("h2#next").bounding_box()
    last = page.locator(".xp-stand").last.bounding_box()
    assert next_top and last and last["y"] < next_top["y"]
    upcoming = page.locator("ul.xp-next > li")
    assert upcoming.count() == 1
    assert "Expected" in upcoming.inner_text()
    assert "miami-talks" not in " ".join(
        page.locator("ul.xp-latest:not(.xp-next) a").evaluate_all("as => as.map(a => a.href)")
    )


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_first_screen_says_where_the_talks_are(open_page, width: int) -> None:
    """The bottom line, the as-of date and the tally of the issues by status: in the first
    700 px on a phone, above the fold on a desktop, and then the first row of stands."""
    page = open_page("", width)
    fold = 700 if width == PHONE else 900
    for selector in (".xp-bottom-line", ".xp-top .xp-asof", ".xp-tally"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= fold, (selector, box)
    assert "19 Dec 2025" in page.locator(".xp-top .xp-asof").inner_text()
    assert texts(page, ".xp-tally a") == ["0 of 5 agreed", "1 narrowing", "4 open"]
    hrefs = page.locator(".xp-tally a").evaluate_all("as => as.map(a => a.hash)")
    assert hrefs == ["#issues", "#row-deal-prospects", "#row-donbas"]
    # the bottom line stood in for key point 1, which is not listed again
    line = page.locator(".xp-bottom-line").inner_text()
    assert line.startswith("The U.S. has made “progress”")
    assert all("a ways to go" not in t for t in texts(page, "ul.xp-key-points > li"))
    # nothing comes between the first screen and the rows of stands
    heading = page.locator("h2#issues").bounding_box()
    tally = page.locator(".xp-tally").bounding_box()
    assert heading and tally and heading["y"] - (tally["y"] + tally["height"]) < 120


@pytest.mark.parametrize(
    "path", ["", "issues/", "issues/donbas/", "positions/", "actors/zelenskyy/", "actors/russia/"]
)
def test_one_option_one_mark_and_two_options_never_share_one(open_page, path: str) -> None:
    """A stand shows the option it backs with that option's mark, the same wherever the
    option appears on the page; two different options never share a mark."""
    page = open_page(path)
    marked = page.locator(".xp-opt").evaluate_all(
        """els => els.map(el => [
            [...el.classList].find(c => /^xp-opt--\\d+$/.test(c)),
            (el.querySelector('.xp-said__text, .xp-option__label') || el).textContent.trim(),
            getComputedStyle(el).getPropertyValue('--xp-opt').trim(),
        ])"""
    )
    assert marked, path
    mark_of: dict[str, str] = {}
    option_of: dict[str, str] = {}
    for mark, label, colour in marked:
        assert mark and colour, (path, label)
        assert mark_of.setdefault(label, mark) == mark, (path, label)
        assert option_of.setdefault(mark, label) == label, (path, mark)


def test_opposite_stands_on_donbas_look_different(open_page) -> None:
    """Ukraine and Russia both "support" an option, opposite ones: their stands differ in
    label and colour, never only by colour."""
    page = open_page("")
    said = page.locator("#row-donbas .xp-said--supports")
    assert said.count() == 2
    colours = said.evaluate_all(
        "els => els.map(el => getComputedStyle(el.querySelector('.xp-said__word')).borderColor)"
    )
    labels = texts(said, ".xp-said__text")
    assert colours[0] != colours[1] and labels[0] != labels[1]


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("issues/donbas/", "Issues"),
        ("actors/putin/", "Actors"),
        ("issues/", "Issues"),
        ("", "Home"),
    ],
)
def test_the_current_sections_tab_is_active(open_page, path: str, tab: str) -> None:
    """An issue or actor page is not listed in the navigation, but its section's tab shows as
    the current one, as on the section's own page."""
    page = open_page(path)
    assert texts(page, ".md-tabs__item--active .md-tabs__link") == [tab]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_badges_are_at_least_12_px_and_headings_have_one_face_per_level(
    open_page, width: int
) -> None:
    faces: dict[str, set[str]] = {}
    for path in ("", "issues/", "issues/donbas/", "actors/", "actors/putin/", "changes/"):
        page = open_page(path, width)
        sizes = page.locator(".xp-badge, .xp-said__word, .xp-cell").evaluate_all(
            "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
        )
        assert all(size >= 12 for size in sizes), (path, sizes)
        for level in ("h1", "h2", "h3"):
            found = page.locator(f"article {level}").evaluate_all(
                "els => els.map(el => getComputedStyle(el).fontFamily)"
            )
            faces.setdefault(level, set()).update(found)
        # a rule above a heading spans the whole column, never one grid cell of a row
        column = page.locator("article").bounding_box()
        rules = page.locator("article h2").evaluate_all(
            """els => els.filter(el => parseFloat(getComputedStyle(el).borderTopWidth) > 0)
                .map(el => el.getBoundingClientRect().width)"""
        )
        assert column and all(w >= column["width"] - 40 for w in rules), (path, rules)
    assert all(len(found) == 1 for found in faces.values()), faces


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_citation_mark_opens_its_source_in_place_and_gives_focus_back(
    open_page, width: int
) -> None:
    page = open_page("issues/donbas/", width)
    mark = page.locator("a.xp-cite").first
    mark.scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    mark.click()
    note = page.locator(".xp-cite-note")
    assert note.is_visible()
    assert "Rubio says the U.S. has made “progress”" in note.inner_text()
    assert "published 19 December 2025" in note.inner_text()
    assert page.evaluate("document.activeElement.className") == "xp-cite-note"
    assert page.evaluate("window.scrollY") == before  # the reader stays in place
    assert page.url.endswith("/issues/donbas/")  # no jump to the list
    box, view = note.bounding_box(), page.viewport_size
    assert box and view and box["x"] >= 0 and box["x"] + box["width"] <= view["width"]
    page.keyboard.press("Escape")
    assert note.count() == 0
    assert page.evaluate("document.activeElement.id") == "cite-ref-1-1"
    # from the keyboard: Enter opens it, the close button closes it
    page.keyboard.press("Enter")
    assert note.is_visible()
    page.locator(".xp-cite-note__close").click()
    assert note.count() == 0
    assert page.evaluate("document.activeElement.id") == "cite-ref-1-1"


def test_issue_has_a_row_per_actor_with_header_cells(open_page) -> None:
    page = open_page("issues/donbas/")
    assert texts(page, "h1") == ["Fate of the Donbas region"]
    assert page.locator("article h1 + p.xp-question").count() == 1  # the question first
    table = page.locator("table.xp-positions")
    head = texts(table, "thead th[scope=col]")
    # every row shares one date: said once, above the table, not in a column
    assert head == ["Actor", "Position", "Sources"]
    assert "Every position as of 19 Dec 2025" in page.locator("h2#positions + p").inner_text()
    for actor in ("zelenskyy", "russia", "putin"):
        row = table.locator(f"tbody tr#position-{actor}")
        assert row.locator("th[scope=row] a").count() == 1, actor
        labels = row.locator("td").evaluate_all("tds => tds.map(td => td.dataset.label)")
        assert labels == head[1:], actor
    assert page.locator(".xp-meta .xp-status").count() == 1
    # what does not exist is left out
    text = table.inner_text()
    for filler in ("None", "Not stated", "same day"):
        assert filler not in text, filler
    # the options on the table, as a scale, with who supports each
    options = page.locator(".xp-options--ordered li.xp-option")
    assert options.count() == 2
    assert "Volodymyr Zelenskyy" in options.nth(0).locator(".xp-said--supports").inner_text()
    assert "Russia" in options.nth(1).locator(".xp-said--supports").inner_text()
    first, second = (options.nth(i).bounding_box() for i in range(2))
    assert first and second and first["x"] < second["x"]  # side by side, in order


def test_actor(open_page) -> None:
    page = open_page("actors/putin/")
    assert texts(page, "h1") == ["Vladimir Putin"]
    assert texts(page, "dl.xp-facts dt") == ["Role", "Affiliation"]  # no "Kind: Person"
    rows = page.locator("table.xp-actor-positions tbody tr")
    assert rows.count() >= 1
    assert rows.locator("th[scope=row]").count() == rows.count()
    assert texts(page, "table.xp-actor-positions thead th[scope=col]") == [
        "Issue",
        "Stance",
        "Sources",
    ]
    # what does not exist is left out: no "Not stated", no "same day" in every row
    table = page.locator("table.xp-actor-positions").inner_text()
    assert "Not stated" not in table and "same day" not in table


def test_matrix(open_page) -> None:
    page = open_page("positions/")
    assert texts(page, "h1") == ["Positions"]
    assert page.locator(".md-sidebar--primary").is_hidden()  # the whole width
    matrix = page.locator("table.xp-matrix")
    assert matrix.locator("thead th[scope=col]").count() == 4
    rows = matrix.locator("tbody tr")
    assert rows.count() == 5
    assert rows.locator("th[scope=row] .xp-status").count() == rows.count()
    cells = matrix.locator("td")
    for i in range(cells.count()):
        cell = cells.nth(i)
        words = texts(cell, ".xp-said__word, a.xp-cell")
        assert words and set(words) <= STAND_WORDS, words
        # linked once, on the word; no stand, no link
        assert cell.locator("a").count() == (0 if words == ["Not covered by our sources"] else 1)
    cell = matrix.locator("#issue-security-guarantees td[data-label=Russia]")
    link = cell.locator("a.xp-cell")
    shape = link.evaluate("a => getComputedStyle(a, '::before').content")
    assert (shape, link.inner_text()) == ('"✕" / ""', "Rejects")  # a shape and a word


def test_changes_lists_only_real_changes(open_page) -> None:
    page = open_page("changes/")
    assert texts(page, "h1") == ["What changed"]
    # Trump (16 Dec) then Rubio (19 Dec), both for the United States: one change of its stand
    assert page.locator("li.xp-change").count() == 1
    assert page.locator("ul.xp-firsts > li").count() == 11
    assert "No public position" not in page.locator("article").inner_text()


def test_timeline(open_page) -> None:
    page = open_page("timeline/")
    assert texts(page, "h1") == ["Timeline"]
    events = page.locator("ol.xp-events > li.xp-event")
    assert events.count() >= 1
    for i in range(events.count()):
        event = events.nth(i)
        assert event.get_attribute("id"), i
        assert event.locator(".xp-event__date time[datetime]").count() == 1
        assert event.locator("h3").count() == 1
    # known only to the month: after the dated events of its month (a month is not its first
    # day), in a frame that says so; the expected event last, after as_of, and marked
    ids = events.evaluate_all("es => es.map(e => e.id)")
    assert ids.index("rubio-briefing") < ids.index("berlin-talks") < ids.index("miami-talks")
    frame = page.locator(".xp-span")
    assert "day not given" in frame.locator(".xp-undated").inner_text()
    assert frame.locator("#berlin-talks, #miami-talks").count() == 2
    miami = page.locator("#miami-talks")
    assert "xp-event--expected" in (miami.get_attribute("class") or "")
    assert miami.locator(".xp-expected-badge").inner_text().strip().endswith("Expected")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_matrix_cell_leads_to_its_row(open_page, site: Site, width: int) -> None:
    page = open_page("positions/", width)
    link = page.locator("a.xp-cell").first
    href = link.get_attribute("href")
    match = re.fullmatch(r"\.\./issues/([\w-]+)/#(position-[\w-]+)", href or "")
    assert match, href
    link.click()
    page.wait_for_url(f"{site.url}issues/{match[1]}/#{match[2]}")
    target = page.evaluate(
        "(() => { const t = document.querySelector(':target');"
        " return t && [t.id, t.tagName, !!t.closest('table.xp-positions')]; })()"
    )
    assert target == [match[2], "TR", True]
    # the row is on screen, under the sticky header
    box = page.locator(f"#{match[2]}").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box and header and box["y"] >= header["y"] + header["height"] - 1
    assert box["y"] < 900


# -- every page: one h1, header cells, no sideways scrolling ---------------------------------


PAGE_FACTS = """() => ({
    h1: document.querySelectorAll('h1').length,
    tables: [...document.querySelectorAll('article table')].map(t => ({
        header_cells: t.querySelectorAll('thead th[scope=col]').length,
        rows: t.querySelectorAll('tbody tr').length,
        row_headers: t.querySelectorAll('tbody tr > th[scope=row]').length,
    })),
    scroll_width: document.documentElement.scrollWidth,
    wrapped_dates: [...document.querySelectorAll('article table time')]
        .filter(t => t.getClientRects().length > 1).map(t => t.textContent),
})"""


@pytest.fixture(scope="module")
def every_page(browser: Browser, site: Site) -> Callable[[int], dict[str, dict]]:
    """every_page(width): what each page shows once loaded at that width (PAGE_FACTS), by its
    path; each width is loaded once for the tests of every page, which read it."""
    seen: dict[int, dict[str, dict]] = {}

    def every_page(width: int) -> dict[str, dict]:
        if width not in seen:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, reduced_motion="reduce"
            )
            page = context.new_page()
            try:
                seen[width] = {}
                for path in site.pages():
                    page.goto(site.url + path)
                    seen[width][path] = page.evaluate(PAGE_FACTS)
            finally:
                context.close()
        return seen[width]

    return every_page


def test_every_page_has_one_h1_and_tables_with_header_cells(every_page) -> None:
    found = []
    for path, facts in every_page(DESKTOP).items():
        if facts["h1"] != 1:
            found.append(f"{path}: {facts['h1']} h1")
        for table in facts["tables"]:
            if table["header_cells"] < 1 or table["row_headers"] != table["rows"]:
                found.append(f"{path}: a table without header cells: {table}")
    assert not found, listing(found)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_page_scrolls_sideways(every_page, width: int) -> None:
    pages = every_page(width)
    wide = {path: f["scroll_width"] for path, f in pages.items() if f["scroll_width"] > width}
    assert not wide, f"scrollWidth > {width}: {wide}"


# -- accessibility: axe-core ----------------------------------------------------------------

AXE_PAGES = [
    "",
    "issues/",
    "issues/donbas/",
    "issues/donbas/#position-putin",  # the targeted row is highlighted
    "actors/",
    "actors/putin/",
    "positions/",
    "timeline/",
    "changes/",
    "sources/",
    "glossary/",
    "corrections/",
    "404.html",
]


def axe_violations(page: Page) -> list[str]:
    need(AXE.is_file(), f"{AXE.relative_to(ROOT)} (make test-tools)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => (await axe.run(document)).violations.map(v =>
            `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""
    )
    return found


def set_scheme(page: Page, scheme: str) -> None:
    """Material picks the palette from prefers-color-scheme; make sure it did."""
    palette = {"light": "default", "dark": "slate"}[scheme]
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'")


def type_search(page: Page, query: str, width: int = DESKTOP) -> Locator:
    """Search for `query` as a reader does and wait for its results; the result items.

    Material searches as each key is released: typed key by key, the results of each prefix
    show in turn. The field is filled at once and one key released, so the one search is of
    the whole query and the first results to show are its own."""
    if width == PHONE:  # the search field is behind a button
        page.locator("label.md-header__button[for=__search]").click()
    field = page.locator(".md-search__input")
    items = page.locator(".md-search-result__item")
    field.click()
    if field.input_value():  # an earlier search: its results go first
        field.fill("")
        field.press("End")
        expect(items).to_have_count(0)
    field.fill(query)
    field.press("End")
    expect(items.first).to_be_attached()
    return items


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_nothing(axe_tabs, site: Site, path: str, width: int, scheme: str) -> None:
    page = axe_tabs[width, scheme]
    page.goto("about:blank")  # a whole load even if only the #fragment differs
    response = page.goto(site.url + path)
    assert response is not None and response.ok
    set_scheme(page, scheme)
    found = axe_violations(page)
    assert not found, listing(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_nothing_in_search_results(open_page, width: int, scheme: str) -> None:
    page = open_page("issues/donbas/", width, scheme)
    set_scheme(page, scheme)
    type_search(page, "Donbas", width)
    found = axe_violations(page)
    assert not found, listing(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_phone_drawer(open_page, scheme: str) -> None:
    page = open_page("issues/donbas/", PHONE, scheme)
    set_scheme(page, scheme)
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    found = axe_violations(page)
    assert not found, listing(found)


# -- links ---------------------------------------------------------------------------------


class _Refs(HTMLParser):
    """The ids of a page and the URLs it refers to."""

    ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"] or "")
        attr = self.ATTRS.get(tag)
        if attr and a.get(attr):
            self.refs.append(a[attr] or "")


def fetch(url: str) -> tuple[int, str, str]:
    """(status, content type, text if HTML)"""
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            kind = r.headers.get_content_type()
            body = r.read()
            return r.status, kind, body.decode("utf-8") if kind == "text/html" else ""
    except urllib.error.HTTPError as e:
        return e.code, "", ""


def test_no_internal_link_or_asset_is_broken(site: Site) -> None:
    """Crawl from every built page (and whatever they link to) under /explainer/: every
    same-origin a[href], link[href], script[src] and img[src] loads, and every #fragment
    names an element of its page."""
    queue = [site.url + path for path in site.pages()]
    seen: dict[str, tuple[int, set[str] | None]] = {}  # url -> (status, ids if HTML)
    broken: list[str] = []
    links: list[tuple[str, str]] = []  # (from page, absolute URL with fragment)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, kind, html = fetch(url)
        ids = None
        if kind == "text/html":
            parser = _Refs()
            parser.feed(html)
            ids = parser.ids
            for ref in parser.refs:
                absolute = urljoin(url, ref)
                if urlsplit(absolute).netloc != urlsplit(site.origin).netloc:
                    continue  # another site: not ours to check
                links.append((url, absolute))
                queue.append(urldefrag(absolute).url)
        seen[url] = (status, ids)
    for source, target in links:
        page, fragment = urldefrag(target)
        status, ids = seen[page]
        where = f"{source.removeprefix(site.origin)} -> {target.removeprefix(site.origin)}"
        if status != 200:
            broken.append(f"{where}: HTTP {status}")
        elif fragment and ids is not None and fragment not in ids:
            broken.append(f"{where}: no element with this id")
        elif not page.startswith(site.url):
            broken.append(f"{where}: outside {PREFIX}")
    assert not broken, listing(sorted(set(broken)))
    assert len([u for u, (s, ids) in seen.items() if ids is not None]) >= len(site.pages())


# -- the Nu HTML Checker --------------------------------------------------------------------


def test_nu_html_checker_finds_no_error(site: Site) -> None:
    need(VNU.is_file(), f"{VNU.relative_to(ROOT)} (make test-tools)")
    need(shutil.which("java") is not None, "java (for the Nu HTML Checker)")
    files = sorted(str(f) for f in site.dir.rglob("*.html"))  # /admin/'s page too
    css = str(site.dir / "assets" / "explainer.css")
    errors = nu_errors([*files, css], "--also-check-css", name=lambda u: u.rsplit(PREFIX, 1)[-1])
    newer = [e for e in errors if e.split(": ", 1)[1] in CSS_NEWER_THAN_THE_CHECKER]
    assert len(newer) <= len(CSS_NEWER_THAN_THE_CHECKER), newer  # the axis's container query
    errors = [e for e in errors if e not in newer]
    assert not errors, listing(errors)


CSS_NEWER_THAN_THE_CHECKER = {
    # CSS container queries (Baseline since 2023: Chromium 105, Safari 16, Firefox 110), which
    # the checker's CSS grammar predates; the time axis picks its rows by its own width.
    "CSS: “container-type”: Property “container-type” doesn't exist.",
    "CSS: Unrecognized at-rule “@container”",
}


def nu_errors(files: list[str], *options: str, name: Callable[[str], str] = str) -> list[str]:
    """The Nu HTML Checker's errors in `files`, each `name(url):line: message`; skips (or
    fails, with SITE_GEN_REQUIRE_BROWSER=1) without the checker or Java."""
    need(VNU.is_file(), f"{VNU.relative_to(ROOT)} (make test-tools)")
    need(shutil.which("java") is not None, "java (for the Nu HTML Checker)")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *options, *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{name(m.get('url', ''))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors or result.returncode == 0, result.stderr
    return errors


# -- the theme's copies of Material templates ------------------------------------------------


def test_material_overrides_match_the_installed_material() -> None:
    """theme/ overrides whole Material templates (copies with small changes); they say which
    version they copy. After an upgrade of Material, copy them again and redo the changes."""
    installed = importlib.metadata.version("mkdocs-material")
    copies = {}
    for template in sorted((ROOT / "theme").rglob("*.html")):
        found = re.search(r"Copy of Material for MkDocs (\S+) ", template.read_text())
        if found:
            copies[template.relative_to(ROOT).as_posix()] = found[1]
    assert "theme/partials/search.html" in copies
    assert {path: installed for path in copies} == copies


# -- the explainer's design (issue 12) ---------------------------------------------------------

DESIGN_PAGES = ["", "issues/donbas/", "positions/", "timeline/", "actors/putin/", "corrections/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_request_leaves_the_site_and_none_fails(
    browser: Browser, site: Site, scheme: str
) -> None:
    """Fonts, styles and scripts all come from the site itself (no third-party host), and no
    request fails: Material looked for a sitemap.xml beside every feed link (a 404 per issue
    page) until the feed links became rel="alternate feed"."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url}: HTTP {r.status}"))
    try:
        for path in DESIGN_PAGES:
            page.goto(site.url + path, wait_until="networkidle")
    finally:
        context.close()
    elsewhere = sorted({u for u in requests if not u.startswith(site.origin + "/")})
    assert not elsewhere, listing(elsewhere)
    assert not failed, listing(failed)
    assert any(u.endswith(".woff2") for u in requests)  # the headline font, self-hosted


def test_headlines_use_the_self_hosted_font(open_page) -> None:
    page = open_page("issues/donbas/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('700 32px Newsreader')")
    family = page.locator("h1").evaluate("h => getComputedStyle(h).fontFamily")
    assert family.startswith("Newsreader")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_no_sidebar_repeats_the_page_on_a_desktop(open_page, width: int) -> None:
    page = open_page("issues/donbas/", width)
    visible = page.evaluate(
        "[...document.querySelectorAll('.md-sidebar')].filter(s => s.offsetWidth > 0 &&"
        " s.getBoundingClientRect().right > 0).length"
    )
    assert visible == 0


def test_no_date_wraps_in_a_desktop_table(every_page) -> None:
    pages = every_page(DESKTOP)
    wrapped = [f"{path}: {t}" for path, f in pages.items() for t in f["wrapped_dates"]]
    assert not wrapped, listing(wrapped)


def test_the_footer_says_who_and_how(open_page) -> None:
    page = open_page("issues/donbas/")
    footer = page.locator("footer.xp-footer")
    assert "Every cell is sourced and dated." in footer.inner_text()
    links = texts(footer, "a")
    assert {"Corrections", "Sources", "Atom feed of changes", "Open data (JSON, CSV)"} <= set(links)
    assert texts(page, ".md-tabs__link") and "Data" not in texts(page, ".md-tabs__link")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_timeline_rail_and_axis_show_in_both_schemes(open_page, scheme: str) -> None:
    page = open_page("timeline/", DESKTOP, scheme)
    set_scheme(page, scheme)
    colours = page.evaluate(
        """(() => {
        const li = document.querySelector('ol.xp-events > li');
        const rail = getComputedStyle(li).borderLeftColor;
        const bg = getComputedStyle(document.body).backgroundColor;
        return [rail, bg];
    })()"""
    )
    rail, background = (_rgb(c) for c in colours)
    # the rail stands out from the page in either scheme (it kept the light colour in dark)
    assert _distance(rail, background) > 60, colours
    axis = page.locator("figure.xp-axis")
    assert axis.get_attribute("aria-hidden") is None  # its marks are links in the tab order
    marks = axis.locator(".xp-axis__mark > a")
    assert marks.count() == page.locator("ol.xp-events > li.xp-event").count()
    assert set(marks.evaluate_all("ms => ms.map(m => m.tabIndex)")) == {0}
    assert axis.locator(".xp-axis__tick--major time").count() >= 1
    box = axis.bounding_box()
    assert box and box["width"] > 600


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_timeline_mark_shows_its_label_on_focus_and_the_as_of_line(open_page, width: int) -> None:
    page = open_page("timeline/", width)
    axis = page.locator("figure.xp-axis")
    as_of = axis.locator(".xp-axis__as-of")
    expect(as_of).to_have_text("As of 19 Dec 2025")
    assert as_of.locator("time").get_attribute("datetime") == "2025-12-19"
    line = as_of.bounding_box()
    assert line and line["height"] > 20  # a line across the rows, not only a word
    mark = axis.locator(".xp-axis__mark > a[href='#rubio-briefing']")
    label = mark.locator(".xp-axis__label")
    name = "19 Dec 2025: Rubio tells reporters the U.S. has made “progress” but has “a ways to go”"
    assert mark.inner_text().strip() == name  # its accessible name: the date and the title
    hidden = label.bounding_box()
    assert hidden and hidden["width"] <= 1  # out of sight until asked for
    mark.focus()
    expect(mark).to_be_focused()
    shown = label.bounding_box()
    box, figure = mark.bounding_box(), axis.bounding_box()
    assert shown and box and figure
    assert shown["width"] > 100 and shown["y"] >= box["y"] + box["height"]
    assert (
        figure["x"] <= shown["x"] and shown["x"] + shown["width"] <= figure["x"] + figure["width"]
    )
    assert label.evaluate("l => getComputedStyle(l).clipPath") == "none"
    # a month-only event is a thin bracket, not a block: no fill behind its label
    month = axis.locator(".xp-axis__mark--month").first
    assert month.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    # the link leads to the entry in the list
    mark.click()
    expect(page).to_have_url(re.compile("#rubio-briefing$"))


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_timeline_mark_is_a_target_of_24_px_apart_from_the_next_row(
    open_page, width: int
) -> None:
    """WCAG 2.5.8: each mark's link at least 24 by 24 CSS px (its dot stays 14 px), and the
    links of two rows do not overlap."""
    page = open_page("timeline/", width)
    boxes = page.locator("figure.xp-axis .xp-axis__mark > a").evaluate_all(
        "as => as.map(a => { const r = a.getBoundingClientRect();"
        " return [r.top, r.height, r.width, a.parentElement.style.getPropertyValue('--lane')] })"
    )
    assert boxes
    for _top, height, width_px, _lane in boxes:
        assert height >= 24 and width_px >= 24, boxes
    rows = sorted({(float(lane), top, height) for top, height, _, lane in boxes})
    for (_, top, height), (_, next_top, _) in zip(rows, rows[1:], strict=False):
        assert top + height <= next_top + 0.5, rows
    assert overlapping_targets(page) == []
    dot = page.locator("figure.xp-axis .xp-axis__mark--day").first.bounding_box()
    assert dot and dot["height"] < 20  # the shape stays small: the axis is not heavier


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_latest_change_reads_as_one_sentence_under_its_dateline(open_page, width: int) -> None:
    """The item's date is its dateline, on a line of its own; the date inside its sentence
    ("replacing that of 16 Dec 2025 (Donald Trump)") stays in the line."""
    page = open_page("issues/deal-prospects/", width)
    item = page.locator(".xp-latest-changes li").first
    display = "e => getComputedStyle(e).display"
    assert item.locator(":scope > time").evaluate(display) == "block"
    inner = item.locator("a time")
    assert inner.inner_text() == "16 Dec 2025"
    assert inner.evaluate(display) == "inline"


def overlapping_targets(page: Page) -> list[str]:
    """The time axis marks whose links overlap another's in the same row, as `A | B`."""
    return page.locator("figure.xp-axis .xp-axis__mark > a").evaluate_all(
        """as => {
          const rows = new Map();
          for (const a of as) {
            const r = a.getBoundingClientRect();
            const key = Math.round(r.top);
            if (!rows.has(key)) rows.set(key, []);
            rows.get(key).push([r.left, r.right, a.getAttribute('href')]);
          }
          const found = [];
          for (const marks of rows.values()) {
            marks.sort((m, n) => m[0] - n[0]);
            for (let i = 1; i < marks.length; i++)
              if (marks[i][0] < marks[i - 1][1] - 0.5) found.push(marks[i - 1][2] + ' | ' + marks[i][2]);
          }
          return found;
        }"""
    )


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_glossary_term_opens_on_tap_and_from_the_keyboard(open_page, width: int) -> None:
    page = open_page("issues/donbas/", width)
    term = page.locator("article abbr.xp-term").first
    definition = term.get_attribute("title")
    assert definition

    def shown() -> str:
        return term.evaluate("t => getComputedStyle(t, '::after').content")

    assert shown() in ("none", "normal")
    if width == PHONE:
        term.click()  # a tap focuses it
    else:
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('xp-term')"):
                break
        assert page.evaluate("document.activeElement.classList.contains('xp-term')")
        term = page.locator("abbr.xp-term:focus")
        definition = term.get_attribute("title")
    assert shown() == json.dumps(definition)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nu_html_checker_finds_no_error_in_the_rendered_pages(
    browser: Browser, site: Site, tmp_path: Path, scheme: str
) -> None:
    """The pages as the browser holds them once Material's script has run in each scheme (the
    palette, the search form, the drawer), not only as built."""
    need(VNU.is_file(), f"{VNU.relative_to(ROOT)} (make test-tools)")
    need(shutil.which("java") is not None, "java (for the Nu HTML Checker)")
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    files = []
    try:
        for n, path in enumerate([*DESIGN_PAGES, "404.html"]):
            page.goto(site.url + path, wait_until="networkidle")
            set_scheme(page, scheme)
            file = tmp_path / f"{n}.html"
            file.write_text(
                "<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML"),
                encoding="utf-8",
            )
            files.append(str(file))
    finally:
        context.close()
    errors = nu_errors(files, name=lambda u: u.rsplit("/", 1)[-1])
    assert not errors, listing(errors)


def test_a_move_along_the_scale_points_across_it_or_down_it_on_a_phone(open_page) -> None:
    """The arrow of a stand that moved along an ordered scale follows the drawing: across the
    scale on a wide screen, down or up it on a phone, where the scale runs down the page."""
    arrows = {}
    for width in (DESKTOP, PHONE):
        page = open_page("issues/donbas/", width)
        arrows[width] = page.evaluate(
            """() => ['later', 'earlier'].map(way => {
                const span = document.createElement('span');
                span.className = 'xp-move__arrow xp-move__arrow--' + way;
                document.querySelector('.md-typeset').append(span);
                return getComputedStyle(span, '::before').content;
            })"""
        )
    assert arrows == {DESKTOP: ['"→" / ""', '"←" / ""'], PHONE: ['"↓" / ""', '"↑" / ""']}


@pytest.mark.parametrize("path", ["", "issues/donbas/"])
def test_printing_gives_a_briefing_without_the_site_s_chrome(open_page, path: str) -> None:
    """Printed, a page is its content: no header, tabs, search, navigation or footer, no
    back-links to citation marks; what "More" folds is printed open; a table row, an option or
    a quote is never split across pages."""
    page = open_page(path)
    page.emulate_media(media="print")

    def display(selector: str) -> str | None:
        return page.evaluate(
            "s => { const e = document.querySelector(s); return e && getComputedStyle(e).display }",
            selector,
        )

    chrome = [".md-header", ".md-tabs", ".md-search", ".md-sidebar--primary", ".md-footer"]
    assert {s: display(s) for s in chrome} == dict.fromkeys(chrome, "none")
    assert display(".xp-back") in ("none", None)
    assert display("main") == "block"
    if path:
        assert display(".md-typeset details > summary") == "none"
        folded = page.locator("details").first
        assert "Zelenskyy said he would agree" in folded.inner_text()
        breaks = page.evaluate(
            "() => ['tr', '.xp-option'].map(s => getComputedStyle("
            "document.querySelector(s)).breakInside)"
        )
        assert breaks == ["avoid", "avoid"]
