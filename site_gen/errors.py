"""The one problem type every step reports, and the exception that carries a list of them."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from site_gen.lookalike import DEFAULT_IGNORABLE


@dataclass(frozen=True, order=True)
class Problem:
    """One content mistake, located in a file. Lines and columns count from 1."""

    path: str
    line: int
    col: int
    message: str
    warning: bool = False
    """A warning (a fact that may be stale or doubtful) rather than an error: every check shows
    it and still succeeds, unless explainer.yml sets `block_on_warnings: true` (then
    `site-gen validate --strict` and `mkdocs build --strict` fail on it)."""

    def __str__(self) -> str:
        severity = "warning: " if self.warning else ""
        return printable(f"{self.path}:{self.line}:{self.col}: {severity}{self.message}")


_UNPRINTABLE = re.compile(
    f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufff9-\uffff{DEFAULT_IGNORABLE}]"
)


def printable(text: str) -> str:
    """Text safe to print on one line of a terminal or a CI log: control, format, bidi and
    other invisible characters (an id or value that holds ESC, CR, U+202E or U+3164) shown as
    escapes such as `\\x1b`."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m[0])
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class ContentError(Exception):
    """The content has problems; `problems` holds all of them, sorted; `warnings` the
    warnings about the files that could still be judged."""

    def __init__(self, problems: list[Problem], warnings: Sequence[Problem] = ()) -> None:
        self.problems = sorted(set(problems))
        self.warnings = sorted(set(warnings) - set(self.problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """The compiler-style report: one `file:line:col: message` per line, sorted."""
    return "\n".join(str(p) for p in sorted(set(problems)))


def display_path(path: Path) -> str:
    """The path as an editor would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
