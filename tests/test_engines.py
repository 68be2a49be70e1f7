"""The engines the site builds with, tested rather than promised: MkDocs 1.6.1 (the default) and
ProperDocs, its maintained fork, each with the plugin and on `site-gen compile` output alone,
on the fixture explainer; and `make build` / `make deploy`, which scan whatever engine built."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from site_gen.built import html_pages
from site_gen.cli import main
from tests.corpora import TALKS
from tests.sites import ENV, ROOT, project_copy
from tests.test_hostile import snapshot

ENGINES = ["mkdocs", "properdocs"]


def engine_build(project: Path, engine: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`<engine> build --strict` in `project`, with the project's mkdocs.yml."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", "mkdocs.yml", *args],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_warning_on_a_hand_written_page_leaves_the_last_good_site_untouched(
    tmp_path: Path, engine: str
) -> None:
    project = project_copy(tmp_path)
    first = engine_build(project, engine)
    assert first.returncode == 0, first.stderr
    good = snapshot(project / "site")
    assert "about/index.html" not in good
    about = "# About\n\nSee [the missing page](missing.md).\n"
    (project / "content" / "about.md").write_text(about, encoding="utf-8")

    result = engine_build(project, engine)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "WARNING -  Doc file 'about.md' contains a link 'missing.md', but the target is not "
        "found among documentation files."
    )
    assert result.stdout.strip() == "Aborted with 1 warnings in strict mode!"
    assert snapshot(project / "site") == good
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def make_build(
    project: Path, engine: str, target: str = "build", env: dict[str, str] = ENV
) -> subprocess.CompletedProcess[str]:
    """`make build` (or `target`) in `project`, with the engine given and this test's Python;
    SITE_URL set for `make deploy`, which refuses without it."""
    site_url = ["SITE_URL=https://example.org/explainer/"] if target == "deploy" else []
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed"]
        + ["-o", ".venv/.installed-dev", target]
        + [f"BIN={Path(sys.executable).parent}", f"ENGINE={engine}", *site_url],
        cwd=project,
        env={k: v for k, v in env.items() if k != "SITE_URL"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_make_build_scans_a_fresh_folder_and_keeps_the_site_when_the_plugin_is_missing(
    tmp_path: Path, engine: str
) -> None:
    project = project_copy(tmp_path)
    first = make_build(project, engine)
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(
        r"ok: \d+ pages scanned once, nothing that could run script; "
        r"all \d+ files the content compiles to are there; site updated",
        first.stdout.splitlines()[-1],
    )
    # The engine left the net to `site-gen build`: the site was scanned once, by it.
    assert "the safety net is left to site-gen build" in first.stderr
    good = snapshot(project / "site")
    assert "issues/donbas/index.html" in good
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - explainer\n", ""), "utf-8")
    about = "# About\n\n<img src=x onerror=alert(1)>\n"
    (project / "content" / "about.md").write_text(about, encoding="utf-8")

    result = make_build(project, engine)

    assert result.returncode == -13  # make ended by SIGPIPE, quietly: the tool's line is the last
    errors = result.stderr.splitlines()
    assert (
        "site-gen build: mkdocs.yml builds without the explainer plugin (it wrote no manifest): "
        "is `explainer` listed under `plugins:`? site was left as it was"
    ) in errors
    found = [re.sub(r":\d+:", ":N:", e) for e in errors if e.startswith("site/about/")]
    assert found == [
        "site/about/index.html:N: event-handler attribute 'onerror': <img src=x onerror=alert(1)>"
    ]
    assert errors[-1] == "make build: the site was not built; site/ is as it was"  # the last
    assert snapshot(project / "site") == good


def plain_project(project: Path) -> Path:
    """`site-gen compile` of the project's content into plain/, and plain.yml, which builds it
    with the same theme and navigation and no explainer plugin (what another engine gets)."""
    compiled = subprocess.run(
        [sys.executable, "-m", "site_gen", "compile", "content", "--out", "plain"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert compiled.returncode == 0, compiled.stderr
    nav = json.loads((project / "plain" / "nav.json").read_text(encoding="utf-8"))
    (project / "plain" / "nav.json").unlink()
    config = yaml.safe_load(
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", "")
    )
    config.update(docs_dir="plain", site_url=None, nav=nav, plugins=["search"])
    config["not_in_nav"] = "*.md"  # the plugin says so of the pages it keeps out of the nav
    (project / "plain.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture explainer built by each engine with the plugin (`<engine>`) and from
    `site-gen compile` without it (`<engine>-alone`)."""
    project = plain_project(project_copy(tmp_path_factory.mktemp("project")))
    built = {}
    for engine in ENGINES:
        result = engine_build(project, engine, "-d", f"{engine}-site")
        assert result.returncode == 0, result.stderr
        built[engine] = project / f"{engine}-site"
        alone = subprocess.run(
            [sys.executable, "-m", engine, "build", "--strict", "-f", "plain.yml"]
            + ["-d", f"{engine}-alone"],
            cwd=project,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert alone.returncode == 0, alone.stderr
        built[f"{engine}-alone"] = project / f"{engine}-alone"
    return built


@pytest.mark.parametrize("name", [*ENGINES, *(f"{e}-alone" for e in ENGINES)])
def test_each_engine_builds_every_compiled_page_and_passes_the_scan(
    sites: dict[str, Path], name: str, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(sites[name].parent)
    code = main(["scan", sites[name].name, "--content", str(TALKS)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    pages = html_pages(sites["mkdocs"])
    if name.endswith("-alone"):  # the compiled Markdown alone: no plugin, so no embed cards
        pages = [p for p in pages if not p.startswith("embed/")]
    assert out.startswith(f"ok: {len(pages)} pages scanned, nothing")


def test_every_engine_builds_the_same_pages(sites: dict[str, Path]) -> None:
    pages = {name: html_pages(site) for name, site in sites.items()}
    assert "issues/donbas/index.html" in pages["mkdocs"]
    assert "embed/issues/donbas/index.html" in pages["mkdocs"]
    # The compiled Markdown built alone has every page but the plugin's embed cards.
    alone = [p for p in pages["mkdocs"] if not p.startswith("embed/")]
    assert {name: found == (alone if name.endswith("-alone") else pages["mkdocs"])
            for name, found in pages.items()} == {name: True for name in pages}  # fmt: skip


def test_the_compiled_pages_built_alone_read_as_with_the_plugin(sites: dict[str, Path]) -> None:
    for engine in ENGINES:
        plugin, alone = sites[engine], sites[f"{engine}-alone"]
        for page in ("issues/donbas/index.html", "positions/index.html", "timeline/index.html"):
            assert _article(plugin / page) == _article(alone / page), (engine, page)


def _article(page: Path) -> str:
    """The page's main content, as the Markdown made it (the theme's frame around it aside,
    and what the theme adds from the plugin's settings: the print stamp, the embed code)."""
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    article = re.sub(r'<p class="xp-print-stamp".*?</p>', "", article, flags=re.S)
    article = re.sub(r'<details class="xp-embed-code">.*?</details>', "", article, flags=re.S)
    return " ".join(article.split())  # the includes leave lines of white space behind


def test_make_deploy_pushes_only_a_site_that_passed_the_scan(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project")
    remote = tmp_path / "remote.git"
    env = {**ENV, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "--bare", "-q", str(remote)], check=True)
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "remote", "add", "origin", str(remote)], cwd=project, check=True)
    config = project / "mkdocs.yml"
    good_config = config.read_text("utf-8")
    config.write_text(good_config.replace("  - explainer\n", ""), "utf-8")

    def deploy() -> subprocess.CompletedProcess[str]:
        return make_build(project, "mkdocs", target="deploy", env=env)

    refused = deploy()
    assert refused.returncode == -13  # make ended by SIGPIPE, quietly: the tool's line is the last
    assert "builds without the explainer plugin (it wrote no manifest)" in refused.stderr
    branches = subprocess.run(["git", "branch", "--list"], cwd=remote, capture_output=True)
    assert branches.stdout == b""

    config.write_text(good_config, "utf-8")
    deployed = deploy()
    assert deployed.returncode == 0, deployed.stderr
    published = subprocess.run(
        ["git", "show", "gh-pages:issues/donbas/index.html"],
        cwd=remote,
        capture_output=True,
        text=True,
    )
    assert published.stdout == (project / "site" / "issues" / "donbas" / "index.html").read_text(
        "utf-8"
    )


def test_make_deploy_refuses_without_site_url(tmp_path: Path) -> None:
    """Without site_url the 404 page breaks under a sub-path: nothing is built or pushed."""
    project = project_copy(tmp_path)
    refused = subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed", "deploy"],
        cwd=project,
        env={k: v for k, v in ENV.items() if k != "SITE_URL"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == -13  # make ended by SIGPIPE, quietly: the tool's line is the last
    assert refused.stderr.splitlines()[0] == (
        "make deploy: set SITE_URL to the address the site is published at, e.g. "
        "SITE_URL=https://user.github.io/repo/ make deploy (without it the 404 page breaks "
        "under a sub-path)"
    )
    assert not (project / "site").exists() and not (project / "build").exists()
