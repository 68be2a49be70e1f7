"""Live preview: a real `mkdocs serve` picks up YAML edits, shows problems, and recovers."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_build import ENV, project_copy


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/", project, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_edit_shows_up_broken_file_shows_problems_and_server_recovers(server) -> None:
    base, project, process = server
    page = base + "issues/donbas/"
    _wait_for(page, "Sees Donbas as being fully a part of Russia")
    donbas = project / "content" / "issues" / "donbas.yml"
    good = donbas.read_text(encoding="utf-8")

    donbas.write_text(good.replace("Sees Donbas as being", "Edited, sees Donbas as"), "utf-8")
    _wait_for(page, "Edited, sees Donbas as", seconds=10)

    donbas.write_text(good.replace("status: open", "status: opne"), "utf-8")
    broken = _wait_for(page, "The content has problems", seconds=10)
    assert "content/issues/donbas.yml:4:9: invalid status &#x27;opne&#x27;" in broken or (
        "content/issues/donbas.yml:4:9: invalid status &#39;opne&#39;" in broken
    )
    assert "The content has problems" in _get(base)
    assert process.poll() is None

    donbas.write_text(good, "utf-8")
    _wait_for(page, "Sees Donbas as being fully a part of Russia", seconds=10)
    assert process.poll() is None


def test_dirty_preview_rebuilds_only_the_pages_an_edit_changes(tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: a save rebuilds the pages whose Markdown
    changed, and the search index still covers every page."""
    project = project_copy(tmp_path)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-v", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}/"
    try:
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
    finally:
        process.terminate()
        process.wait(timeout=10)


def _index_pages(base: str) -> set[str]:
    index = json.loads(_get(base + "search/search_index.json"))
    return {doc["location"].split("#")[0] for doc in index["docs"]}
