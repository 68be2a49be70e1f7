"""The MkDocs adapter: load and check the content once per build, add the generated pages.

Thin on purpose: each hook calls the pure core (`get_checked`, `render_site`), the live
preview (`serving.LivePreview`), the safety net (`engine.SafetyNet`) or `handwritten.py`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_gen import preview
from site_gen.compose import compose
from site_gen.engine import (
    ActiveSection,
    SafetyNet,
    add_editor,
    add_files,
    add_pages,
    content_files,
    open_content,
    template_overrides,
)
from site_gen.errors import ContentError, display_path
from site_gen.handwritten import HandWritten
from site_gen.pipeline import SHOW_PROBLEMS_ENV
from site_gen.render.blocks import stash, unstash
from site_gen.serving import LivePreview, PreviewBuild
from site_gen.settings import ExplainerConfig, sharing
from site_gen.share import Sharer

log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    net: SafetyNet
    """The safety net of the build under way (`on_config` on)."""

    def __init__(self) -> None:
        self.live: LivePreview | None = None
        """While serving: what the preview keeps from one save to the next."""
        self.shown: PreviewBuild | None = None
        """Where content problems show on the pages instead of failing: serving, a preview."""
        self.hand = HandWritten()
        self.sharer = Sharer()  # kept across the preview's rebuilds, as this object is
        self.root = Path("content")
        self.generated: set[str] = set()
        self.stashed: dict[str, tuple[list[str], str]] = {}
        self.editor_code: dict[str, str | Path] = {}
        self.section = ActiveSection()
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across `mkdocs serve` rebuilds.
        self.dirty = dirty
        self.live = LivePreview(dirty=dirty) if command == "serve" else None
        lenient = os.environ.get(SHOW_PROBLEMS_ENV) == "1"  # site-gen build --show-problems
        self.shown = self.live or (PreviewBuild() if lenient else None)

    def on_shutdown(self) -> None:
        if self.live:
            self.live.close()

    @event_priority(100)  # before the search plugin picks its language from the theme
    def on_config(self, config: MkDocsConfig) -> None:
        self.user_nav = config.nav
        self.root = Path(self.config.content_dir or config.docs_dir)
        open_content(config, self.root, self.live.empty_folder if self.live else None)
        self.net = SafetyNet(config, serving=bool(self.live), dirty=self.dirty)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files, written, static = content_files(files, config)
        live, shown = self.live, self.shown
        try:
            done = compose(
                self.root,
                written,
                static,
                site_url=config.site_url,
                templates=template_overrides(config),
                files=live.files if live else None,
                pages=live.pages if live else None,
                serving=bool(live),
                share=sharing(self.sharer, config, self.config),
            )
        except ContentError as e:
            if not shown:
                raise PluginError(f"the content has problems:\n{e}") from None
            pages, nav = shown.failed(e, self.root, written)
        else:
            if done.taken:
                files = Files([f for f in files if f.src_uri not in done.taken])
            pages, nav, written = done.pages, done.nav, done.written
            self.net.expected = done.expected
            config.extra["explainer"] = done.footer
            if shown:
                shown.built(pages, nav, done.warnings)
            embeds = live.static_files(done.shared.embeds) if live else done.shared.embeds
            add_files(files, config, {**done.files, **done.shared.files, **embeds})
            config.extra["explainer_share"] = done.shared.pages
        self.editor_code = add_editor(files, config, self.root, self.config, serving=bool(live))
        if shown and (live or shown.located):
            pages[preview.PROBLEMS_PAGE] = preview.problems_page(shown.located)
        self.generated = set(pages) - set(written)
        generated = {p: pages[p] for p in pages if p in self.generated}
        add_pages(files, config, generated, nav, live.page_file if live else None)
        if self.config.nav and self.user_nav is None:
            config.nav = nav
        if live:
            live.after_files(files, config, written)
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001
        return self.live.env(env) if self.live else env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        uri = page.file.src_uri
        if uri in self.generated:
            text, blocks, token = stash(markdown)  # Markdown need not parse our HTML blocks
            self.stashed[uri] = (blocks, token)
            return text
        display = display_path(Path(page.file.abs_src_path or uri))
        source = page.file.content_string
        markdown, page.meta = self.hand.markdown(uri, markdown, page.meta, source, display)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        uri = page.file.src_uri
        if uri in self.generated or not page.file.abs_src_path:
            return unstash(html, *self.stashed.pop(uri, ([], "")))
        display = display_path(Path(page.file.abs_src_path))
        html, problems = self.hand.html(uri, html, page.file.content_string, display)
        return self.shown.refused(problems) if problems and self.shown else html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001
        self.section.light(page, nav)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.section.dim()
        if self.shown and not self.live:  # a built preview: no server adds the banner
            return self.shown.with_banner(output, page.url)
        return output

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_index(self, *, config: MkDocsConfig) -> None:
        if self.live:
            self.live.merge_search_index(config)

    @event_priority(-100)  # after every other plugin has written its files
    def _check_and_publish(self, *, config: MkDocsConfig) -> None:
        hand_written = self.hand.taken()  # shown on their pages in a preview
        found = self.net.finish(
            config,
            hand_written=[] if self.shown else hand_written,
            editor_code=self.editor_code,
            allow_hosts=self.config.allow_hosts,
        )
        if self.live:
            self.live.withdraw(Path(config.site_dir), found)

    on_post_build = CombinedEvent(_merge_search_index, _check_and_publish)

    def on_build_error(self, *, error: Exception) -> None:
        if hasattr(self, "net"):
            self.net.discard()

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001
        return self.live.serve(server, self.root) if self.live else server
