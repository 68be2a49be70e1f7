"""What `site-gen validate` finds in one file of the content folder, for the browser editor's
panel of checks (`admin/checks.js`, asked through `editor_server`'s `problems` action)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from site_gen.check import get_checked
from site_gen.errors import ContentError, Problem
from site_gen.preview import locate


def file_problems(root: Path, content: str | Path, rel: str) -> dict[str, Any]:
    """What `site-gen validate` finds in the file at `rel` (relative to the project, as the API
    names it), errors first, each as `validate` prints it and with the line it points at; and
    how many errors and warnings the other files have."""
    try:
        found = get_checked(root / content)[1]
    except ContentError as e:
        found = e.problems + e.warnings
    mine: list[dict[str, Any]] = []
    elsewhere = {"problems": 0, "warnings": 0}
    # Errors first, as `validate` prints them and the preview lists them.
    for x in sorted(locate(found), key=lambda x: x.problem.warning):
        p = x.problem
        shown = Problem(os.path.relpath(p.path, root), p.line, p.col, p.message, p.warning)
        if shown.path.replace(os.sep, "/") != rel:
            elsewhere["warnings" if p.warning else "problems"] += 1
            continue
        mine.append(
            {
                "text": str(shown),
                "warning": p.warning,
                "line": p.line,
                "col": p.col,
                "quoted": x.line,
            }
        )
    return {"path": rel, "problems": mine, "elsewhere": elsewhere}
