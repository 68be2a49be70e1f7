"""The local editor's server (`site-gen edit`): the file API that Decap CMS's `local_backend`
speaks (the actions of decap-server 3.11's local_fs mode, with its response bodies), confined to
the content folder.

A page in the browser can send requests to any port of the machine, so this server trusts none
by default. It listens on 127.0.0.1 only; a request must name the secret of this start in its
path (`/<token>/api/v1`: only the editor's `/admin/config.yml` of this run holds it), come from
the preview's origin (`Origin`) and be addressed to this server (`Host`, against DNS
rebinding). Even then it reads and writes only `.yml`, `.yaml` and `.md` files under the content
folder: no hidden file or folder (`.git`, `.env`), no symbolic link, nothing outside, no upload.
It reads no configuration from the project (decap-server read a `.env` there). A write goes to
a temporary file beside the target and is renamed over it: a failed save leaves the last file.

One action is site-gen's own: `problems` answers what `site-gen validate` finds in one file of
the content folder, in its words, for the editor's panel of checks (`admin/checks.js`, `file_problems.py`).
"""

from __future__ import annotations

import hmac
import json
import os
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from site_gen.editor_files import ContentFiles, Refused
from site_gen.file_problems import file_problems
from site_gen.load import MAX_FILE_BYTES

HOST = "127.0.0.1"
"""The only address the server listens on."""
MAX_REQUEST_BYTES = 4 * MAX_FILE_BYTES
"""A save carries one file of at most MAX_FILE_BYTES, JSON-escaped."""
WORKFLOW_ACTIONS = (
    "unpublishedEntries",
    "unpublishedEntry",
    "unpublishedEntryDataFile",
    "unpublishedEntryMediaFile",
    "deleteUnpublishedEntry",
    "updateUnpublishedEntryStatus",
    "publishUnpublishedEntry",
)
"""Decap's editorial workflow, which the local editor does not have (`info` says so)."""


@dataclass(frozen=True)
class EditorSettings:
    project: Path
    """The project folder: the paths of the API are relative to it, as in Decap's config."""
    content: str
    """The content folder, relative to the project, as the plugin writes it into config.yml."""
    token: str
    """The secret of this start: the first segment of every request's path."""
    preview_port: int
    """The port of the preview that serves /admin/: requests come from its origin only."""

    @property
    def origins(self) -> frozenset[str]:
        """The preview's origins: the editor's page, opened at either loopback name."""
        return frozenset(f"http://{h}:{self.preview_port}" for h in ("127.0.0.1", "localhost"))


def proxy_url(port: int, token: str) -> str:
    """The address the editor's page sends its requests to (the local backend's URL)."""
    return f"http://{HOST}:{port}/{token}/api/v1"


def start(settings: EditorSettings, port: int) -> ThreadingHTTPServer:
    """Listen on 127.0.0.1:`port` (0: any free port) and serve in a background thread; stop it
    with `shutdown()`. Raises OSError when the port is taken."""
    server = _Server((HOST, port), _Handler)
    server.settings = settings
    threading.Thread(target=server.serve_forever, name="site-gen edit", daemon=True).start()
    return server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    settings: EditorSettings


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "site-gen-edit"
    sys_version = ""

    def do_OPTIONS(self) -> None:  # the CORS preflight of every save
        try:
            origin = self._allowed()
        except Refused as e:
            self._answer(e.status, {"error": e.message}, None)
            return
        self.send_response(204)
        self._cors(origin)
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        origin, status = None, 200
        try:
            origin = self._allowed()
            body = handle(self.server.settings, self._json())
        except Refused as e:
            status, body = e.status, {"error": e.message}
        except OSError as e:  # a full disk, a read-only folder: the file on disk is unchanged
            status, body = 500, {"error": f"not saved: {e.strerror}"}
        self._answer(status, body, origin)

    def do_GET(self) -> None:
        self._answer(405, {"error": "the editor's API takes POST"}, None)

    def _allowed(self) -> str:
        """The request's origin, if the request may be carried out at all."""
        port = self.server.server_address[1]
        host = self.headers.get("Host", "")
        if host not in (f"{HOST}:{port}", f"localhost:{port}"):
            raise Refused(403, f"refused: Host {host!r} is not this server's ({HOST}:{port})")
        origin = self.headers.get("Origin", "")
        settings = self.server.settings
        if origin not in settings.origins:
            expected = f"http://{HOST}:{settings.preview_port}"
            raise Refused(403, f"refused: Origin {origin!r} is not the editor's ({expected})")
        secret, _, rest = self.path.removeprefix("/").partition("/")
        if not hmac.compare_digest(secret.encode(), settings.token.encode()) or rest != "api/v1":
            raise Refused(
                403,
                "refused: the address lacks this start's secret: open the editor that "
                "`site-gen edit` (make edit) serves, and reload it after a restart",
            )
        return origin

    def _json(self) -> dict[str, Any]:
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Refused(415, "the editor's API takes JSON (Content-Type: application/json)")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(411, "a request needs a Content-Length") from None
        if not 0 <= length <= MAX_REQUEST_BYTES:
            raise Refused(413, f"a request may hold at most {MAX_REQUEST_BYTES:,} bytes")
        try:
            body = json.loads(self.rfile.read(length))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
            raise Refused(400, f"the request is not JSON: {e}") from None
        if not isinstance(body, dict):
            raise Refused(422, "a request is a JSON object with an action")
        return body

    def _answer(self, status: int, body: Any, origin: str | None) -> None:
        if status >= 400:
            # The message, not the request line: that holds the secret.
            print(f"site-gen edit: {status} {body['error']}", file=sys.stderr)
        data = json.dumps(body).encode()
        self.send_response(status)
        if origin:
            self._cors(origin)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _cors(self, origin: str) -> None:
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # quiet: a save is seen in the preview; refusals are printed by _answer


def handle(settings: EditorSettings, body: dict[str, Any]) -> Any:
    """The answer to one request of Decap's local backend (`{"action": ..., "params": ...}`),
    after it passed the checks of origin, host and secret. Raises Refused."""
    files = ContentFiles(settings.project.resolve(), settings.content)
    action, params = body.get("action"), body.get("params")
    if action == "info":
        return {"repo": files.root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action in WORKFLOW_ACTIONS:
        raise Refused(
            422,
            f"{action}: the local editor has no editorial workflow: it saves to {files.content}/",
        )
    if not isinstance(params, dict):
        raise Refused(422, f"Unknown action {action!r}" if action else "a request needs an action")
    if action == "entriesByFolder":
        folder = files.folder(params.get("folder"))
        extension, depth = _string(params, "extension"), params.get("depth")
        if not isinstance(depth, int) or isinstance(depth, bool):
            raise Refused(422, "'depth' must be a number")
        return [files.entry(path, rel) for path, rel in files.listed(folder, extension, depth)]
    if action == "entriesByFiles":
        listed = params.get("files")
        if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
            raise Refused(422, "'files' must be a list of {path, label}")
        checked = [files.file(f.get("path")) for f in listed]
        return [
            files.entry(p, f["path"], f.get("label")) for p, f in zip(checked, listed, strict=True)
        ]
    if action == "getEntry":
        return files.entry(files.file(params.get("path")), params["path"])
    if action == "persistEntry":
        return _persist(files, params)
    if action == "getMedia":
        return []  # no field takes an upload
    if action in ("getMediaFile", "persistMedia"):
        raise Refused(403, f"refused: {action}: the editor takes no uploads")
    if action == "deleteFile":
        path = files.file(params.get("path"))
        files.delete(path)
        return {"message": f"deleted file {params['path']}"}
    if action == "deleteFiles":
        paths = params.get("paths")
        if not isinstance(paths, list) or not paths:
            raise Refused(422, "'paths' must be a list of paths")
        for path in [files.file(p) for p in paths]:
            files.delete(path)
        return {"message": f"deleted files {', '.join(paths)}"}
    if action == "getDeployPreview":
        return None
    if action == "problems":
        path = files.file(params.get("path"))
        rel = path.relative_to(files.root).as_posix()
        return file_problems(settings.project.resolve(), settings.content, rel)
    raise Refused(422, f"Unknown action {action!r}")


def _persist(files: ContentFiles, params: dict[str, Any]) -> dict[str, str]:
    """Write every data file of an entry; each path is checked before anything is written."""
    entry, data_files = params.get("entry"), params.get("dataFiles")
    if (entry is None) == (data_files is None):
        raise Refused(422, "persistEntry needs either 'entry' or 'dataFiles'")
    data_files = [entry] if data_files is None else data_files
    if not isinstance(data_files, list) or not all(isinstance(d, dict) for d in data_files):
        raise Refused(422, "'dataFiles' must be a list of {slug, path, raw}")
    if params.get("assets"):
        raise Refused(403, "refused: the editor takes no uploads (assets)")
    writes = []
    for d in data_files:
        path, raw = files.file(d.get("path")), _string(d, "raw")
        try:
            data = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused(422, f"refused: {d['path']!r}: the text holds a lone surrogate") from None
        size = len(data)
        if size > MAX_FILE_BYTES:
            raise Refused(
                413,
                f"refused: {d['path']!r} would be {size:,} bytes, over the "
                f"{MAX_FILE_BYTES:,} bytes of a fact file",
            )
        moved = files.file(d["newPath"]) if d.get("newPath") is not None else None
        if moved is not None and moved != path and os.path.lexists(moved):
            raise Refused(409, f"refused: {d['newPath']!r} exists; not overwriting it")
        writes.append((path, data, moved))
    for path, data, _ in writes:
        files.write(path, data)
    if all(moved for _, _, moved in writes):
        for path, _, moved in writes:
            if moved is not None and moved != path:
                os.replace(path, moved)
    return {"message": "entry persisted"}


def _string(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise Refused(422, f"{key!r} must be a string")
    return value
