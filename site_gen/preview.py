"""What the live preview shows while the content has problems: a banner on every served page
and a page listing them all, each problem with the line of the file it is about.

Used by the MkDocs adapter only while serving; nothing here reaches a built site.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from site_gen.errors import Problem
from site_gen.facts import counted
from site_gen.files import FileError, read_bounded
from site_gen.load import MAX_FILE_BYTES

PROBLEMS_PAGE = "problems.md"
"""The preview's page of every problem (served at /problems/), never in a built site."""
SHOWN = 3
"""Problems the banner lists before linking to the page of all of them."""


@dataclass(frozen=True)
class Located:
    """A problem and the line of its file it points at ("" when the file cannot be read)."""

    problem: Problem
    line: str


def locate(problems: list[Problem]) -> list[Located]:
    """Each problem with its file's line, read now: what the editor sees is what they saved.
    A problem's file may be a pipe, a device or a link (that is often the problem): only a
    regular file is read, and at most as much of it as the loader reads."""
    files: dict[str, list[str]] = {}
    found = []
    for p in sorted(set(problems)):
        if p.path not in files:
            try:
                text = read_bounded(Path(p.path), MAX_FILE_BYTES).decode("utf-8", "replace")
                files[p.path] = text.splitlines()
            except FileError:
                files[p.path] = []
        lines = files[p.path]
        found.append(Located(p, lines[p.line - 1] if 0 < p.line <= len(lines) else ""))
    return found


def _summary(located: list[Located]) -> str:
    errors = sum(not x.problem.warning for x in located)
    warnings = len(located) - errors
    if errors:
        return (
            f"The content has {counted(errors, 'problem')}: the preview shows the last pages "
            "that had none. Fix and save; the page reloads by itself."
        )
    return (
        f"The content has {counted(warnings, 'warning')}: the site builds, and readers see the "
        "facts as they are."
    )


def _item(x: Located) -> str:
    p = x.problem
    where = f"{p.path}:{p.line}:{p.col}"
    severity = "warning: " if p.warning else ""
    quoted = ""
    if x.line.strip():
        pointer = " " * (len(f"{p.line} | ") + max(p.col - 1, 0)) + "^"
        quoted = f'<pre style="margin:.2rem 0;overflow-x:auto">{p.line} | {html.escape(x.line)}\n{pointer}</pre>'
    # One run of text, as the terminal prints it: editors (and tests) search for the line.
    text = html.escape(f"{where}: {severity}{p.message}")
    return f'<li><code style="white-space:pre-wrap">{text}</code>{quoted}</li>'


def banner(located: list[Located], page_url: str) -> str:
    """The banner on top of every served page: the first errors, then the warnings folded
    (a `<details>` the editor opens), and a link to all of them; "" when there is nothing to
    show. Warnings are listed while errors exist too: they judge the files that loaded."""
    if not located:
        return ""
    errors = [x for x in located if not x.problem.warning]
    warnings = [x for x in located if x.problem.warning]
    tone = (
        "#fde8e8;color:#5c0000;border-bottom:3px solid #b00020"
        if errors
        else ("#fff4d6;color:#3d2b00;border-bottom:3px solid #a06b00")
    )
    out = [
        f'<div class="xp-preview-problems" role="alert" style="background:{tone};'
        'padding:.6rem 1rem;font-size:.75rem;line-height:1.4">'
        f'<p style="margin:0 0 .3rem"><strong>{html.escape(_summary(located))}</strong></p>'
    ]
    if errors:
        items = "".join(_item(x) for x in errors[:SHOWN])
        out.append(f'<ul class="xp-preview-errors" style="{_LIST}">{items}</ul>')
    if warnings:
        items = "".join(_item(x) for x in warnings[:SHOWN])
        more = f" (the first {SHOWN})" if len(warnings) > SHOWN else ""
        out.append(
            '<details class="xp-preview-warnings" style="margin:0 0 .3rem">'
            f'<summary style="cursor:pointer">{counted(len(warnings), "warning")}{more}</summary>'
            f'<ul style="{_LIST}">{items}</ul></details>'
        )
    every = " and ".join(
        counted(len(group), word)
        for group, word in ((errors, "problem"), (warnings, "warning"))
        if group
    )
    out.append(
        f'<a href="{html.escape(page_url)}" style="color:inherit;text-decoration:underline">'
        f"See all {every}</a></div>"
    )
    return "".join(out)


_LIST = "margin:0 0 .3rem 1rem;padding:0"


def with_banner(page: bytes, banner_html: str) -> bytes:
    """The served page with the banner as the first thing in its body (not on the page of
    all problems, which says it all)."""
    if not banner_html or b'<div class="xp-problems"' in page:
        return page
    if b"data-md-component" not in page:  # not a page of the site (the editor at /admin/)
        return page
    start = page.find(b"<body")
    end = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:end] + banner_html.encode("utf-8") + page[end:]


def problems_page(located: list[Located]) -> str:
    """The Markdown page of every problem, errors and warnings, with their lines."""
    front = "---\nsearch:\n  exclude: true\n---\n\n"
    if not located:
        return front + "# No problems\n\nEvery fact file is valid, with no warnings.\n"
    errors = [x for x in located if not x.problem.warning]
    warnings = [x for x in located if x.problem.warning]
    out = [front + "# The content has problems\n" if errors else front + "# Warnings\n"]
    # Warnings alone do not stop publishing: shown in the warning tone, not the error one.
    tone = "xp-problems" if errors else "xp-problems xp-problems--warnings"
    out.append(f'<div class="{tone}" role="alert">\n<p>{html.escape(_summary(located))}</p>')
    for title, group in (("Problems", errors), ("Warnings", warnings)):
        if group:
            items = "\n".join(_item(x) for x in group)
            out.append(f"<h2>{title}</h2>\n<ol>\n{items}\n</ol>")
    return "\n".join(out) + "\n</div>\n"
