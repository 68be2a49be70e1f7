"""The `site-gen` command: a thin adapter over load, check, render and the templates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from site_gen.check import get_content
from site_gen.errors import ContentError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="site-gen", description="Check and compile the YAML facts of a news explainer."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every fact file; list every problem")
    validate.add_argument("content", nargs="?", default="content", type=Path,
                          help="the content folder (default: content)")

    args = parser.parse_args(argv)
    return args.run(args) if hasattr(args, "run") else _validate(args)


def _validate(args: argparse.Namespace) -> int:
    try:
        content = get_content(args.content)
    except ContentError as e:
        print(e, file=sys.stderr)
        n = len(e.problems)
        print(f"{n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 1
    print(
        f"ok: {len(content.actors)} actors, {len(content.issues)} issues, "
        f"{len(content.events)} events, {len(content.sources)} sources"
    )
    return 0
