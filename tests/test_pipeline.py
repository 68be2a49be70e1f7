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
