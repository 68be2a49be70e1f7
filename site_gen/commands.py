"""What each `site-gen` command does (`cli.py` reads their arguments): a thin adapter over load,
check, render, the templates and the build pipeline (`pipeline.py`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from site_gen import admin_files, cms, editor_server, pipeline
from site_gen.built import expected_files, html_pages, missing_files, read_page_list
from site_gen.check import get_checked
from site_gen.errors import ContentError, Problem, format_problems
from site_gen.facts import counted
from site_gen.markup import slug
from site_gen.model import FOLDERS, ID_RE, KINDS, Glossary
from site_gen.render import render_site
from site_gen.safety import known_scripts, scan_site, theme_scripts
from site_gen.templates import TEMPLATES, starter

SCHEMA_DIR = "schema"


def _checked(args: argparse.Namespace, warnings: list[Problem] | None = None):
    """The checked content, or None after printing its problems; `warnings` gets the warnings."""
    if not args.content.is_dir():
        print(f"site-gen: error: no content folder at '{args.content}'", file=sys.stderr)
        return None
    try:
        content, found = get_checked(args.content)
        if warnings is not None:
            warnings += found
        return content
    except ContentError as e:
        _report(e.problems, getattr(args, "format", "text"))
        print(f"{counted(len(e.problems), 'problem')} found", file=sys.stderr)
        if e.warnings and warnings is not None:  # the files without errors, judged meanwhile
            _report(e.warnings, getattr(args, "format", "text"))
            print(counted(len(e.warnings), "warning"), file=sys.stderr)
        return None


def _report(problems: list[Problem], form: str, *, blocking: bool = False) -> None:
    """Print problems as `file:line:col: message` (stderr), or as GitHub workflow commands
    (stdout), which GitHub shows on the lines of a pull request; `blocking` warnings as errors."""
    if form == "github":
        for p in sorted(set(problems)):
            print(github_command(p, blocking=blocking))
    else:
        print(format_problems(problems), file=sys.stderr)


def github_command(problem: Problem, *, blocking: bool = False) -> str:
    """`::error file=F,line=L,col=C::message` (or `::warning`) for one problem."""
    level = "warning" if problem.warning and not blocking else "error"
    where = ",".join(
        f"{key}={_escape(str(value), prop=True)}"
        for key, value in (("file", problem.path), ("line", problem.line), ("col", problem.col))
    )
    message = ("warning: " if problem.warning else "") + problem.message
    return f"::{level} {where}::{_escape(message)}"


def _escape(text: str, *, prop: bool = False) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def validate_command(args: argparse.Namespace) -> int:
    found: list[Problem] = []
    content = _checked(args, found)
    if content is None:
        return 1
    c = content
    blocking = args.strict and c.explainer.block_on_warnings
    if found:
        _report(found, args.format, blocking=blocking)
        print(counted(len(found), "warning"), file=sys.stderr)
        if blocking:
            print(
                "the warnings fail the check: explainer.yml sets 'block_on_warnings: true'",
                file=sys.stderr,
            )
            return 1
    print(
        f"ok: {counted(len(c.actors), 'actor')}, {counted(len(c.issues), 'issue')}, "
        f"{counted(len(c.events), 'event')}, {counted(len(c.sources), 'source')}"
    )
    return 0


def compile_command(args: argparse.Namespace) -> int:
    if args.out.resolve().is_relative_to(args.content.resolve()):
        print("site-gen: error: --out must be outside the content folder", file=sys.stderr)
        return 2
    if args.templates and not args.templates.is_dir():
        print(f"site-gen: error: --templates: no folder '{args.templates}'", file=sys.stderr)
        return 2
    content = _checked(args)
    if content is None:
        return 1
    written = sorted(str(p.relative_to(args.content)) for p in args.content.rglob("*.md"))
    site = render_site(
        content,
        home="index.md" not in written,
        extra_pages=tuple(written),
        templates=args.templates,
    )
    for path, markdown in site.pages.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for path, text in site.files.items():  # open data and feeds; CSV keeps its CRLF
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
    (args.out / "nav.json").write_text(json.dumps(site.nav, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(site.pages)} pages, {len(site.files)} files and nav.json to {args.out}")
    return 0


def new_command(args: argparse.Namespace) -> int:
    if not ID_RE.match(args.id):
        print(
            f"site-gen: error: '{args.id}' is not a valid id: use lowercase letters, digits "
            f"and single hyphens, e.g. '{slug(args.id)}'",
            file=sys.stderr,
        )
        return 2
    path = args.content / FOLDERS[args.kind] / f"{args.id}.yml"
    header = _schema_header(args.content, path, args.kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an editor's file
            f.write(header + TEMPLATES[args.kind])
    except FileExistsError:
        print(f"site-gen: error: {path} already exists; not overwriting it", file=sys.stderr)
        return 1
    print(
        f"wrote {path}: fill in the empty values (the site leaves the file out until "
        f"'{'name' if args.kind == 'actor' else 'title'}' has one), then run make validate"
    )
    return 0


def init_command(args: argparse.Namespace) -> int:
    files = starter(dt.date.today().isoformat(), empty=args.empty)
    if args.empty:
        files |= {f"{folder}/.keep": "" for folder in FOLDERS.values()}
    targets = {args.content / rel: text for rel, text in files.items()}
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        print(
            f"site-gen: error: not overwriting {', '.join(existing)}; nothing was written. "
            "Start in an empty folder, or move the old content away first",
            file=sys.stderr,
        )
        return 1
    for path, text in targets.items():
        kind = "glossary" if path.name == "glossary.yml" else path.parent.name.removesuffix("s")
        if path.suffix == ".yml":
            kind = "explainer" if path.name == "explainer.yml" else kind
            text = _schema_header(args.content, path, kind) + text
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as f:  # "x": even a file made meanwhile is kept
            f.write(text)
    print(
        f"wrote {args.content}/ with {len([p for p in targets if p.suffix == '.yml'])} files: "
        "edit them, then run make serve to preview"
    )
    return 0


def _schema_header(content: Path, path: Path, kind: str) -> str:
    """The first line that lets editors' YAML language servers check the file as it is typed."""
    schema = content.parent / SCHEMA_DIR / f"{kind}.schema.json"
    return f"# yaml-language-server: $schema={os.path.relpath(schema, path.parent)}\n"


def cms_command(args: argparse.Namespace) -> int:
    problem = args.auth_url and cms.login_url_problem(args.auth_url)
    if problem:
        print(f"error: --auth-url: {problem}", file=sys.stderr)
        return 2
    config = cms.cms_config(
        args.content,
        repo=args.repo,
        branch=args.branch,
        editorial_workflow=args.editorial_workflow,
        auth_url=args.auth_url,
        auth_endpoint=args.auth_endpoint,
        site_domain=args.site_domain,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "config.yml").write_text(admin_files.config_yaml(config), encoding="utf-8")
    (args.out / "fields.json").write_text(admin_files.rules_json(config), encoding="utf-8")
    print(f"wrote config.yml and fields.json to {args.out}")
    return 0


def build_command(args: argparse.Namespace) -> int:
    if not args.config_file.is_file():
        print(f"site-gen: error: no engine configuration at '{args.config_file}'", file=sys.stderr)
        return 2
    return pipeline.build(
        args.config_file,
        engine=args.engine,
        site_url=args.site_url or None,
        site_dir=args.site_dir,
        show_problems=args.show_problems,
    )


def edit_command(args: argparse.Namespace) -> int:
    """The editor server on 127.0.0.1 with a secret made for this start, which only the
    preview's /admin/ gets; then the preview, until Ctrl-C stops both."""
    token = secrets.token_urlsafe(32)
    project = args.config_file.resolve().parent
    content = Path(os.path.relpath(Path(args.content).resolve(), project)).as_posix()  # as cms
    settings = editor_server.EditorSettings(project, content, token, args.preview_port)
    try:
        server = editor_server.start(settings, args.port)
    except OSError as e:
        print(
            f"site-gen: error: the editor server cannot listen on {editor_server.HOST}:"
            f"{args.port} ({e.strerror}): is `make edit` running already? Or pick another "
            "port with --port",
            file=sys.stderr,
        )
        return 1
    env = {**os.environ, cms.PROXY_ENV: editor_server.proxy_url(server.server_address[1], token)}
    command = [sys.executable, "-m", args.engine, "serve", "--dirty", "-f", str(args.config_file)]
    command += ["-a", f"{editor_server.HOST}:{args.preview_port}"]
    print(
        f"The editor: http://{editor_server.HOST}:{args.preview_port}/admin/ (its saves may "
        f"write only .yml, .yaml and .md files under {content}/). Ctrl-C stops.",
        flush=True,
    )
    # A terminal's Ctrl-C reaches both processes; a SIGTERM (kill, a test) only this one.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    preview = subprocess.Popen(command, env=env)
    try:
        return preview.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(preview)
        server.shutdown()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Let the preview end as on Ctrl-C (it removes its temporary site), then make it."""
    try:
        process.wait(timeout=1)  # a terminal's Ctrl-C reached it too
        return
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def schema_command(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    schemas = {kind: model.model_json_schema() for kind, model in KINDS.items()}
    glossary = Glossary.model_json_schema()["properties"]["terms"]
    schemas["glossary"] = {"title": "Glossary", "description": Glossary.__doc__, **glossary}
    for kind, schema in schemas.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        (args.out / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    print(f"wrote {len(schemas)} schemas to {args.out}")
    return 0


def scan_command(args: argparse.Namespace) -> int:
    if not args.site.is_dir():
        print(f"site-gen: error: no site folder at '{args.site}'", file=sys.stderr)
        return 2
    expected: list[str] = []
    missing: list[str] = []
    unlisted = False
    if args.content is not None:
        content = _checked(args)
        if content is None:
            return 1
        written = [p.relative_to(args.content).as_posix() for p in args.content.rglob("*.md")]
        site = render_site(content, home="index.md" not in written, extra_pages=tuple(written))
        expected = expected_files(site, written)
        missing = missing_files(args.site, expected)
    elif args.pages is not None:
        listed = read_page_list(args.pages)
        if listed is None:
            print(
                f"{args.pages}: missing: the engine ran without the explainer plugin, which "
                "writes this list: is `explainer` listed under `plugins:` in the engine's config?",
                file=sys.stderr,
            )
            unlisted = True
        expected = listed or []
        missing = missing_files(args.site, expected)
    templates = args.templates if args.templates is not None else _default_templates()
    base_path = urlsplit(args.site_url).path or "/"
    scripts = known_scripts(templates, admin_files.editor_code(Path.cwd()))
    found = scan_site(args.site, theme_scripts(templates), base_path, scripts=scripts)
    pages = len(html_pages(args.site))
    where = args.site.as_posix().rstrip("/")
    if args.content is not None:
        because, origin = f"{args.content} compiles to it", f"compiled from {args.content}"
    else:
        because, origin = f"{args.pages} lists it", f"listed in {args.pages}"
    for path in missing:
        print(f"{where}/{path}: missing: {because}", file=sys.stderr)
    if missing:
        print(
            f"{len(missing)} of the {counted(len(expected), 'file')} {origin} missing from "
            f"{where}: is `explainer` listed under `plugins:` in the engine's config?",
            file=sys.stderr,
        )
    for unsafe in found:
        print(f"{where}/{unsafe}", file=sys.stderr)
    if found:
        print(
            f"{counted(len(found), 'finding')} of markup that could run script in {where}: "
            "do not publish it",
            file=sys.stderr,
        )
    if missing or found or unlisted:
        return 1
    every = ""
    if args.content is not None:
        every = f"; all {counted(len(expected), 'file')} compiled from {args.content} are there"
    elif args.pages is not None:
        every = f"; all {counted(len(expected), 'file')} listed in {args.pages} are there"
    print(f"ok: {counted(pages, 'page')} scanned, nothing that could run script{every}")
    return 0


def _default_templates() -> list[Path]:
    """theme/ (mkdocs.yml's `custom_dir`) and the installed Material's templates, when there."""
    return pipeline.default_templates(Path("."))
