"""`site-gen build` (what `make build` runs): the engine builds into a fresh folder, the safety
net scans it once, and only a site that passed replaces the old one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_gen import pipeline
from site_gen.cli import main
from tests.sites import project_copy

pytestmark = pytest.mark.slow  # it starts the engine as a program, as make build does


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_site_gen_build_scans_once_and_swaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    scans: list[Path] = []
    real = pipeline.scan_site

    def counted(site: Path, *args: object, **kwargs: object):  # noqa: ANN202
        scans.append(site)
        return real(site, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "scan_site", counted)
    assert main(["build"]) == 0
    out, err = capfd.readouterr()
    assert len(scans) == 1  # this process scanned once...
    assert "the safety net is left to site-gen build" in err  # ...and the engine did not
    assert out.splitlines()[-1].startswith("ok: ")
    assert out.splitlines()[-1].endswith("the content compiles to are there; site updated")
    assert (project / "site" / "issues" / "donbas" / "index.html").is_file()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_site_the_net_refuses_never_replaces_the_last_good_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert main(["build"]) == 0
    good = _snapshot(project / "site")
    # A template printing configuration raw (the theme's own scripts are allowed, not this).
    (project / "theme" / "main.html").write_text(
        '{% extends "base.html" %}{% block announce %}{{ config.extra.banner }}{% endblock %}',
        encoding="utf-8",
    )
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nextra:\n  banner: <script>window.__pwned=1</script>\n")
    capfd.readouterr()
    assert main(["build"]) == 1
    _, err = capfd.readouterr()
    assert "site/index.html:" in err
    assert "<script> the theme did not put there: <script>window.__pwned=1" in err
    assert err.splitlines()[-1].startswith("site-gen build: ")
    assert err.splitlines()[-1].endswith("; site was left as it was")
    assert _snapshot(project / "site") == good
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []
    assert os.environ.get(pipeline.MANIFEST_ENV) is None


def test_a_preview_build_shows_the_content_s_problems_on_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """`site-gen build --show-problems` (a pull request's preview): content with an error
    builds, every page showing the problems as `make serve` does; a plain build refuses it."""
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    issue = project / "content" / "issues" / "donbas.yml"
    issue.write_text(issue.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle: [", 1))
    assert main(["build"]) == 1
    assert not (project / "site").exists()
    capfd.readouterr()
    assert main(["build", "--show-problems"]) == 0
    out, _ = capfd.readouterr()
    assert out.splitlines()[-1].startswith("ok: ")
    site = project / "site"
    problems = (site / "problems" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in problems and "The content has problems" in problems
    assert "content/issues/donbas.yml:" in problems
    for page in ("index.html", "issues/donbas/index.html", "actors/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert 'class="xp-problems"' in text and "content/issues/donbas.yml:" in text, page
    assert os.environ.get(pipeline.SHOW_PROBLEMS_ENV) is None


def test_a_preview_build_of_content_with_warnings_carries_the_banner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warnings alone: the pages are the real ones, under the preview's banner linking to
    /problems/ (relative, so that the preview works under pr-preview/pr-N/)."""
    project = project_copy(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    with (project / "content" / "explainer.yml").open("a", encoding="utf-8") as f:
        f.write("stale_after_days: 1\n")
    assert main(["build", "--show-problems"]) == 0
    site = project / "site"
    donbas = (site / "issues" / "donbas" / "index.html").read_text(encoding="utf-8")
    assert 'class="xp-preview-problems"' in donbas
    assert 'href="../../problems/"' in donbas
    assert "warning: the current position of" in donbas
    assert 'class="xp-problems"' not in donbas  # the page itself is shown
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="problems/"' in home
    assert (site / "problems" / "index.html").is_file()
    # A published build of the same content carries neither.
    assert main(["build"]) == 0
    assert not (site / "problems").exists()
    assert "xp-preview-problems" not in (site / "index.html").read_text(encoding="utf-8")
