"""The MkDocs adapter: load and check content/ once per build, add the generated pages.

Thin on purpose: every hook calls the pure core (`get_content`, `render_site`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from site_gen.check import get_content
from site_gen.errors import ContentError
from site_gen.render import render_problems, render_site

log = logging.getLogger("mkdocs.plugins.explainer")

FACT_SUFFIXES = (".yml", ".yaml")


class ExplainerConfig(Config):
    content_dir = opt.Optional(opt.Dir(exists=True))
    """The folder of fact files; defaults to `docs_dir`, where hand-written pages live too."""
    nav = opt.Type(bool, default=True)
    """Build the navigation from the facts when mkdocs.yml has no `nav` of its own."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.user_nav: object = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across `mkdocs serve` rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        self.user_nav = config.nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = Path(self.config.content_dir or config.docs_dir)
        for file in [f for f in files if f.src_uri.endswith(FACT_SUFFIXES)]:
            files.remove(file)  # the facts become pages; the YAML itself is not published
        written = sorted(f.src_uri for f in files.documentation_pages())
        try:
            content = get_content(root)
        except ContentError as e:
            if not self.serving:
                raise PluginError(f"the content has problems:\n{e}") from None
            pages, nav = _problem_pages(root, [str(p) for p in e.problems], written)
            log.error("the content has problems:\n%s", e)
        else:
            site = render_site(content, home="index.md" not in written, extra_pages=tuple(written))
            pages, nav = site.pages, site.nav
        for path, markdown in pages.items():
            if path in written:
                continue
            files.append(File.generated(config, path, content=markdown))
        if self.config.nav and self.user_nav is None:
            config.nav = nav
        return files

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001
        if self.config.content_dir:
            server.watch(self.config.content_dir)
        return server


def _problem_pages(root: Path, problems: list[str], written: list[str]) -> tuple[dict, list]:
    """While serving, every page an editor may have open shows the problems instead."""
    page = render_problems(problems)
    paths = {"index.md", "issues/index.md", "actors/index.md", "positions.md", "timeline.md"}
    paths |= {"sources.md", "glossary.md"}
    for folder in ("issues", "actors"):
        paths |= {f"{folder}/{p.stem}.md" for p in (root / folder).glob("*.yml")}
    pages = {p: page for p in sorted(paths - set(written))}
    return pages, [*pages, *written]
