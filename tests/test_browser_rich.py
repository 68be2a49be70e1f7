"""The rich design fixture (tests/fixtures/river-talks: 12 sources, 23 events over two years,
five principals, positions that change) in Chromium: every page a reader can open, its embed
pages too, passes axe-core at desktop and phone width in light and dark, scrolls nothing
sideways on a phone, and every HTML file passes the Nu HTML Checker (issue 21: "axe-core and
the Nu checker at zero on every page of both, in both schemes"; the shipped explainer's
contract is tests/test_browser.py's site)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_browser import (  # skips without Chromium
    Browser,
    axe_violations,
    listing,
    nu_errors,
    overlapping_targets,
    set_scheme,
)

from tests.corpora import RIVER
from tests.sites import AXE, DESKTOP, ENV, PHONE, Site, build_in_process, project_copy, serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("served")
    project = project_copy(tmp_path_factory.mktemp("rich"), RIVER)
    with serving(root) as origin:
        site = Site(root, origin)
        result = build_in_process(project, "-d", str(site.dir), env={**ENV, "SITE_URL": site.url})
        assert result.returncode == 0, result.stderr
        yield site


def test_the_rich_fixture_has_every_page_kind(rich_site: Site) -> None:
    pages = rich_site.pages()
    for kind in ("", "issues/", "actors/", "timeline/", "changes/", "sources/", "glossary/"):
        assert kind in pages, kind
    assert len([p for p in pages if p.startswith("issues/") and p != "issues/"]) >= 7
    assert len([p for p in pages if p.startswith("embed/issues/")]) >= 7


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_nothing_on_any_page_of_the_rich_fixture(
    rich_site: Site, browser: Browser, width: int, scheme: str
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    if AXE.is_file():
        context.add_init_script(path=AXE)
    page = context.new_page()
    try:
        found, wide = [], []
        for path in rich_site.pages():
            page.goto("about:blank")
            response = page.goto(rich_site.url + path)
            assert response is not None and response.ok, path
            if not path.startswith("embed/"):  # an embed follows the scheme without Material
                set_scheme(page, scheme)
            found += [f"{path}: {v}" for v in axe_violations(page)]
            if width == PHONE and page.evaluate("document.documentElement.scrollWidth") > width:
                wide.append(path)
        assert not found, listing(found)
        assert not wide, f"scrollWidth > {width}: {wide}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE, 320])
def test_no_two_marks_of_a_time_axis_overlap_at_any_width(
    rich_site: Site, browser: Browser, width: int
) -> None:
    """23 events over two years: on a phone the axis takes the rows laid out for a narrow
    axis, where two marks' 24 px targets never overlap, down to 320 px."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        drawn = [
            p
            for p in rich_site.pages()
            if p.endswith("/")
            and "xp-axis__track" in (rich_site.dir / p / "index.html").read_text("utf-8")
        ]
        assert "timeline/" in drawn
        found = []
        for path in drawn:
            page.goto(rich_site.url + path)
            found += [f"{path}: {pair}" for pair in overlapping_targets(page)]
        assert not found, listing(found)
    finally:
        page.close()


def test_nu_html_checker_finds_no_error_on_any_file_of_the_rich_fixture(rich_site: Site) -> None:
    files = sorted(str(f) for f in rich_site.dir.rglob("*.html"))
    assert len(files) > 30
    errors = nu_errors(files, name=lambda u: u.rsplit("/explainer/", 1)[-1])
    assert not errors, listing(errors)
