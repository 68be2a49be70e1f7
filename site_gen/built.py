"""What a built site must hold, whichever engine built it: every page and file the content
compiles to. An engine that ran without the plugin builds the hand-written pages only; this is
how `site-gen scan --content` notices, before such a site replaces a good one.

Pure: no engine import; paths as directory-style URLs make them (MkDocs' and ProperDocs'
default, `use_directory_urls: true`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from site_gen.errors import Problem, display_path
from site_gen.render import Site

PAGE_LIST_ENV = "SITE_GEN_PAGE_LIST"
"""Where the plugin writes the list of every file the content compiled to, when this
environment variable names a file: `make build` hands it to `site-gen scan --pages`, which then
need not compile the content a second time. An engine that ran without the plugin writes none."""


def built_page(page: str) -> str:
    """The file a Markdown page becomes: `issues/donbas.md` -> `issues/donbas/index.html`,
    `issues/index.md` -> `issues/index.html`."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def expected_files(site: Site, written: Iterable[str] = ()) -> list[str]:
    """Every file a build of `site` (plus the hand-written pages `written`) holds, sorted:
    each page as built, each data file and feed under its own path."""
    pages = {built_page(p) for p in [*site.pages, *written]}
    return sorted(pages | set(site.files))


def missing_files(site_dir: Path, expected: Iterable[str]) -> list[str]:
    """The files of `expected` that `site_dir` does not hold, in the order given."""
    return [path for path in expected if not (site_dir / path).is_file()]


def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page under `site_dir`, as sorted paths relative to it."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def read_page_list(path: Path) -> list[str] | None:
    """The files a page list (written by the plugin, see `PAGE_LIST_ENV`) names, or None
    when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return [line for line in text.splitlines() if line]


def collisions(generated: Iterable[str], written: Iterable[str], root: Path) -> dict[str, Problem]:
    """The hand-written files (paths relative to the content folder) that would take the place
    of a file the facts compile to (pages by the page they build, other files by their path),
    each with its problem."""
    built = {built_page(p) if p.endswith(".md") else p: p for p in generated}
    problems = {}
    for path in sorted(written):
        target = built_page(path) if path.endswith(".md") else path
        if (taken := built.get(target)) is None:
            continue
        made_from = _made_from(taken, root)
        problems[path] = Problem(
            display_path(root / path),
            1,
            1,
            f"takes the place of the generated '{taken}'{made_from}: a hand-written file "
            "may not replace what the facts compile to; rename or move it",
        )
    return problems


def _made_from(generated: str, root: Path) -> str:
    folder, _, name = generated.rpartition("/")
    stem = name.removesuffix(".md")
    if folder in ("issues", "actors", "events") and stem != "index":
        fact = root / folder / f"{stem}.yml"
        if fact.is_file():
            return f" (made from {display_path(fact)})"
    return ""
