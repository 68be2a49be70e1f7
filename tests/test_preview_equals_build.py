"""The live preview (`mkdocs serve --dirty`, what `make serve` runs) equals a full build after
edits that change what every page shows around its text: explainer.yml (the footer's license
and publisher, the site's name), a hand-written page added (the navigation and the footer's
About link) and removed. Every page's whole HTML is compared with a fresh build's."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.sites import ENV, mkdocs_build, preview_server, project_copy
from tests.test_serve import _wait_for

pytestmark = pytest.mark.slow

_LIVERELOAD = re.compile(r"<script>\s*var livereload.*?</script>", re.DOTALL)


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): _LIVERELOAD.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).as_posix().startswith("problems/")
    }


def _differing(served: Path, project: Path, base: str, tmp: Path) -> list[str]:
    """The pages whose HTML differs between the preview's folder and a fresh build of the
    same project at the preview's address."""
    fresh = tmp / f"fresh-{time.monotonic_ns()}"
    result = mkdocs_build(project, "-d", str(fresh), env={**ENV, "SITE_URL": base})
    assert result.returncode == 0, result.stderr
    want, got = _pages(fresh), _pages(served)
    assert set(got) >= set(want)
    return [page for page in want if got[page] != want[page]]


def test_the_preview_equals_a_full_build_after_edits_of_what_every_page_shows(
    tmp_path: Path,
) -> None:
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project")
    explainer = project / "content" / "explainer.yml"
    original = explainer.read_text(encoding="utf-8")
    with preview_server(project, "--dirty", "-v") as (base, _, lines):
        _wait_for(base, "Where things stand")
        served = Path(
            next(m.group(1) for line in lines if (m := re.search(r"'site_dir' = '(.+)'", line)))
        )
        time.sleep(1)
        assert _differing(served, project, base, tmp_path) == []

        explainer.write_text(
            original + "license: CC-BY-4.0\npublisher:\n  name: The Daily Example\n", "utf-8"
        )
        _wait_for(base + "sources/", "The Daily Example", seconds=20)
        time.sleep(2)
        assert _differing(served, project, base, tmp_path) == []

        about = project / "content" / "about.md"
        about.write_text("# About this explainer\n\nWho made it.\n", "utf-8")
        _wait_for(base + "about/", "Who made it.", seconds=20)
        time.sleep(2)
        assert _differing(served, project, base, tmp_path) == []

        about.unlink()
        _wait_for(base + "about/", "HTTP 404", seconds=20)
        time.sleep(2)
        assert _differing(served, project, base, tmp_path) == []
