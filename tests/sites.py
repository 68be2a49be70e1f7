"""Projects the tests build: a copy of the project's mkdocs.yml and theme/ with a content folder,
built with `mkdocs build --strict` in a subprocess or in this process, and served over HTTP."""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_gen.safety import EDITOR_DIR
from tests.corpora import TALKS

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def project_copy(dest: Path, content: Path = TALKS) -> Path:
    """mkdocs.yml, theme/ and a content folder, copied so a test may break them."""
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", dest / "theme")
    shutil.copytree(content, dest / "content")
    return dest


def mkdocs_build(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project` (with `env` instead of ENV when given)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        env=ENV if env is None else env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def build_in_process(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """What `mkdocs_build` returns (exit code, stdout, stderr), from MkDocs' own command line
    run in this process: a build without a second of starting Python and importing MkDocs,
    Material and the plugin again. For builds that should succeed or fail with a message; a
    test of bounded time or memory, or of the command as a program, runs `mkdocs_build`."""
    from mkdocs.__main__ import cli

    out, err = io.StringIO(), io.StringIO()
    environ, cwd = dict(os.environ), Path.cwd()
    # MkDocs' command line sets these up on every run (a handler to stderr, a duplicate filter
    # that would hide the next build's repeated warnings): put them back after.
    engine, build_log = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    handlers, level, propagate = list(engine.handlers), engine.level, engine.propagate
    filters = list(build_log.filters)
    os.environ.clear()
    os.environ.update(ENV if env is None else env)
    os.chdir(project)
    code: int = 0
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            try:
                # --no-color: plain `LEVEL -  message` lines, unwrapped, as in a subprocess
                cli.main(["--no-color", "build", "--strict", *args], prog_name="mkdocs")
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        engine.handlers[:] = handlers
        engine.setLevel(level)
        engine.propagate = propagate
        build_log.filters[:] = filters
    return subprocess.CompletedProcess(["mkdocs", "build"], code, out.getvalue(), err.getvalue())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serve the folder over HTTP; yields its origin, `http://127.0.0.1:<port>`."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PREFIX = "/explainer/"
"""The sub-path the browser tests serve the site under, as GitHub Pages serves a project."""
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
TEST_TOOLS = ROOT / "tests" / "browser" / "node_modules"
"""What only the tests use, apart from the editor (`make test-tools`: tests/browser/package.json)."""
AXE = TEST_TOOLS / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 390, 1280


class Site:
    def __init__(self, root: Path, origin: str) -> None:
        self.dir = root / PREFIX.strip("/")  # the built site
        self.origin = origin  # http://127.0.0.1:<port>
        self.url = origin + PREFIX  # the site's own URL

    def pages(self) -> list[str]:
        """Every reader's page as a path under the site: "", "issues/donbas/", "404.html", ...
        (not the editor at /admin/, which tests/test_browser_cms.py tests)."""
        paths = []
        for file in sorted(self.dir.rglob("*.html")):
            rel = file.relative_to(self.dir).as_posix()
            if not rel.startswith(EDITOR_DIR):
                paths.append(rel.removesuffix("index.html"))
        return paths


def free_port() -> int:
    """A port of the loopback that nothing listens on (now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def preview_server(
    project: Path, *args: str
) -> Iterator[tuple[str, subprocess.Popen[str], list[str]]]:
    """`mkdocs serve` of `project` (with `args`, e.g. `--dirty`, `-v`) on a free port of the
    loopback: yields its address, the process and the lines it has printed so far (read as
    they come, so that a chatty server never fills its pipe); stopped on leaving."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout or ()), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/", process, lines
    finally:
        process.terminate()
        process.wait(timeout=10)
