"""Fixtures: a throwaway copy of content/ as the working directory, `site-gen validate`, the
sites built once per run for the tests that only read them, and Chromium; and the slow tier.

`make test` runs `pytest -m "not slow"`; `make test-all` (and CI) runs everything. A test goes
in the slow tier when it starts programs (an engine, `make`, `mkdocs serve`, Java, node) or
generates a big corpus: mark its module (`pytestmark = pytest.mark.slow`), or list it below, by
module or by name, with the reason.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from site_gen.cli import main
from tests.corpora import TALKS as SHIPPED
from tests.corpora import TALKS_2025_12
from tests.hostile_corpus import write_corpus_over
from tests.sites import (
    AXE,
    CHROMIUM,
    DESKTOP,
    ENV,
    PHONE,
    Site,
    build_in_process,
    project_copy,
    serving,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SLOW_MODULES = {
    "test_browser_cms.py": "`site-gen edit` (the editor's server and `mkdocs serve`) in Chromium",
    "test_browser_hostile.py": "the hostile corpus page by page, and 60 pages by hypothesis",
    "test_browser_rich.py": "the rich fixture's every page: axe in four tabs, the Nu HTML Checker",
    "test_browser_scale.py": "a 120-issue explainer: axe and the Nu HTML Checker on its pages",
    "test_engines.py": "MkDocs, ProperDocs and `make build` / `make deploy` as programs",
    "test_scale.py": "corpora of 130 and 1,000 issues",
    "test_serve.py": "a live `mkdocs serve` per test",
}
SLOW_TESTS = {
    "test_cards.py": {
        # builds of their own: twice, then a third after an edit; without site_url; switched off
        "test_an_unchanged_rebuild_draws_nothing_and_a_changed_stand_redraws_one_card",
        "test_a_build_without_site_url_says_cards_need_it_and_writes_no_og_image",
        "test_the_switches_turn_cards_and_embeds_off",
        # worker processes (spawned: Python and Pillow started twice)
        "test_many_missing_cards_are_drawn_by_worker_processes_to_the_same_bytes",
    },
    "test_browser.py": {
        # Java: the Nu HTML Checker
        "test_nu_html_checker_finds_no_error",
        "test_nu_html_checker_finds_no_error_in_the_rendered_pages",
    },
    "test_content_files.py": {
        # `mkdocs build` as a program, one of them timed
        "test_a_build_refuses_the_hostile_files_and_a_page_in_a_generated_page_s_place",
        "test_a_page_at_the_limits_of_the_worst_markdown_builds_in_seconds",
        "test_the_page_list_is_written_only_to_a_new_file",
    },
    "test_editor_server.py": {
        # `site-gen edit` as a program, with the preview it starts
        "test_site_gen_edit_serves_the_secret_to_its_editor_only",
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


# -- sites built once per run ------------------------------------------------------------------


@pytest.fixture(scope="session")
def talks_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture explainer built with --strict as a local `make build` does (no SITE_URL),
    once per run: its site/ folder, for tests that only read it."""
    project = project_copy(tmp_path_factory.mktemp("talks"))
    env = {k: v for k, v in ENV.items() if k != "SITE_URL"}
    result = build_in_process(project, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus (tests/hostile_corpus.py) built with --strict: its site/ folder."""
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    write_corpus_over(project / "content")
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# -- the browser tests' site and Chromium (tests/test_browser*.py skip without them) --------


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The explainer of the current contract (never the project's content/), built with
    --strict and served under the sub-path /explainer/, as GitHub Pages serves a project."""
    root = tmp_path_factory.mktemp("served")
    project = project_copy(tmp_path_factory.mktemp("project"), TALKS_2025_12)
    with serving(root) as origin:
        s = Site(root, origin)
        result = build_in_process(project, "-d", str(s.dir), env={**ENV, "SITE_URL": s.url})
        assert result.returncode == 0, result.stderr
        yield s


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """The one Chromium of the run (Playwright's sync API cannot start twice in a thread)."""
    from playwright.sync_api import sync_playwright  # only once a browser test asks

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture
def open_page(browser: Browser, site: Site) -> Iterator[Callable[..., Page]]:
    """open_page(path, width=1280, scheme="light") -> a loaded Playwright page."""
    contexts = []

    def open_page(path: str, width: int = DESKTOP, scheme: str = "light") -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            reduced_motion="reduce",
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(site.url + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_tabs(browser: Browser, site: Site) -> Iterator[dict[tuple[int, str], Page]]:
    """One page per (width, scheme), reused from test to test, with axe-core preloaded."""
    tabs: dict[tuple[int, str], Page] = {}
    for width in (DESKTOP, PHONE):
        for scheme in ("light", "dark"):
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                color_scheme=scheme,
                reduced_motion="reduce",
            )
            if AXE.is_file():
                context.add_init_script(path=AXE)
            tabs[width, scheme] = context.new_page()
    yield tabs
    for page in tabs.values():
        page.context.close()
