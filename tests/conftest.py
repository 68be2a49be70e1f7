"""Fixtures: a throwaway copy of content/ as the working directory, and `site-gen validate`."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from site_gen.cli import main
from tests.corpora import TALKS as SHIPPED


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped content/ at tmp_path/content; tmp_path is the working directory,
    so problems read `content/issues/x.yml:3:1: ...`. Returns the relative path `content`."""
    shutil.copytree(SHIPPED, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


@pytest.fixture
def write(content: Path) -> Callable[[str, str | bytes | None], Path]:
    """write(rel, text): put a file in the copied content/ (text is dedented; bytes are written
    as they are; None deletes the file)."""

    def write(rel: str, text: str | bytes | None) -> Path:
        path = content / rel
        if text is None:
            path.unlink()
        elif isinstance(text, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def validate(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[[], tuple[int, str, str]]:
    """validate(): run `site-gen validate content`; return (exit code, stdout, stderr)."""

    def validate() -> tuple[int, str, str]:
        code = main(["validate", str(content)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return validate
