"""A newsroom takes the project over: `site-gen init`, its own explainer in content/ (the
tool's tests stay green), the site named by explainer.yml, and problems as GitHub annotations."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.errors import Problem
from tests.corpora import EDGE, ROOT, TALKS
from tests.sites import ENV, build_in_process, mkdocs_build, project_copy

STARTER_FILES = [
    "actors/example-leader.yml",
    "actors/example-state.yml",
    "events/example-event.yml",
    "explainer.yml",
    "glossary.yml",
    "issues/example-issue.yml",
    "sources/example-source.yml",
]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_init_writes_a_starter_that_passes_the_strict_check(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    assert main(["init", str(content)]) == 0
    assert capsys.readouterr().out == (
        f"wrote {content}/ with 7 files: edit them, then run make serve to preview\n"
    )
    assert _files(content) == STARTER_FILES
    today = dt.date.today().isoformat()
    assert f'as_of: "{today}"' in (content / "explainer.yml").read_text("utf-8")
    # Only the explainer is dated today; the examples take their source's date (a month).
    dated_today = [name for name in STARTER_FILES if today in (content / name).read_text("utf-8")]
    assert dated_today == ["explainer.yml"]
    dates = {
        name: re.findall(r'^\s*(?:as_of|date|published): "([^"]*)"', text, re.MULTILINE)
        for name in STARTER_FILES
        if (text := (content / name).read_text("utf-8"))
    }
    assert {name: found for name, found in dates.items() if name != "explainer.yml" and found} == {
        "events/example-event.yml": [today[:7]],
        "issues/example-issue.yml": [today[:7]],
        "sources/example-source.yml": [today[:7]],
    }
    first = (content / "issues" / "example-issue.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/issue.schema.json"
    assert main(["validate", "--strict", str(content)]) == 0
    assert capsys.readouterr() == ("ok: 2 actors, 1 issue, 1 event, 1 source\n", "")


def test_init_empty_writes_a_skeleton(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    assert main(["init", str(content), "--empty"]) == 0
    assert _files(content) == [
        "actors/.keep",
        "events/.keep",
        "explainer.yml",
        "glossary.yml",
        "issues/.keep",
        "sources/.keep",
    ]
    capsys.readouterr()
    assert main(["validate", "--strict", str(content)]) == 0
    assert capsys.readouterr() == ("ok: 0 actors, 0 issues, 0 events, 0 sources\n", "")


def test_init_refuses_to_overwrite_anything(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    (content / "issues").mkdir(parents=True)
    (content / "issues" / "example-issue.yml").write_text("title: Mine\n", "utf-8")
    assert main(["init", str(content)]) == 1
    assert capsys.readouterr().err == (
        f"site-gen: error: not overwriting {content}/issues/example-issue.yml; nothing was "
        "written. Start in an empty folder, or move the old content away first\n"
    )
    assert _files(content) == ["issues/example-issue.yml"]
    assert (content / "issues" / "example-issue.yml").read_text("utf-8") == "title: Mine\n"


def test_make_targets_need_no_venv_on_path(tmp_path: Path) -> None:
    """`make init` and `make new` run the venv's site-gen; PATH has no .venv/bin."""
    env = {**ENV, "PATH": "/usr/bin:/bin"}
    content = tmp_path / "content"

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "-s", "-o", ".venv/.installed", *args, f"CONTENT={content}"]
            + [f"BIN={Path(sys.executable).parent}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    run = make("init", "EMPTY=1")
    assert run.returncode == 0, run.stderr
    run = make("new-actor", "ID=envoy")
    assert run.returncode == 0, run.stderr
    assert (content / "actors" / "envoy.yml").is_file()


# --- the site is named by explainer.yml ----------------------------------------------------


def test_two_explainers_one_mkdocs_yml(tmp_path: Path) -> None:
    """The same mkdocs.yml names each site after its own explainer.yml."""
    for content, title in (
        (TALKS, "Ukraine–Russia peace talks"),
        (EDGE, "Edge &lt;case&gt; &amp; co"),
    ):
        (tmp_path / content.name).mkdir()
        project = project_copy(tmp_path / content.name, content)
        result = build_in_process(project)
        assert result.returncode == 0, result.stderr
        page = (project / "site" / "sources" / "index.html").read_text("utf-8")
        assert f"<title>Sources - {title}</title>" in page
        assert f'<meta property="og:site_name" content="{title}">' in page
        home = (project / "site" / "index.html").read_text("utf-8")
        assert f"<title>{title}</title>" in home


def test_language_and_description_come_from_explainer_yml(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    explainer = project / "content" / "explainer.yml"
    explainer.write_text(
        explainer.read_text("utf-8") + "language: fr\ndescription: Qui veut <quoi>.\n", "utf-8"
    )
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "404.html").read_text("utf-8")
    assert '<html lang="fr"' in page
    assert '<meta name="description" content="Qui veut &lt;quoi&gt;.">' in page


# --- GitHub annotations --------------------------------------------------------------------


def test_github_format_annotates_errors_on_their_lines(write, content: Path, capsys) -> None:
    write("sources/bad.yml", "title: Report\npublished: 2025-13-01\n")
    assert main(["validate", "--format", "github", str(content)]) == 1
    assert capsys.readouterr() == (
        "::error file=content/sources/bad.yml,line=2,col=12::published: invalid date "
        "'2025-13-01': month 13 is not between 1 and 12\n",
        "1 problem found\n",
    )


def test_github_command_escapes_and_levels() -> None:
    from site_gen.cli import github_command

    warning = Problem("content/a,b.yml", 3, 7, "50% off:\nnow", warning=True)
    assert github_command(warning) == (
        "::warning file=content/a%2Cb.yml,line=3,col=7::warning: 50%25 off:%0Anow"
    )
    assert github_command(warning, blocking=True).startswith("::error file=")
    error = Problem("content/x.yml", 1, 2, "unknown actor 'y'")
    assert github_command(error) == "::error file=content/x.yml,line=1,col=2::unknown actor 'y'"


# --- the project as a template: another explainer in content/ ------------------------------

CONTENT_FREE = [
    "tests/test_cli.py",
    "tests/test_problems.py",
    "tests/test_warnings.py",
    "tests/test_render.py",
    "tests/test_load.py",
    "tests/test_docs.py",
    "tests/test_data.py",
    "tests/test_feeds.py",
    "tests/test_changes.py",
    "tests/test_yaml_hints.py",
    "tests/test_editors.py",
]
"""The suite's fast files. The others (builds, serve, browser, scale, hostile, properties) start
from `project_copy` of a fixture, as test_build.py, test_serve.py and test_browser.py show."""


@pytest.mark.skipif(os.environ.get("SITE_GEN_SWAPPED") == "1", reason="runs inside itself")
def test_another_explainer_in_content_leaves_the_suite_green(tmp_path: Path) -> None:
    """Swap content/ for a new explainer (what `site-gen init` writes) in a copy of the
    project; the content-independent tests still pass and the new content passes the check."""
    project = tmp_path / "project"
    for name in ("site_gen", "tests", "theme", "schema", "scripts", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in (
        "mkdocs.yml",
        "mkdocs.docs.yml",
        "pyproject.toml",
        "requirements.txt",
        "README.md",
        "Makefile",
    ):
        shutil.copy(ROOT / name, project / name)
    assert main(["init", str(project / "content")]) == 0
    env = {**ENV, "SITE_GEN_SWAPPED": "1", "PYTHONPATH": str(project)}
    tests = [t for t in CONTENT_FREE if (project / t).is_file()]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *tests],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
    check = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", "--strict", "content"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (check.returncode, check.stdout) == (0, "ok: 2 actors, 1 issue, 1 event, 1 source\n")
    assert mkdocs_build(project).returncode == 0


def test_a_language_that_is_not_a_tag(write, validate) -> None:
    explainer = (TALKS / "explainer.yml").read_text(encoding="utf-8")
    write("explainer.yml", explainer + "language: English\n")
    line = explainer.count("\n") + 1
    assert validate() == (
        1,
        "",
        f"content/explainer.yml:{line}:11: language 'English' is not a language tag: write one "
        "such as en, fr or pt-BR\n1 problem found\n",
    )


def test_the_tool_names_no_explainer_of_its_own() -> None:
    """Nothing but content/ (and the tests' fixtures) may know what the shipped explainer is
    about: the words of its title appear in no file of the tool, the theme or the workflows."""
    import re

    import yaml

    title = yaml.safe_load((TALKS / "explainer.yml").read_text("utf-8"))["title"]
    words = {w.casefold() for w in re.findall(r"\w{5,}", title)} - {"peace", "talks"}
    assert words == {"ukraine", "russia"}
    tool = [ROOT / "mkdocs.yml", ROOT / "Makefile"]
    for folder in ("site_gen", ".github", "theme"):
        tool += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "fonts" not in p.parts]
    found = [
        f"{p.relative_to(ROOT)}: {w}"
        for p in tool
        for w in words
        if w in p.read_text("utf-8", errors="replace").casefold()
    ]
    assert found == []
