"""The pages a big explainer splits into, in Chromium: the matrix and the sources by hundreds,
the timeline by year, the changes archive, and their pagers pass axe-core and the Nu HTML
Checker in light and dark, and nothing scrolls sideways on a phone. A synthetic explainer
built with --strict: 120 issues (over a page of matrix rows, issue rows and sources), 600
events (a timeline page per year), 600 positions (an archive of changes by month)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import (  # skips without Chromium
    Browser,
    axe_violations,
    expect,
    listing,
    nu_errors,
    set_scheme,
)

from tests.sites import DESKTOP, PHONE, mkdocs_build, project_copy, serving
from tests.synthetic import write_corpus

pytestmark = pytest.mark.browser

ISSUES = 120
PAGES = [
    "",
    "issues/",
    "issues/issue-0/",
    "positions/",
    "positions/2/",
    "timeline/",
    "timeline/2016/",
    "changes/",
    "changes/2024-06-part-2/",
    "sources/",
    "sources/2/",
    "actors/actor-0/",
]


@pytest.fixture(scope="module")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("big"))
    content = project / "content"
    shutil.rmtree(content)
    write_corpus(content, ISSUES, events_per_issue=5)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def big_site(big_project: Path) -> Iterator[str]:
    with serving(big_project / "site") as origin:
        yield origin + "/"


def test_the_big_explainer_splits(big_site: str, browser: Browser) -> None:
    page = browser.new_page()
    try:
        for path in PAGES:
            response = page.goto(big_site + path)
            assert response is not None and response.ok, path
        page.goto(big_site + "timeline/2016/")
        assert page.locator(".xp-pager a").all_inner_texts() == ["All periods", "Later: 2017"]
        page.goto(big_site + "positions/2/")
        pager = page.locator(".xp-pager a").all_inner_texts()
        assert pager == ["Earlier: issues 1–100", "All issues"]
        assert page.locator(".xp-matrix tbody tr").count() == ISSUES - 100
        page.locator(".xp-pager a", has_text="Earlier").click()
        # The click only starts loading the page: wait for it, then for its rows.
        page.wait_for_url(big_site + "positions/")
        expect(page.locator(".xp-matrix tbody tr")).to_have_count(100)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_nothing_on_split_pages(
    big_site: str, browser: Browser, width: int, scheme: str
) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    try:
        found, wide = [], []
        for path in PAGES:
            page.goto(big_site + path)
            set_scheme(page, scheme)
            found += [f"{path}: {v}" for v in axe_violations(page)]
            if page.evaluate("document.documentElement.scrollWidth") > width:
                wide.append(path)
        assert not found, listing(found)
        assert not wide, f"scrollWidth > {width}: {wide}"
    finally:
        context.close()


def test_nu_html_checker_finds_no_error_on_any_page(big_project: Path) -> None:
    site = big_project / "site"
    files = sorted(str(f) for f in site.rglob("*.html"))
    assert len(files) > 200
    errors = nu_errors(files, name=lambda u: u.rsplit("/site/", 1)[-1])
    assert not errors, listing(errors)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_nu_html_checker_finds_no_error_in_the_rendered_split_pages(
    big_site: str, browser: Browser, tmp_path: Path, scheme: str
) -> None:
    """The split pages as the browser holds them once Material's script has run."""
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    files = []
    try:
        for n, path in enumerate(PAGES):
            page.goto(big_site + path, wait_until="networkidle")
            set_scheme(page, scheme)
            file = tmp_path / f"{n}.html"
            html = page.evaluate("document.documentElement.outerHTML")
            file.write_text("<!doctype html>\n" + html, encoding="utf-8")
            files.append(str(file))
    finally:
        context.close()
    errors = nu_errors(files, name=lambda u: PAGES[int(u.rsplit("/", 1)[-1][:-5])])
    assert not errors, listing(errors)
