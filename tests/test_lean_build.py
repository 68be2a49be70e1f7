"""`make build` needs none of the developer's tools: the environment scripts/install.sh makes
from requirements/runtime.txt alone builds, scans and swaps in the site of a project, and stays
lean (no pip, no Babel, no bytecode compiled ahead, under 150 MB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench_install import size_mb
from tests.sites import ENV, ROOT, project_copy

pytestmark = pytest.mark.slow  # it makes a virtual environment and installs into it

INSTALL = ROOT / "scripts" / "install.sh"


# The Python the project's environment was made from, as `make build` makes it from python3
# (this test runs in that environment, which has no pip of its own).
BASE = getattr(sys, "_base_executable", sys.executable)


def install(venv: Path, *args: str) -> None:
    env = {**os.environ, "PYTHON": BASE, "VENV": str(venv)}
    subprocess.run(["sh", str(INSTALL), *args], env=env, cwd=ROOT, check=True, timeout=600)


def test_a_site_builds_from_the_runtime_requirements_alone(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    install(venv, "-r", str(ROOT / "requirements" / "runtime.txt"))
    install(venv, "-e", str(ROOT))
    python = str(venv / "bin" / "python")
    # pip stays outside when the Python that made it has a pip that installs elsewhere
    outside = subprocess.run([BASE, "-m", "pip", "--python", python, "--version"]).returncode == 0
    absent = ["pytest", "babel"] + (["pip", "setuptools"] if outside else [])
    for name in absent:  # no developer's tool came along
        missing = subprocess.run([python, "-c", f"import {name}"], capture_output=True, text=True)
        assert f"No module named '{name}'" in missing.stderr
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
    assert size_mb(venv) < 150  # issue 22's target for the first build's environment


def test_without_a_pip_that_installs_elsewhere_the_environment_gets_its_own(
    tmp_path: Path,
) -> None:
    """A python3 whose pip is older than 22.3 (or absent) still gets a working environment:
    here a python3 that refuses `pip --python`, as such a pip does."""
    fake = tmp_path / "python3"
    fake.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2 $3" = "-m pip --python" ]; then echo "no such option: --python" >&2; '
        "exit 2; fi\n"
        f'exec {BASE} "$@"\n'
    )
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    env = {**os.environ, "PYTHON": str(fake), "VENV": str(venv)}
    pins = tmp_path / "pins.txt"
    pins.write_text("mergedeep==1.3.4\n")  # one small pinned package of runtime.txt
    subprocess.run(["sh", str(INSTALL), "-r", str(pins)], env=env, check=True, timeout=600)
    assert (venv / "bin" / "pip").exists()
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import mergedeep; print(mergedeep.__name__)"],
        capture_output=True,
        text=True,
    )
    assert shown.stdout == "mergedeep\n"
