"""Live preview: a real `mkdocs serve` picks up YAML edits, shows problems, and recovers."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from site_gen.cli import main
from tests.sites import preview_server, project_copy


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return f"HTTP {e.code}"


def _wait_for(url: str, text: str, seconds: float = 20) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = _get(url)
        except (urllib.error.URLError, ConnectionError):
            page = ""
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    project = project_copy(tmp_path)
    with preview_server(project) as (base, process, _):
        yield base, project, process


def test_edit_shows_up_broken_file_shows_problems_and_server_recovers(server) -> None:
    base, project, process = server
    page = base + "issues/donbas/"
    _wait_for(page, "Sees Donbas as being fully a part of Russia")
    donbas = project / "content" / "issues" / "donbas.yml"
    good = donbas.read_text(encoding="utf-8")

    donbas.write_text(good.replace("Sees Donbas as being", "Edited, sees Donbas as"), "utf-8")
    _wait_for(page, "Edited, sees Donbas as", seconds=10)

    donbas.write_text(good.replace("status: open", "status: opne"), "utf-8")
    # The last good pages stay, under a banner naming the problem and quoting its line.
    broken = _wait_for(page, "The content has 1 problem", seconds=10)
    assert "Edited, sees Donbas as" in broken
    assert (
        '<code style="white-space:pre-wrap">content/issues/donbas.yml:4:9: invalid status '
        "&#x27;opne&#x27;: expected one of open, narrowing, agreed, deadlocked</code>"
        '<pre style="margin:.2rem 0;overflow-x:auto">4 | status: opne\n            ^</pre>'
    ) in broken
    assert '<a href="/problems/"' in broken
    home = _get(base)
    assert "The content has 1 problem" in home and 'class="md-tabs' in home
    everything = _get(base + "problems/")
    assert '<h1 id="the-content-has-problems">The content has problems</h1>' in everything
    assert "content/issues/donbas.yml:4:9" in everything
    assert process.poll() is None

    donbas.write_text(good, "utf-8")
    fixed = _wait_for(page, "Sees Donbas as being fully a part of Russia", seconds=10)
    assert "xp-preview-problems" not in fixed
    assert "No problems" in _get(base + "problems/")
    assert process.poll() is None


def test_a_half_written_file_never_blanks_the_preview(server) -> None:
    """A file as `site-gen new` wrote it is left out with a warning; half filled in, it is
    an error shown above the last good pages, which stay."""
    base, project, process = server
    page = base + "issues/donbas/"
    _wait_for(page, "Sees Donbas as being fully a part of Russia")
    assert main(["new", "issue", "ceasefire", "--content", str(project / "content")]) == 0
    draft = _wait_for(page, "The content has 1 warning", seconds=10)
    assert "content/issues/ceasefire.yml:3:8: warning: not filled in yet" in draft
    assert "Sees Donbas as being fully a part of Russia" in draft
    assert _get(base + "issues/ceasefire/") == "HTTP 404"

    ceasefire = project / "content" / "issues" / "ceasefire.yml"
    text = ceasefire.read_text("utf-8").replace('title: ""', "title: Ceasefire")
    ceasefire.write_text(text, "utf-8")
    half = _wait_for(page, "problems: the preview shows the last pages that had none", seconds=10)
    assert "Sees Donbas as being fully a part of Russia" in half
    assert "content/issues/ceasefire.yml:4:11: question is empty</code>" in half
    assert "See all 5 problems" in half
    assert "A &#x27;dirty&#x27; build" not in half
    assert process.poll() is None


def test_dirty_preview_rebuilds_only_the_pages_an_edit_changes(tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: a save rebuilds the pages whose Markdown
    changed, and the search index still covers every page."""
    project = project_copy(tmp_path)
    with preview_server(project, "--dirty", "-v") as (base, process, lines):
        _wait_for(base + "issues/donbas/", "Sees Donbas as being fully a part of Russia")
        time.sleep(1)
        locations = _index_pages(base)
        site = Path(
            next(m.group(1) for line in lines if (m := re.search(r"'site_dir' = '(.+)'", line)))
        )
        before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
        donbas = project / "content" / "issues" / "donbas.yml"
        text = donbas.read_text(encoding="utf-8")
        donbas.write_text(text.replace("Sees Donbas as being", "Edited, sees Donbas as"), "utf-8")
        _wait_for(base + "issues/donbas/", "Edited, sees Donbas as", seconds=10)
        _wait_for(base + "positions/", "Edited, sees Donbas as", seconds=10)
        time.sleep(1)
        rebuilt = {
            str(p.relative_to(site).parent)
            for p, mtime in before.items()
            if p.stat().st_mtime_ns != mtime and p.name == "index.html"
        }
        assert {"issues/donbas", "positions", "actors/russia"} <= rebuilt
        assert not rebuilt & {"actors/kushner", "issues/root-causes", "sources"}
        assert len(rebuilt) < len(before) / 3

        # A new fact file becomes a page; once deleted, its page and search entries go too.
        envoy = project / "content" / "actors" / "new-envoy.yml"
        envoy.write_text("name: A new envoy\nkind: person\n", "utf-8")
        _wait_for(base + "actors/new-envoy/", "A new envoy", seconds=10)
        time.sleep(1)
        assert _index_pages(base) == locations | {"actors/new-envoy/"}
        envoy.unlink()
        _wait_for(base + "actors/new-envoy/", "HTTP 404", seconds=10)
        time.sleep(1)
        assert _index_pages(base) == locations
        assert _index_pages(base) == locations
        assert process.poll() is None
        # The plugin keeps dirty builds accurate, so MkDocs' warning that they are not is gone.
        assert not [line for line in lines if "'dirty' build" in line]
        assert any("Building documentation" in line for line in lines)


def _index_pages(base: str) -> set[str]:
    index = json.loads(_get(base + "search/search_index.json"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}


def test_the_banner_lists_the_warnings_folded_while_errors_exist(server) -> None:
    """The preview's banner shows the errors first, then the warnings about the files that
    could still be judged, folded in a <details> (issue 22)."""
    base, project, process = server
    page = base + "issues/donbas/"
    _wait_for(page, "Sees Donbas as being fully a part of Russia")
    assert main(["new", "issue", "ceasefire", "--content", str(project / "content")]) == 0
    donbas = project / "content" / "issues" / "donbas.yml"
    donbas.write_text(donbas.read_text("utf-8").replace("status: open", "status: opne"), "utf-8")
    broken = _wait_for(page, "See all 1 problem and 1 warning", seconds=10)
    start = broken.index('<div class="xp-preview-problems"')
    banner = broken[start : broken.index("</a></div>", start)]
    error = banner.index("content/issues/donbas.yml:4:9: invalid status")
    folded = banner.index('<details class="xp-preview-warnings"')
    warning = banner.index("content/issues/ceasefire.yml:3:8: warning: not filled in yet")
    assert error < folded < warning
    assert '<summary style="cursor:pointer">1 warning</summary>' in banner
    assert process.poll() is None
