"""The live preview's parts that are not hooks: the store of generated pages (rewritten only
when their Markdown changes, so that `--dirty` rebuilds only those), the pages shown while the
content has problems, and what replaces a page the safety net refused."""

from __future__ import annotations

import html
from pathlib import Path

from site_gen import preview
from site_gen.safety import Unsafe


def withdraw(site: Path, found: list[Unsafe]) -> None:
    """While serving, a page the net found unsafe is replaced by the list of what it found."""
    for page in sorted({u.page for u in found}):
        lines = [str(u) for u in found if u.page == page]
        page_html = problems_html(lines)
        (site / page).write_text(
            f'<!doctype html>\n<meta charset="utf-8">\n<title>Unsafe page</title>\n{page_html}',
            encoding="utf-8",
        )


def problems_html(lines: list[str]) -> str:
    """The problems of a page, as the live preview shows them in its place."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (
        '<div class="xp-problems" role="alert">\n<p>This page is not shown: fix what follows '
        f"and save; it reloads by itself.</p>\n<ol>\n{items}\n</ol>\n</div>\n"
    )


def unsafe_message(found: list[Unsafe], *, site_kept: bool) -> str:
    shown = [f"  {u}" for u in found[:20]]
    if len(found) > 20:
        shown.append(f"  ... and {len(found) - 20} more")
    kept = "; the site folder was left as it was" if site_kept else ""
    return (
        "the built pages carry markup that could run script or call another host (content "
        f"slipped past escaping, or a template or hand-written page added it){kept}:\n"
        + "\n".join(shown)
    )


class PageStore:
    """Generated pages as files, each rewritten only when its Markdown changes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str] = {}
        self.bytecode = root.with_name(root.name + "-bytecode")
        """The theme's compiled templates (outside `root`, which MkDocs reads pages from)."""
        self.bytecode.mkdir(exist_ok=True)

    def put(self, path: str, markdown: str) -> Path:
        file = self.root / path
        if self.texts.get(path) != markdown:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(markdown, encoding="utf-8")
            self.texts[path] = markdown
        return file


def problem_pages(
    root: Path, located: list[preview.Located], written: list[str]
) -> tuple[dict, list]:
    """Before any good build, every page an editor may open shows the problems instead."""
    page = preview.problems_page(located)
    paths = {"index.md", "issues/index.md", "actors/index.md", "positions.md", "timeline.md"}
    paths |= {"sources.md", "glossary.md"}
    for folder in ("issues", "actors"):
        paths |= {f"{folder}/{p.stem}.md" for p in (root / folder).glob("*.yml")}
    pages = {p: page for p in sorted(paths - set(written))}
    return pages, [*pages, *written]
