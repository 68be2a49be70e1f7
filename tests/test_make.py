"""A `make` verb that fails ends with the tool's own last line: nothing of make's own
(`make: *** [Makefile:N: validate] Error 1`) follows it (issue 22). Make is ended quietly when a
verb's command fails (see `or_stop` in the Makefile); the exit status is a failure still."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.sites import ROOT, TALKS


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_failed_check_ends_with_the_tool_s_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(TALKS, content)
    (content / "issues" / "donbas.yml").write_text("title: [\n", encoding="utf-8")
    result = _make("validate", f"CONTENT={content}")
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{content}/issues/donbas.yml:2:1: invalid YAML: did not find expected node content "
        "(in the value that starts at line 2)",
        "1 problem found",
    ]


def test_a_verb_used_wrongly_ends_with_its_usage() -> None:
    for args, usage in (
        (["new"], "usage: make new KIND=actor|issue|event|source ID=lowercase-id"),
        (["scan"], "usage: make scan SITE=path/to/built/site"),
    ):
        result = _make(*args)
        assert result.returncode != 0, args
        assert (result.stdout, result.stderr) == ("", usage + "\n"), args


def test_a_scan_that_finds_no_site_ends_with_the_tool_s_line(tmp_path: Path) -> None:
    result = _make("scan", f"SITE={tmp_path / 'nothing'}")
    assert result.returncode != 0
    assert "make:" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1].startswith("site-gen: error: ")
