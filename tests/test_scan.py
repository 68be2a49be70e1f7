"""`site-gen scan SITE_DIR`: the safety net and the page set, as a step of its own that any
engine's output goes through before it is published."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_gen.built import built_page, expected_files
from site_gen.check import get_content
from site_gen.cli import main
from site_gen.render import render_site
from tests.corpora import TALKS
from tests.sites import ENV, build_in_process, project_copy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture explainer built with the plugin, and `site_url` under a sub-path; the
    plugin writes its page list to pages.txt beside the site."""
    project = project_copy(tmp_path_factory.mktemp("project"))
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("site_url: https://news.example/explainer/\n")
    result = build_in_process(project, env={**ENV, "SITE_GEN_PAGE_LIST": "pages.txt"})
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def site(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built site at tmp_path/site, for a test to spoil; tmp_path holds the
    project's theme/ and is the working directory, so messages read `site/...`."""
    shutil.copytree(built, tmp_path / "site")
    shutil.copytree(built.parent / "theme", tmp_path / "theme")
    monkeypatch.chdir(tmp_path)
    return Path("site")


def scan(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["scan", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_good_site_passes_with_every_compiled_file(site: Path, capsys) -> None:
    pages = len(list(site.rglob("*.html")))
    files = len(expected_files(render_site(get_content(TALKS))))
    url = "https://news.example/explainer/"
    assert scan(str(site), "--content", str(TALKS), "--site-url", url, capsys=capsys) == (
        0,
        f"ok: {pages} pages scanned, nothing that could run script; all {files} files "
        f"compiled from {TALKS} are there\n",
        "",
    )


def test_markup_that_could_run_script_is_named_with_page_line_and_snippet(
    site: Path, capsys
) -> None:
    page = site / "issues" / "donbas" / "index.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(20, '<p>Hi <img src=x onerror="alert(1)"></p>\n')
    lines.insert(30, '<a href="jav&#x61;script:alert(2)">x</a>\n')
    page.write_text("".join(lines), encoding="utf-8")
    assert scan(str(site), "--site-url", "https://news.example/explainer/", capsys=capsys) == (
        1,
        "",
        "site/issues/donbas/index.html:21: event-handler attribute 'onerror': "
        '<img src=x onerror="alert(1)">\n'
        "site/issues/donbas/index.html:31: script URL in 'href': "
        '<a href="jav&#x61;script:alert(2)">\n'
        "2 findings of markup that could run script in site: do not publish it\n",
    )


def test_a_site_missing_compiled_pages_fails_naming_each(site: Path, capsys) -> None:
    shutil.rmtree(site / "issues" / "donbas")
    (site / "positions" / "index.html").unlink()
    files = len(expected_files(render_site(get_content(TALKS))))
    code, out, err = scan(
        str(site),
        "--content",
        str(TALKS),
        "--site-url",
        "https://news.example/explainer/",
        capsys=capsys,
    )
    assert (code, out) == (1, "")
    assert err == (
        f"site/issues/donbas/feed.xml: missing: {TALKS} compiles to it\n"
        f"site/issues/donbas/index.html: missing: {TALKS} compiles to it\n"
        f"site/positions/index.html: missing: {TALKS} compiles to it\n"
        f"3 of the {files} files compiled from {TALKS} missing from site: is `explainer` "
        "listed under `plugins:` in the engine's config?\n"
    )


def test_the_plugins_page_list_is_what_the_content_compiles_to(built: Path) -> None:
    listed = (built.parent / "pages.txt").read_text("utf-8").splitlines()
    assert listed == expected_files(render_site(get_content(TALKS)))


def scan_with_page_list(site: Path, capsys) -> tuple[int, str, str]:  # noqa: ANN001
    """`site-gen scan site --pages pages.txt` with the site's address."""
    site_url = "https://news.example/explainer/"
    return scan(str(site), "--pages", "pages.txt", "--site-url", site_url, capsys=capsys)


def test_a_site_missing_listed_pages_fails_naming_each(site: Path, built: Path, capsys) -> None:
    shutil.copy(built.parent / "pages.txt", "pages.txt")
    (site / "positions" / "index.html").unlink()
    files = len(expected_files(render_site(get_content(TALKS))))
    code, out, err = scan_with_page_list(site, capsys)
    assert (code, out) == (1, "")
    assert err == (
        "site/positions/index.html: missing: pages.txt lists it\n"
        f"1 of the {files} files listed in pages.txt missing from site: is `explainer` "
        "listed under `plugins:` in the engine's config?\n"
    )


def test_without_the_page_list_the_scan_fails(site: Path, capsys) -> None:
    code, out, err = scan_with_page_list(site, capsys)
    assert (code, out) == (1, "")
    assert err == (
        "pages.txt: missing: the engine ran without the explainer plugin, which writes this "
        "list: is `explainer` listed under `plugins:` in the engine's config?\n"
    )


def test_the_404_page_loads_the_theme_from_the_site_url_path(site: Path, capsys) -> None:
    code, out, err = scan(str(site), capsys=capsys)
    bundle = re.search(r'<script src="(/explainer/assets/javascripts/bundle\.\w+\.min\.js)">', err)
    assert bundle is not None, err
    line = next(
        n
        for n, text in enumerate((site / "404.html").read_text("utf-8").splitlines(), 1)
        if bundle[1] in text
    )
    # so is the theme's own script (assets/cite.js), from the same root-relative path
    cite = '<script src="/explainer/assets/cite.js">'
    cite_line = next(
        n
        for n, text in enumerate((site / "404.html").read_text("utf-8").splitlines(), 1)
        if cite in text
    )
    assert (code, out, err) == (
        1,
        "",
        f"site/404.html:{line}: <script> loading a file that is not one of the theme's or the editor's: "
        f'<script src="{bundle[1]}">\n'
        f"site/404.html:{cite_line}: <script> loading a file that is not one of the theme's or the "
        f"editor's: {cite}\n"
        "2 findings of markup that could run script in site: do not publish it\n",
    )


def test_scripts_of_templates_not_given_are_findings(site: Path, capsys) -> None:
    code, _, err = scan(
        str(site),
        "--templates",
        "theme",
        "--site-url",
        "https://news.example/explainer/",
        capsys=capsys,
    )
    assert code == 1
    assert "site/index.html:" in err
    assert "<script> the theme did not put there: <script>__md_scope=" in err


def test_content_problems_are_listed_before_any_scan(site: Path, tmp_path: Path, capsys) -> None:
    content = shutil.copytree(TALKS, tmp_path / "content")
    (content / "sources" / "empty.yml").write_text("", encoding="utf-8")
    assert scan(str(site), "--content", "content", capsys=capsys) == (
        1,
        "",
        "content/sources/empty.yml:1:1: the file is empty: it should hold keys and values such as title: Ceasefire talks\n"
        "1 problem found\n",
    )


def test_no_site_folder(tmp_path: Path, capsys) -> None:
    assert scan(str(tmp_path / "nope"), capsys=capsys) == (
        2,
        "",
        f"site-gen: error: no site folder at '{tmp_path / 'nope'}'\n",
    )


@pytest.mark.parametrize(
    ("page", "built_as"),
    [
        ("index.md", "index.html"),
        ("issues/index.md", "issues/index.html"),
        ("issues/donbas.md", "issues/donbas/index.html"),
        ("positions.md", "positions/index.html"),
        ("timeline/2025-12.md", "timeline/2025-12/index.html"),
    ],
)
def test_built_page_follows_directory_urls(page: str, built_as: str) -> None:
    assert built_page(page) == built_as
