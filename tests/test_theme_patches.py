"""The Material templates theme/ holds copies of are upstream plus a small patch: each patch in
patches/material-<version>/ applied to the installed Material's file gives theme/'s copy.

A Material upgrade that moves the upstream file, or an edit of a copy without its patch, fails
here. After an intended edit of a copy, `make goldens` (UPDATE_GOLDENS=1) rewrites its patch;
review it in `git diff`. Upgrading Material: rename the folder to the new version, re-apply
the patches to the new files (`patch -p1`), fix what fails, then rewrite them.
"""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PATCHES = sorted((ROOT / "patches").glob("material-*"))
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
COPY_MARK = "Copy of Material for MkDocs"


def _upstream() -> Path:
    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def _copies() -> list[str]:
    """theme/'s templates that say they are a copy of Material's, by path under theme/."""
    return sorted(
        p.relative_to(ROOT / "theme").as_posix()
        for p in (ROOT / "theme").rglob("*.html")
        if COPY_MARK in p.read_text(encoding="utf-8")[:200]
    )


def _patch_of(template: str) -> Path:
    return PATCHES[0] / f"{template.replace('/', '-')}.patch"


def test_one_folder_of_patches_for_the_installed_material() -> None:
    assert [p.name for p in PATCHES] == [
        f"material-{importlib.metadata.version('mkdocs-material')}"
    ]


def test_every_copy_has_its_patch_and_every_patch_its_copy() -> None:
    copies = _copies()
    assert "base.html" in copies
    assert sorted(p.name for p in PATCHES[0].glob("*.patch")) == sorted(
        _patch_of(c).name for c in copies
    )


@pytest.mark.parametrize("template", _copies())
def test_patch_applied_to_the_installed_material_gives_the_copy(
    template: str, tmp_path: Path
) -> None:
    upstream = _upstream() / template
    copy = ROOT / "theme" / template
    patch = _patch_of(template)
    if UPDATE:
        diff = difflib.unified_diff(
            upstream.read_text(encoding="utf-8").splitlines(keepends=True),
            copy.read_text(encoding="utf-8").splitlines(keepends=True),
            f"a/{template}",
            f"b/{template}",
        )
        patch.parent.mkdir(parents=True, exist_ok=True)
        patch.write_text("".join(diff), encoding="utf-8")
    target = tmp_path / template
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(upstream, target)
    result = subprocess.run(
        ["git", "apply", "--whitespace=nowarn", str(patch)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"{patch.name} no longer applies:\n{result.stderr}"
    assert target.read_text(encoding="utf-8") == copy.read_text(encoding="utf-8"), (
        f"theme/{template} is not upstream plus {patch.name}: `make goldens` rewrites the patch"
    )
