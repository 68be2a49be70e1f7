"""The files of issue 19's attacks, put in `content/` of a project that `mkdocs serve` (the
live preview, the origin of the editor at /admin/) serves, opened in Chromium: no file a browser
may run is served, no front matter redirects, no page loads from another host, nothing runs."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from test_browser import Browser  # skips without Chromium

from tests.sites import preview_server, project_copy
from tests.test_content_files import HOSTILE_FILES, _put
from tests.test_serve import _wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTS_PAGE = """\
# Images

<img src="https:evil.example/a.png" alt="a">
<img src="https:/evil.example/b.png" alt="b">
<iframe src="https:evil.example/frame" title="f"></iframe>
<img src="/\\evil.example/c.png" alt="c">
"""


def test_the_preview_serves_no_hostile_file_and_runs_nothing(
    browser: Browser, tmp_path: Path
) -> None:
    project = project_copy(tmp_path)
    _put(project / "content", {**HOSTILE_FILES, "hosts.md": HOSTS_PAGE})
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    with preview_server(project) as (base, _, _), contextlib.closing(context):
        _wait_for(base, "The content has")
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        refused = ["chart.svg", "page.htm", "page.xhtml", "raw.html", "evil.js", "style.css"]
        for path in [*refused, "fake.png", "table.csv"]:
            response = page.goto(base + path)
            assert response is not None and response.status == 404, path
        for path in ["go/", "away/", "hosts/", ""]:
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.url == base + path  # no redirect, to a script or off the site
            assert page.evaluate("window.__pwned") is None, path
        assert dialogs == []
        assert [url for url in requested if "evil.example" in url] == []
