"""`make build` needs none of the developer's tools: a virtual environment made from
requirements/runtime.txt alone builds, scans and swaps in the site of a project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import ENV, ROOT, project_copy

pytestmark = pytest.mark.slow  # it makes a virtual environment and installs into it


def test_a_site_builds_from_the_runtime_requirements_alone(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    pip += ["--disable-pip-version-check"]
    runtime = ROOT / "requirements" / "runtime.txt"
    subprocess.run([*pip, "-r", str(runtime)], check=True, timeout=600)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True, timeout=600)
    missing = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import pytest"], capture_output=True, text=True
    )
    assert "No module named 'pytest'" in missing.stderr  # no developer's tool came along
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project")
    result = subprocess.run(
        [str(venv / "bin" / "site-gen"), "build"],
        cwd=project,
        env={**ENV, "PATH": f"{venv / 'bin'}:{ENV.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith("site updated")
    assert (project / "site" / "issues" / "donbas" / "index.html").is_file()
