"""What the engine's build gains from the content: the checked facts rendered to pages, data
files and a navigation, beside the pages written by hand. Pure of MkDocs: the adapter turns
the result into the engine's files (`plugin.py`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_gen.built import collisions, expected_files
from site_gen.check import get_checked
from site_gen.errors import ContentError, Problem
from site_gen.load import FileCache
from site_gen.render import PageCache, render_site, trust
from site_gen.share import Share, Shared

log = logging.getLogger("mkdocs.plugins.explainer")


@dataclass(frozen=True)
class Composed:
    """The generated part of one build."""

    pages: dict[str, str]
    """Generated page -> its Markdown."""
    nav: list
    files: dict[str, str]
    """The open data and feeds: static files by their path."""
    written: list[str]
    """The hand-written pages kept (none in a generated page's place)."""
    taken: dict[str, Problem]
    """A hand-written page or file in the place of a generated one -> the problem."""
    warnings: list[Problem]
    footer: dict[str, Any]
    """What the theme's footer shows (`config.extra.explainer`)."""
    expected: list[str]
    """Every file the content compiles to (`built.py`)."""
    shared: Shared = field(default_factory=Shared)
    """The share cards and embed pages (`share.py`), when asked for."""


def compose(
    root: Path,
    written: list[str],
    static: list[str],
    *,
    site_url: str | None,
    templates: Path | None,
    files: FileCache | None = None,
    pages: PageCache | None = None,
    serving: bool = False,
    share: Share | None = None,
) -> Composed:
    """The content of `root` checked and rendered, around the hand-written pages `written`
    and the content folder's other files `static`. Raises `ContentError` on errors, and on a
    hand-written file in a generated one's place unless `serving` (the preview shows those
    and leaves the file out; it renders no data files or feeds); logs the warnings (they fail `--strict` only where the
    newsroom opts in: `block_on_warnings`). `share` makes the share cards and embed pages
    (`share.Sharer.share` with the site's settings)."""
    content, warnings = get_checked(root, files)
    level = logging.WARNING if content.explainer.block_on_warnings else logging.INFO
    for warning in warnings:
        log.log(level, "%s", warning)
    site = render_site(
        content,
        home="index.md" not in written,
        extra_pages=tuple(written),
        site_url=site_url,
        data_files=not serving,  # the preview shows pages, not the data files and feeds
        templates=templates,
        cache=pages,
    )
    taken = collisions([*site.pages, *site.files], static, root)
    if taken and not serving:
        raise ContentError(list(taken.values()))
    if taken:
        log.error("the content has problems:\n%s", ContentError(list(taken.values())))
    written = [p for p in written if p not in taken]
    shared = share(content, site.pages, written, site.renderer) if share else Shared()
    for note in shared.warnings:  # the site's settings, not its facts: never blocks
        log.info("%s", note)
    return Composed(
        pages=site.pages,
        nav=site.nav,
        files=site.files,
        written=written,
        taken=taken,
        warnings=[*taken.values(), *warnings],
        footer=trust.footer(content, about=trust.ABOUT_PAGE in written),
        expected=expected_files(site, written),
        shared=shared,
    )
