"""The live preview's banner, as Chromium shows it on a built page: the errors first and in
view, the warnings listed too but folded (a <details> the editor opens)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from site_gen import preview
from site_gen.errors import Problem
from tests.sites import Site, serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def _banner_page(tmp_path: Path, site: Site, problems: list[Problem]) -> Path:
    built = (site.dir / "index.html").read_bytes()
    banner = preview.banner(preview.locate(problems), "/problems/")
    page = tmp_path / "served" / "index.html"
    page.parent.mkdir()
    page.write_bytes(preview.with_banner(built, banner))
    return page.parent


def test_the_banner_shows_errors_first_and_folds_the_warnings(
    tmp_path: Path, site: Site, browser: Browser
) -> None:
    issue = tmp_path / "ceasefire.yml"
    issue.write_text("title: Ceasefire\nstatus: opne\n", encoding="utf-8")
    error = Problem(str(issue), 2, 9, "invalid status 'opne'")
    warnings = [Problem(str(issue), 1, 8, f"warning {n}", warning=True) for n in (1, 2)]
    root = _banner_page(tmp_path, site, [*warnings, error])
    with serving(root) as origin:
        page = browser.new_page()
        try:
            page.goto(origin + "/")
            banner = page.locator(".xp-preview-problems")
            errors = banner.locator(".xp-preview-errors li")
            folded = banner.locator("details.xp-preview-warnings")
            assert errors.all_inner_texts()[0].startswith(f"{issue}:2:9: invalid status 'opne'")
            assert folded.locator("summary").inner_text() == "2 warnings"
            # The errors come first; the warnings are there, folded until the editor asks.
            order = banner.evaluate(
                "b => [...b.querySelectorAll('.xp-preview-errors, details')].map(e => e.tagName)"
            )
            assert order == ["UL", "DETAILS"]
            warning = folded.locator("li").first
            assert not warning.is_visible()
            folded.locator("summary").click()
            warning.wait_for(state="visible")
            assert warning.inner_text().startswith(f"{issue}:1:8: warning: warning 1")
            assert banner.locator("a").last.inner_text() == "See all 1 problem and 2 warnings"
        finally:
            page.close()


def test_warnings_alone_are_folded_under_their_summary(tmp_path: Path) -> None:
    path = tmp_path / "event.yml"
    path.write_text("date: 2026-01-05\n", encoding="utf-8")
    warning = Problem(str(path), 1, 7, "date is after its source", warning=True)
    banner = preview.banner(preview.locate([warning]), "/problems/")
    assert "xp-preview-errors" not in banner
    assert '<summary style="cursor:pointer">1 warning</summary>' in banner
    assert banner.endswith(">See all 1 warning</a></div>")
    assert preview.banner([], "/problems/") == ""
