"""The `site-gen` command: its arguments; each command is a function of `commands.py`, a thin
adapter over load, check, render, the templates and the build pipeline."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from site_gen import commands as commands_
from site_gen import pipeline
from site_gen.commands import SCHEMA_DIR
from site_gen.commands import github_command as github_command
from site_gen.templates import TEMPLATES


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
        help="as `mkdocs build --strict`: fail (exit 1) on warnings too when explainer.yml "
        "sets 'block_on_warnings: true'",
    )
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text: file:line:col: message; github: workflow commands that GitHub shows on "
        "the lines of a pull request",
    )
    validate.set_defaults(run=commands_.validate_command)

    init = commands.add_parser(
        "init", help="start a new explainer: explainer.yml, a glossary and one example of each kind"
    )
    init.add_argument(
        "content", nargs="?", default=Path("content"), type=Path, help="the folder to create"
    )
    init.add_argument(
        "--empty", action="store_true", help="only explainer.yml, a glossary and empty folders"
    )
    init.set_defaults(run=commands_.init_command)

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
    compile_.set_defaults(run=commands_.compile_command)

    new = commands.add_parser("new", help="start a fact file from a commented template")
    new.add_argument("kind", choices=sorted(TEMPLATES))
    new.add_argument("id", help="the id, which is the file name: lowercase-with-hyphens")
    new.add_argument("--content", default="content", type=Path, help="the content folder")
    new.set_defaults(run=commands_.new_command)

    schema = commands.add_parser("schema", help="write a JSON Schema per kind of fact file")
    schema.add_argument("--out", default=Path(SCHEMA_DIR), type=Path)
    schema.set_defaults(run=commands_.schema_command)

    scan = commands.add_parser(
        "scan", help="check a built site: no markup that could run script, no page missing"
    )
    scan.add_argument("site", type=Path, help="the built site's folder")
    scan.add_argument(
        "--content",
        type=Path,
        help="also require every page and file this content folder compiles to (a build "
        "without the explainer plugin has none)",
    )
    scan.add_argument(
        "--pages",
        type=Path,
        help="also require every file this page list names: the list the plugin wrote while "
        "building (with SITE_GEN_PAGE_LIST=FILE), so the content is not compiled twice",
    )
    scan.add_argument(
        "--templates",
        type=Path,
        action="append",
        help="a folder of the theme's templates, whose inline scripts the site may carry "
        "(repeatable; default: theme/ and the installed Material's templates)",
    )
    scan.add_argument(
        "--site-url", default="", help="the site's address, as built with (default: none)"
    )
    scan.set_defaults(run=commands_.scan_command)
    cms = commands.add_parser(
        "cms", help="write the browser editor's configuration (Decap CMS) from the models"
    )
    cms.add_argument("--out", default=Path("admin"), type=Path, help="folder (default: admin)")
    cms.add_argument("--content", default="content", help="the content folder, from the repo root")
    cms.add_argument("--repo", help="owner/name on GitHub to save to (default: local only)")
    cms.add_argument("--branch", default="main")
    cms.add_argument("--editorial-workflow", action="store_true", help="drafts as pull requests")
    cms.add_argument(
        "--auth-url", help="the OAuth server GitHub's login goes through (https://...)"
    )
    cms.add_argument("--auth-endpoint", default="auth", help="its login path (default: auth)")
    cms.add_argument("--site-domain", help="the site the login server knows (Decap's site_domain)")
    cms.set_defaults(run=commands_.cms_command)

    build = commands.add_parser(
        "build",
        help="build the site for publishing: the engine builds into a fresh folder, the safety "
        "net scans it once, and only then it replaces the site folder (what make build runs)",
    )
    build.add_argument("-f", "--config-file", default=Path("mkdocs.yml"), type=Path)
    build.add_argument("--engine", choices=list(pipeline.ENGINES), default="mkdocs")
    build.add_argument(
        "--site-url",
        default=None,
        help="the address the site is published at (e.g. https://user.github.io/repo/); "
        "default: the SITE_URL environment variable, as mkdocs.yml reads it",
    )
    build.add_argument("-d", "--site-dir", default=Path("site"), type=Path)
    build.add_argument(
        "--show-problems",
        action="store_true",
        help="a preview: content with problems builds, its pages showing them as `make serve` "
        "does (scanned all the same); never for the published site",
    )
    build.set_defaults(run=commands_.build_command)

    edit = commands.add_parser(
        "edit",
        help="the live preview plus the browser editor at /admin/, whose saves may write only "
        ".yml, .yaml and .md files under the content folder (what make edit runs)",
    )
    edit.add_argument(
        "--content",
        default="content",
        help="the content folder, from the project folder: the one the plugin reads",
    )
    edit.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    edit.add_argument("--engine", choices=["mkdocs", "properdocs"], default="mkdocs")
    edit.add_argument("--port", type=int, default=8081, help="the editor server's port")
    edit.add_argument("--preview-port", type=int, default=8000, help="the preview's port")
    edit.set_defaults(run=commands_.edit_command)

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
