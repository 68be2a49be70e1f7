"""The local editor's server (`site-gen edit`), attacked as issue 19 found decap-server open:
a page of the preview's origin (or any page the browser shows) posting to 127.0.0.1:8081.

The server runs as `site-gen edit` starts it (`editor_server.start`, in a thread) on a free
port, over a copy of a fixture project with a `.git` folder; every test compares the whole
project folder before and after, so "writes nothing" means nothing anywhere.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from site_gen import editor_server
from site_gen.cli import main
from site_gen.editor_server import EditorSettings
from site_gen.load import MAX_FILE_BYTES
from tests.sites import free_port as _free_port
from tests.test_build import ENV, project_copy
from tests.test_serve import _wait_for

ROOT = Path(__file__).parent.parent
TOKEN = "s3cret-of-this-start"
PREVIEW_PORT = 8000
ORIGIN = f"http://127.0.0.1:{PREVIEW_PORT}"
GIT_CONFIG = "[core]\n\trepositoryformatversion = 0\n"
HOOK = '[core]\n\tfsmonitor = "touch PWNED; false"\n'
ONLY = "the editor reads and writes only .yml, .yaml and .md files under content/"
ACTOR = "name: Alex Mediator\nkind: person\n"


class RawJSON(str):
    """A request body sent as it is."""


class Editor:
    def __init__(self, project: Path, port: int) -> None:
        self.project, self.port = project, port

    def post(
        self,
        body: Any,
        *,
        path: str = f"/{TOKEN}/api/v1",
        origin: str | None = ORIGIN,
        host: str | None = None,
        method: str = "POST",
    ) -> tuple[int, Any, dict[str, str]]:
        """Send one request as a browser would; returns status, JSON body and headers."""
        headers = {"Host": host or f"127.0.0.1:{self.port}", "Content-Type": "application/json"}
        if origin is not None:
            headers["Origin"] = origin
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            data = body if isinstance(body, RawJSON) else None if body is None else json.dumps(body)
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            return response.status, json.loads(raw) if raw else None, dict(response.headers)
        finally:
            connection.close()

    def tree(self) -> dict[str, bytes]:
        """Every file of the project (the .git folder too), by path."""
        found = {}
        for folder, _, names in os.walk(self.project):
            for name in names:
                path = Path(folder) / name
                found[path.relative_to(self.project).as_posix()] = (
                    os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
                )
        return found


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[Editor]:
    project = project_copy(tmp_path)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(GIT_CONFIG, encoding="utf-8")
    # What took decap-server over at its next start (H4): it reads no .env at all.
    (project / ".env").write_text(f"GIT_REPO_DIRECTORY={tmp_path.parent}\nORIGIN=*\n")
    server = editor_server.start(EditorSettings(project, "content", TOKEN, PREVIEW_PORT), 0)
    try:
        yield Editor(project, server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


def persist(path: str, raw: str = HOOK, **entry: str) -> dict[str, Any]:
    """Decap's save of one file (decap-cms 3.16's proxy backend), as the issue's payload."""
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "entry": {"slug": "x", "path": path, "raw": raw, **entry},
            "assets": [],
            "options": {"commitMessage": "m", "useWorkflow": False, "status": "draft"},
        },
    }


def refused(path: str, why: str) -> dict[str, str]:
    return {"error": f"refused: {path!r} {why}: {ONLY}"}


OUTSIDE = "is outside content/"
HIDDEN = "names a hidden file or folder"
DOTS = "has an empty, '.' or '..' segment"
NOT_EDITED = "is not a .yml, .yaml or .md file"


@pytest.mark.parametrize(
    ("path", "why"),
    [
        (".git/config", OUTSIDE),  # the issue's payload: git runs fsmonitor on `git status`
        ("OUTSIDE-CONTENT.txt", OUTSIDE),
        ("Makefile.new", OUTSIDE),
        ("Makefile", OUTSIDE),
        (".env", OUTSIDE),  # H4: decap-server read it at start
        ("mkdocs.yml", OUTSIDE),
        ("content", OUTSIDE),
        ("content/.env", HIDDEN),
        ("content/.git/config", HIDDEN),
        ("content/actors/.hidden.yml", HIDDEN),
        ("content/../x", DOTS),
        ("content/../.git/config", DOTS),
        ("content/actors/../../.git/config", DOTS),
        ("content//actors/x.yml", DOTS),
        ("./content/actors/x.yml", DOTS),
        ("/etc/passwd", "is not a relative path with / between names"),
        (f"{ROOT}/content/actors/x.yml", "is not a relative path with / between names"),
        ("content\\..\\x.yml", "is not a relative path with / between names"),
        ("content/actors/x.yml\x00.txt", "holds a control character"),
        ("content/actors/x.txt", NOT_EDITED),
        ("content/actors/x.yml.sh", NOT_EDITED),
        ("content/actors", NOT_EDITED),
        ("content/actors/donbas", NOT_EDITED),
    ],
)
def test_the_issues_payload_writes_nothing_even_with_the_secret_and_the_origin(
    editor: Editor, path: str, why: str
) -> None:
    before = editor.tree()
    status, body, headers = editor.post(persist(path))
    assert (status, body) == (403, refused(path, why))
    assert headers["Access-Control-Allow-Origin"] == ORIGIN  # the editor may read why
    assert editor.tree() == before


def test_a_save_is_checked_whole_before_anything_is_written(editor: Editor) -> None:
    before = editor.tree()
    request = persist("content/actors/x.yml", ACTOR)
    request["params"]["dataFiles"] = [request["params"].pop("entry")]
    request["params"]["dataFiles"].append({"slug": "y", "path": ".git/config", "raw": HOOK})
    status, body, _ = editor.post(request)
    assert (status, body) == (403, refused(".git/config", OUTSIDE))
    assert editor.tree() == before


def test_a_move_elsewhere_and_a_move_over_a_file_are_refused(editor: Editor) -> None:
    before = editor.tree()
    status, body, _ = editor.post(persist("content/actors/x.yml", ACTOR, newPath=".git/config"))
    assert (status, body) == (403, refused(".git/config", OUTSIDE))
    target = "content/actors/zelenskyy.yml"
    status, body, _ = editor.post(persist("content/actors/x.yml", ACTOR, newPath=target))
    assert (status, body) == (409, {"error": f"refused: {target!r} exists; not overwriting it"})
    assert editor.tree() == before


def test_uploads_are_refused(editor: Editor) -> None:
    before = editor.tree()
    asset = {"path": "content/actors/x.yml", "content": "eA==", "encoding": "base64"}
    upload = {"asset": asset, "options": {"commitMessage": "m"}, "branch": "main"}
    status, body, _ = editor.post({"action": "persistMedia", "params": upload})
    assert (status, body) == (403, {"error": "refused: persistMedia: the editor takes no uploads"})
    request = persist("content/actors/x.yml", ACTOR)
    request["params"]["assets"] = [{**asset, "path": ".git/config"}]
    status, body, _ = editor.post(request)
    assert (status, body) == (403, {"error": "refused: the editor takes no uploads (assets)"})
    assert editor.tree() == before


def test_deletes_are_bounded_as_writes(editor: Editor) -> None:
    before = editor.tree()
    delete = {"options": {"commitMessage": "m"}, "branch": "main"}
    status, body, _ = editor.post({"action": "deleteFile", "params": {"path": ".env", **delete}})
    assert (status, body) == (403, refused(".env", OUTSIDE))
    paths = ["content/actors/zelenskyy.yml", ".git/config"]
    status, body, _ = editor.post({"action": "deleteFiles", "params": {"paths": paths, **delete}})
    assert (status, body) == (403, refused(".git/config", OUTSIDE))
    assert editor.tree() == before
    paths = ["content/actors/zelenskyy.yml"]
    status, body, _ = editor.post({"action": "deleteFiles", "params": {"paths": paths, **delete}})
    assert (status, body) == (200, {"message": "deleted files content/actors/zelenskyy.yml"})
    assert not (editor.project / paths[0]).exists()


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (
            {"action": "getEntry", "params": {"path": ".git/config"}},
            refused(".git/config", OUTSIDE),
        ),
        ({"action": "getEntry", "params": {"path": ".env"}}, refused(".env", OUTSIDE)),
        (
            {"action": "entriesByFiles", "params": {"files": [{"path": "content/../.git/config"}]}},
            refused("content/../.git/config", DOTS),
        ),
        (
            {
                "action": "entriesByFolder",
                "params": {"folder": ".git", "extension": "", "depth": 9},
            },
            refused(".git", OUTSIDE),
        ),
        (
            {"action": "entriesByFolder", "params": {"folder": "", "extension": "", "depth": 9}},
            {"error": "a path must be a non-empty string"},
        ),
        (
            {"action": "problems", "params": {"path": ".git/config"}},
            refused(".git/config", OUTSIDE),
        ),
        (
            {"action": "problems", "params": {"path": "content/../.env"}},
            refused("content/../.env", DOTS),
        ),
        (
            {"action": "getMediaFile", "params": {"path": ".git/config"}},
            {"error": "refused: getMediaFile: the editor takes no uploads"},
        ),
    ],
)
def test_reads_are_bounded_the_same_way(
    editor: Editor, request_: dict[str, Any], expected: dict[str, str]
) -> None:
    status, body, _ = editor.post(request_)
    assert (status, body) == (403 if "refused" in expected["error"] else 422, expected)


def test_symbolic_links_are_neither_followed_nor_listed(editor: Editor) -> None:
    actors = editor.project / "content" / "actors"
    (actors / "link.yml").symlink_to(editor.project / ".git" / "config")
    (editor.project / "content" / "up").symlink_to(editor.project)
    before = editor.tree()
    link = "passes through a symbolic link"
    for path in ("content/actors/link.yml", "content/up/.git/config", "content/up/mkdocs.yml"):
        status, body, _ = editor.post(persist(path))
        why = HIDDEN if "/.git/" in path else link
        assert (status, body) == (403, refused(path, why))
        status, body, _ = editor.post({"action": "getEntry", "params": {"path": path}})
        assert (status, body) == (403, refused(path, why))
    assert editor.tree() == before
    listing = {"folder": "content", "extension": "yml", "depth": 3}
    status, body, _ = editor.post({"action": "entriesByFolder", "params": listing})
    assert status == 200
    paths = [e["file"]["path"] for e in body]
    assert "content/actors/zelenskyy.yml" in paths
    assert not [p for p in paths if "link" in p or "/up/" in p]


REQUEST_REFUSALS = [
    ({"path": "/api/v1"}, "the address lacks this start's secret"),
    ({"path": "/wrong-secret/api/v1"}, "the address lacks this start's secret"),
    ({"path": f"/{TOKEN}/api/v2"}, "the address lacks this start's secret"),
    ({"path": f"/{TOKEN}x/api/v1"}, "the address lacks this start's secret"),
    ({"origin": None}, "Origin '' is not the editor's"),
    ({"origin": "http://evil.example"}, "Origin 'http://evil.example' is not the editor's"),
    ({"origin": "http://127.0.0.1:9999"}, "Origin 'http://127.0.0.1:9999' is not the editor's"),
    ({"origin": "null"}, "Origin 'null' is not the editor's"),
    ({"host": "evil.example:{port}"}, "Host 'evil.example:{port}' is not this server's"),
    ({"host": "127.0.0.1"}, "Host '127.0.0.1' is not this server's"),
]


@pytest.mark.parametrize(("change", "message"), REQUEST_REFUSALS)
def test_a_request_without_the_secret_origin_or_host_is_refused(
    editor: Editor, change: dict[str, Any], message: str
) -> None:
    before = editor.tree()
    if "host" in change:
        change = {"host": change["host"].format(port=editor.port)}
        message = message.format(port=editor.port)
    for method, body in (("POST", persist("content/actors/x.yml", ACTOR)), ("OPTIONS", None)):
        status, answer, headers = editor.post(body, method=method, **change)
        assert status == 403
        assert answer["error"].startswith(f"refused: {message}")
        assert "Access-Control-Allow-Origin" not in headers
    assert editor.tree() == before


def test_the_secret_and_the_origin_make_a_save_that_writes_the_file(editor: Editor) -> None:
    status, _, headers = editor.post(None, method="OPTIONS", origin="http://localhost:8000")
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "http://localhost:8000"
    assert headers["Access-Control-Allow-Methods"] == "POST"
    assert headers["Access-Control-Allow-Headers"] == "Content-Type"
    before = editor.tree()
    status, body, headers = editor.post(persist("content/actors/x.yml", ACTOR))
    assert (status, body) == (200, {"message": "entry persisted"})
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    assert editor.tree() == {**before, "content/actors/x.yml": ACTOR.encode()}
    path = editor.project / "content" / "actors" / "x.yml"
    assert path.stat().st_mode & 0o777 == 0o644
    # A new folder of the content folder is made; a save over a file replaces it whole.
    status, body, _ = editor.post(persist("content/new/y.md", "# Y\n"))
    assert (status, body) == (200, {"message": "entry persisted"})
    path.chmod(0o600)
    status, body, _ = editor.post(persist("content/actors/x.yml", "name: A\nkind: person\n"))
    assert (status, body) == (200, {"message": "entry persisted"})
    assert path.read_text(encoding="utf-8") == "name: A\nkind: person\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert editor.tree() == {
        **before,
        "content/actors/x.yml": b"name: A\nkind: person\n",
        "content/new/y.md": b"# Y\n",
    }  # no temporary file left beside them


def test_a_file_over_the_limit_is_refused_and_the_old_one_kept(editor: Editor) -> None:
    before = editor.tree()
    raw = "summary: " + "x" * MAX_FILE_BYTES
    status, body, _ = editor.post(persist("content/actors/zelenskyy.yml", raw))
    size = f"{len(raw):,}"
    expected = f"refused: 'content/actors/zelenskyy.yml' would be {size} bytes, over the 1,000,000"
    assert (status, body) == (413, {"error": expected + " bytes of a fact file"})
    assert editor.tree() == before


def test_what_decap_reads_at_start_and_on_opening_an_entry(editor: Editor) -> None:
    status, body, _ = editor.post({"action": "info"})
    # The .env's GIT_REPO_DIRECTORY and ORIGIN=* changed nothing: the repo is the project.
    assert (status, body) == (
        200,
        {"repo": editor.project.name, "publish_modes": ["simple"], "type": "local_fs"},
    )
    path = "content/actors/zelenskyy.yml"
    raw = (editor.project / path).read_bytes()
    entry = {"data": raw.decode(), "file": {"path": path, "id": hashlib.sha256(raw).hexdigest()}}
    status, body, _ = editor.post(
        {"action": "getEntry", "params": {"branch": "main", "path": path}}
    )
    assert (status, body) == (200, entry)
    files = {"branch": "main", "files": [{"path": path, "label": "Z"}]}
    status, body, _ = editor.post({"action": "entriesByFiles", "params": files})
    assert (status, body) == (
        200,
        [{"data": entry["data"], "file": {**entry["file"], "label": "Z"}}],
    )
    missing = {"branch": "main", "path": "content/actors/nobody.yml"}
    status, body, _ = editor.post({"action": "getEntry", "params": missing})
    assert (status, body) == (200, {"data": None, "file": {"path": missing["path"], "id": None}})
    listing = {"branch": "main", "folder": "content/actors", "extension": "yml", "depth": 1}
    status, body, _ = editor.post({"action": "entriesByFolder", "params": listing})
    names = sorted(p.name for p in (editor.project / "content" / "actors").glob("*.yml"))
    assert status == 200 and [e["file"]["path"] for e in body] == [
        f"content/actors/{n}" for n in names
    ]
    assert editor.post({"action": "getMedia", "params": {"mediaFolder": "media"}})[:2] == (200, [])
    preview = {"branch": "main", "collection": "actors", "slug": "x"}
    assert editor.post({"action": "getDeployPreview", "params": preview})[:2] == (200, None)


def test_the_editorial_workflow_unknown_actions_and_bad_json_are_errors(editor: Editor) -> None:
    status, body, _ = editor.post({"action": "unpublishedEntries", "params": {"branch": "main"}})
    message = "unpublishedEntries: the local editor has no editorial workflow: it saves to content/"
    assert (status, body) == (422, {"error": message})
    status, body, _ = editor.post({"action": "runShell", "params": {"branch": "main"}})
    assert (status, body) == (422, {"error": "Unknown action 'runShell'"})
    status, body, _ = editor.post({"action": "x\x1b[2J", "params": {}})  # a terminal's escape
    assert (status, body) == (422, {"error": "Unknown action 'x\\x1b[2J'"})
    status, body, _ = editor.post(RawJSON("{"))
    message = "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
    assert (status, body) == (400, {"error": f"the request is not JSON: {message}"})
    status, body, _ = editor.post(RawJSON("[" * 100_000 + "]" * 100_000))
    assert status == 400
    assert body["error"].startswith("the request is not JSON: maximum recursion depth exceeded")
    status, body, _ = editor.post({"action": "info"}, method="GET")
    assert (status, body) == (405, {"error": "the editor's API takes POST"})


QUIET_ISSUE = """\
title: Prisoner exchange
question: Will the sides exchange prisoners?
status: open
summary: Whether the sides will exchange prisoners.
positions:
  - actor: rubio
    stance: Supports an exchange of all prisoners
    as_of: 2025-12
    sources:
      - report-rubio-progress
"""
"""A valid issue on which the principals have no position: warnings, not errors."""


def _validate_lines(project: Path, path: str, monkeypatch, capsys) -> list[str]:  # noqa: ANN001
    """What `site-gen validate` (make validate, in the project folder) prints about `path`."""
    monkeypatch.chdir(project)
    main(["validate", "content"])
    printed = capsys.readouterr().err.splitlines()
    return [line for line in printed if line.startswith(f"{path}:")]


def _problems(editor: Editor, path: str) -> tuple[int, Any]:
    status, body, _ = editor.post({"action": "problems", "params": {"path": path}})
    return status, body


def test_the_problems_of_a_file_are_what_validate_prints_about_it(
    editor: Editor,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The editor's panel of checks asks after each save: each problem of the file as
    `site-gen validate` prints it, with the line it points at, errors before warnings; how many
    the other files have; and nothing is written."""
    issues = editor.project / "content" / "issues"
    donbas = issues / "donbas.yml"
    donbas.write_text(
        donbas.read_text(encoding="utf-8").replace("  - actor: putin\n", "  - actor: putn\n"),
        encoding="utf-8",
    )
    causes = issues / "root-causes.yml"
    causes.write_text(
        causes.read_text(encoding="utf-8").replace("status: open", "status: opened"),
        encoding="utf-8",
    )
    before = editor.tree()
    status, body = _problems(editor, "content/issues/donbas.yml")
    (text,) = _validate_lines(editor.project, "content/issues/donbas.yml", monkeypatch, capsys)
    assert text.startswith("content/issues/donbas.yml:32:12: ")
    assert (status, body) == (
        200,
        {
            "path": "content/issues/donbas.yml",
            "problems": [
                {
                    "text": text,
                    "warning": False,
                    "line": 32,
                    "col": 12,
                    "quoted": "  - actor: putn",
                }
            ],
            "elsewhere": {"problems": 1, "warnings": 0},
        },
    )
    assert editor.tree() == before

    (issues / "prisoner-exchange.yml").write_text(QUIET_ISSUE, encoding="utf-8")
    status, body = _problems(editor, "content/issues/prisoner-exchange.yml")
    expected = _validate_lines(
        editor.project, "content/issues/prisoner-exchange.yml", monkeypatch, capsys
    )
    assert expected and all(": warning: " in line for line in expected)
    assert status == 200
    assert [p["text"] for p in body["problems"]] == expected
    assert all(p["warning"] for p in body["problems"])
    # A new entry's file before its first save, and a file that is fine: nothing to show.
    assert _problems(editor, "content/issues/not-yet.yml") == (
        200,
        {
            "path": "content/issues/not-yet.yml",
            "problems": [],
            "elsewhere": {"problems": 2, "warnings": len(expected)},
        },
    )
    assert _problems(editor, "content/actors/putin.yml")[1]["problems"] == []


def test_site_gen_edit_serves_the_secret_to_its_editor_only(tmp_path: Path) -> None:
    """As `make edit` runs it: the preview's /admin/config.yml names the editor server with the
    secret of this start; the server answers the preview's origin with it, and nothing else;
    SIGTERM (or Ctrl-C) stops both."""
    if not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.skip("node_modules/decap-cms (npm ci) is not installed")
    project = project_copy(tmp_path)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    port, preview_port = _free_port(), _free_port()
    command = [sys.executable, "-m", "site_gen", "edit"]
    command += ["--port", str(port), "--preview-port", str(preview_port)]
    process = subprocess.Popen(
        command, cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        config = yaml.safe_load(
            _wait_for(f"http://127.0.0.1:{preview_port}/admin/config.yml", "local_backend", 90)
        )
        url = config["local_backend"]["url"]
        assert config["backend"] == {"name": "proxy", "proxy_url": url}
        where = urlsplit(url)
        token, _, rest = where.path.removeprefix("/").partition("/")
        assert (where.netloc, rest, len(token)) == (f"127.0.0.1:{port}", "api/v1", 43)
        editor = Editor(project, port)
        origin = f"http://127.0.0.1:{preview_port}"
        status, body, _ = editor.post({"action": "info"}, path=f"/{token}/api/v1", origin=origin)
        assert (status, body["type"]) == (200, "local_fs")
        status, _, _ = editor.post({"action": "info"}, path=f"/{token}/api/v1")  # port 8000
        assert status == 403
        status, _, _ = editor.post({"action": "info"}, path="/api/v1", origin=origin)
        assert status == 403
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert output.startswith(
        f"The editor: http://127.0.0.1:{preview_port}/admin/ (its saves may write only .yml, "
        ".yaml and .md files under content/). Ctrl-C stops.\n"
    )
    assert token not in output
    for free in (port, preview_port):
        with pytest.raises(ConnectionRefusedError):
            http.client.HTTPConnection("127.0.0.1", free, timeout=5).connect()
