"""Real MkDocs builds (MkDocs' command line, in this process) of a copy of the project: the
shipped content, and broken content."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpora import TALKS

# Other test modules import these from here too.
from tests.sites import ENV, ROOT, build_in_process, mkdocs_build, project_copy  # noqa: F401


@pytest.fixture
def built(talks_site: Path) -> Path:
    """The fixture explainer's site, built once per run (conftest.py); read it, never change it."""
    return talks_site


def test_strict_build_makes_every_page(built: Path) -> None:
    issues = sorted(p.stem for p in (TALKS / "issues").glob("*.yml"))
    actors = sorted(p.stem for p in (TALKS / "actors").glob("*.yml"))
    expected = [
        "index.html",
        "issues/index.html",
        "actors/index.html",
        "positions/index.html",
        "timeline/index.html",
        "sources/index.html",
        "glossary/index.html",
        "404.html",
        *(f"issues/{i}/index.html" for i in issues),
        *(f"actors/{a}/index.html" for a in actors),
    ]
    missing = [page for page in expected if not (built / page).is_file()]
    assert missing == []


def test_yaml_facts_are_not_published(built: Path) -> None:
    assert sorted(built.rglob("*.yml")) == []
    assert sorted(built.rglob("*.yaml")) == []


def test_every_page_has_one_h1_and_tables_have_header_cells(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert len(re.findall(r"<h1[\s>]", html)) == 1, page
        for table in re.findall(r"<table.*?</table>", html, re.DOTALL):
            assert '<th scope="col">' in table, page


def test_issue_page_has_position_rows_and_sources(built: Path) -> None:
    html = (built / "issues" / "donbas" / "index.html").read_text(encoding="utf-8")
    for actor in ("zelenskyy", "russia", "putin"):
        assert f'<tr id="position-{actor}">' in html
    assert '<li id="cite-1"><cite>' in html
    assert "<title>Fate of the Donbas region - " in html


def test_no_request_to_third_party_hosts(built: Path) -> None:
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, page
        for src in re.findall(r'<script[^>]+src="([^"]+)"', html):
            assert not src.startswith(("http:", "https:", "//")), (page, src)


def test_content_problems_fail_the_build_with_the_validate_list(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    donbas = project / "content" / "issues" / "donbas.yml"
    donbas.write_text(
        donbas.read_text(encoding="utf-8").replace("actor: putin", "actor: puttin"),
        encoding="utf-8",
    )
    (project / "content" / "sources" / "empty.yml").write_text("", encoding="utf-8")
    result = build_in_process(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    validate = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", "content"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    problems = validate.stderr.splitlines()[:-1]
    line = donbas.read_text(encoding="utf-8").splitlines().index("  - actor: puttin") + 1
    assert problems == [
        f"content/issues/donbas.yml:{line}:12: unknown actor 'puttin' (did you mean 'putin'?)",
        "content/sources/empty.yml:1:1: the file is empty: it should hold keys and values such as title: Ceasefire talks",
    ]
    for line in problems:
        assert line in result.stderr.splitlines()


def test_hand_written_index_replaces_the_generated_home(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "content" / "index.md").write_text("# Our own home\n\nHello.\n", encoding="utf-8")
    (project / "content" / "about.md").write_text("# About\n\nMethods.\n", encoding="utf-8")
    assert build_in_process(project).returncode == 0
    assert "Our own home" in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "about" / "index.html").is_file()
    assert (project / "site" / "positions" / "index.html").is_file()


def test_titles_from_yaml_are_escaped_in_the_theme(tmp_path: Path) -> None:
    project = project_copy(tmp_path, Path(__file__).parent / "fixtures" / "edge")
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "issues" / "borders" / "index.html").read_text(encoding="utf-8")
    assert "<lines>" not in html
    assert "Borders &amp; &lt;lines&gt;" in html
