# ruff: noqa: F811 - the browser fixture of test_browser, imported, is the tests' argument
"""The pages a big explainer splits into, in Chromium: the timeline by year, the changes
archive and their pagers pass axe-core in light and dark at both widths, and nothing scrolls
sideways on a phone. A synthetic explainer (25 issues, 250 events, 125 positions: over a page
of each) built with --strict."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from test_browser import (  # noqa: F401 - the one Chromium; skips without it
    DESKTOP,
    PHONE,
    Browser,
    axe_violations,
    browser,
    listing,
    serving,
    set_scheme,
)

from tests.synthetic import write_corpus
from tests.test_build import mkdocs_build, project_copy

pytestmark = pytest.mark.browser

PAGES = ["timeline/", "timeline/2016/", "changes/", "changes/2024/", "actors/actor-0/"]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = project_copy(tmp_path_factory.mktemp("big"))
    content = project / "content"
    shutil.rmtree(content)
    write_corpus(content, 25)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as origin:
        yield origin + "/"


def test_the_big_explainer_splits(big_site: str, browser: Browser) -> None:
    page = browser.new_page()
    try:
        for path in PAGES:
            response = page.goto(big_site + path)
            assert response is not None and response.ok, path
        page.goto(big_site + "timeline/2016/")
        assert page.locator(".xp-pager a").all_inner_texts() == ["All periods", "Later: 2017"]
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
