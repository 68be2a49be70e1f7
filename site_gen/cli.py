"""The `site-gen` command: a thin adapter over load, check, render and the templates."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from site_gen import cms
from site_gen.check import get_checked
from site_gen.errors import ContentError, Problem, format_problems
from site_gen.facts import counted
from site_gen.load import slug
from site_gen.model import FOLDERS, ID_RE, KINDS, Glossary
from site_gen.render import render_site
from site_gen.templates import TEMPLATES

SCHEMA_DIR = "schema"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="site-gen", description="Check and compile the YAML facts of a news explainer."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every fact file; list every problem")
    _content_arg(validate)
    validate.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on warnings too, as `mkdocs build --strict` does",
    )
    validate.set_defaults(run=_validate)

    compile_ = commands.add_parser(
        "compile", help="write the generated Markdown pages (what the MkDocs plugin builds)"
    )
    _content_arg(compile_)
    compile_.add_argument("--out", required=True, type=Path, help="folder to write pages into")
    compile_.add_argument(
        "--templates",
        type=Path,
        help="folder of block templates that override the packaged ones of the same name "
        "(the plugin uses the theme's explainer/ folder)",
    )
    compile_.set_defaults(run=_compile)

    new = commands.add_parser("new", help="start a fact file from a commented template")
    new.add_argument("kind", choices=sorted(TEMPLATES))
    new.add_argument("id", help="the id, which is the file name: lowercase-with-hyphens")
    new.add_argument("--content", default="content", type=Path, help="the content folder")
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="write a JSON Schema per kind of fact file")
    schema.add_argument("--out", default=Path(SCHEMA_DIR), type=Path)
    schema.set_defaults(run=_schema)

    cms = commands.add_parser(
        "cms", help="write the browser editor's configuration (Decap CMS) from the models"
    )
    cms.add_argument("--out", default=Path("admin"), type=Path, help="folder (default: admin)")
    cms.add_argument("--content", default="content", help="the content folder, from the repo root")
    cms.add_argument("--repo", help="owner/name on GitHub to save to (default: local only)")
    cms.add_argument("--branch", default="main")
    cms.add_argument("--editorial-workflow", action="store_true", help="drafts as pull requests")
    cms.set_defaults(run=_cms)

    args = parser.parse_args(argv)
    return args.run(args)


def _content_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "content",
        nargs="?",
        default=Path("content"),
        type=Path,
        help="the content folder (default: content)",
    )


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
        print(e, file=sys.stderr)
        print(f"{counted(len(e.problems), 'problem')} found", file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    found: list[Problem] = []
    content = _checked(args, found)
    if content is None:
        return 1
    if found:
        print(format_problems(found), file=sys.stderr)
        print(counted(len(found), "warning"), file=sys.stderr)
        if args.strict:
            return 1
    c = content
    print(
        f"ok: {counted(len(c.actors), 'actor')}, {counted(len(c.issues), 'issue')}, "
        f"{counted(len(c.events), 'event')}, {counted(len(c.sources), 'source')}"
    )
    return 0


def _compile(args: argparse.Namespace) -> int:
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


def _new(args: argparse.Namespace) -> int:
    if not ID_RE.match(args.id):
        print(
            f"site-gen: error: '{args.id}' is not a valid id: use lowercase letters, digits "
            f"and single hyphens, e.g. '{slug(args.id)}'",
            file=sys.stderr,
        )
        return 2
    path = args.content / FOLDERS[args.kind] / f"{args.id}.yml"
    schema = args.content.parent / SCHEMA_DIR / f"{args.kind}.schema.json"
    header = f"# yaml-language-server: $schema={os.path.relpath(schema, path.parent)}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an editor's file
            f.write(header + TEMPLATES[args.kind])
    except FileExistsError:
        print(f"site-gen: error: {path} already exists; not overwriting it", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in the empty values, then run site-gen validate")
    return 0


def _cms(args: argparse.Namespace) -> int:
    config = cms.cms_config(
        args.content, repo=args.repo, branch=args.branch, editorial_workflow=args.editorial_workflow
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "config.yml").write_text(cms.config_yaml(config), encoding="utf-8")
    (args.out / "fields.json").write_text(cms.rules_json(config), encoding="utf-8")
    print(f"wrote config.yml and fields.json to {args.out}")
    return 0


def _schema(args: argparse.Namespace) -> int:
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
