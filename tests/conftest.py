"""Fixtures: a throwaway copy of content/ as the working directory, and `site-gen validate`;
and the slow tier.

`make test` runs `pytest -m "not slow"`; `make test-all` (and CI) runs everything. A test goes
in the slow tier when it starts programs (an engine, `make`, `mkdocs serve`, Java, node) or
generates a big corpus: mark its module (`pytestmark = pytest.mark.slow`), or list it below, by
module or by name, with the reason.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.cli import main
from tests.corpora import TALKS as SHIPPED

SLOW_MODULES = {
    "test_browser_cms.py": "decap-server (node) and `mkdocs serve` behind the browser editor",
    "test_browser_hostile.py": "the hostile corpus page by page, and 60 pages by hypothesis",
    "test_browser_scale.py": "a 120-issue explainer: axe and the Nu HTML Checker on its pages",
    "test_engines.py": "MkDocs, ProperDocs and `make build` / `make deploy` as programs",
    "test_scale.py": "corpora of 130 and 1,000 issues",
    "test_serve.py": "a live `mkdocs serve` per test",
}
SLOW_TESTS = {
    "test_browser.py": {
        # Java: the Nu HTML Checker
        "test_nu_html_checker_finds_no_error",
        "test_nu_html_checker_finds_no_error_in_the_rendered_pages",
    },
    "test_editors.py": {
        # the content-independent tests, run again by pytest in a copy of the project
        "test_another_explainer_in_content_leaves_the_suite_green",
    },
    "test_hostile.py": {
        # `mkdocs build`, `mkdocs gh-deploy` or `mkdocs serve` as programs
        "test_a_file_at_the_size_limit_is_checked_and_rendered_in_bounded_time",
        "test_failed_build_leaves_the_last_good_site_untouched",
        "test_good_build_replaces_the_whole_site_and_gh_deploy_publishes_it",
        "test_hand_written_pages_hold_only_the_allowlist",
        "test_links_out_of_content_and_loops_fail_validate_and_build_at_once",
        "test_safety_net_reads_a_template_s_markup_as_a_browser_does",
        "test_serve_shows_a_hand_written_page_s_problems_in_its_place",
        "test_serve_shows_link_problems_and_recovers",
        "test_serve_survives_bad_bytes_and_a_deleted_file",
        "test_the_next_build_removes_folders_interrupted_builds_left",
        "test_third_party_hosts_need_an_opt_in",
        "test_validate_compile_and_builds_never_write_into_content",
    },
}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.name
        name = getattr(item, "originalname", item.name)
        if module in SLOW_MODULES or name in SLOW_TESTS.get(module, ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped content/ at tmp_path/content; tmp_path is the working directory,
    so problems read `content/issues/x.yml:3:1: ...`. Returns the relative path `content`."""
    shutil.copytree(SHIPPED, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


@pytest.fixture
def write(content: Path) -> Callable[[str, str | bytes | None], Path]:
    """write(rel, text): put a file in the copied content/ (text is dedented; bytes are written
    as they are; None deletes the file)."""

    def write(rel: str, text: str | bytes | None) -> Path:
        path = content / rel
        if text is None:
            path.unlink()
        elif isinstance(text, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def validate(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[[], tuple[int, str, str]]:
    """validate(): run `site-gen validate content`; return (exit code, stdout, stderr)."""

    def validate() -> tuple[int, str, str]:
        code = main(["validate", str(content)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return validate
