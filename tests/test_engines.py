"""The engines the site builds with, tested rather than promised: MkDocs 1.6.1 (the default) and
ProperDocs, its maintained fork, each with the plugin on the shipped-contract fixture."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_build import ENV, project_copy
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
