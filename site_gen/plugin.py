"""The MkDocs adapter: load and check content/ once per build, add the generated pages.

Thin on purpose: every hook calls the pure core (`get_content`, `render_site`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from site_gen import preview, share
from site_gen.built import PAGE_LIST_ENV, collisions, expected_files
from site_gen.check import get_checked
from site_gen.cms import PROXY_ENV, PROXY_URL, cms_config, editor_files
from site_gen.engine import (
    Staging,
    accurate_dirty_builds,
    inject_into_served_pages,
    merge_search_entries,
    nav_paths,
    published,
    template_overrides,
    theme_language,
    write_page_list,
)
from site_gen.errors import ContentError, Problem, display_path, format_problems
from site_gen.load import FileCache, content_links, read_explainer
from site_gen.markup import PLACEHOLDER, defuse_brackets
from site_gen.pipeline import MANIFEST_ENV, Manifest, scripts_of
from site_gen.published import (
    MARKUP_PLACEHOLDER,
    allowed_front_matter,
    defuse_markup,
    front_matter_problems,
    paragraph_problems,
)
from site_gen.render import PageCache, render_site, trust
from site_gen.render.blocks import stash, unstash
from site_gen.render.site import section_of
from site_gen.safety import check_hand_written, known_scripts, scan_site, theme_scripts
from site_gen.serving import PageStore, problem_pages, problems_html, unsafe_message, withdraw

log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(Config):
    content_dir = opt.Optional(opt.Dir(exists=True))
    """The folder of fact files; defaults to `docs_dir`, where hand-written pages live too."""
    nav = opt.Type(bool, default=True)
    """Build the navigation from the facts when mkdocs.yml has no `nav` of its own."""
    allow_hosts = opt.ListOfItems(opt.Type(str), default=[])
    """Hosts a page may load images or frames from (e.g. `www.youtube-nocookie.com`): none by
    default, so that reading the site calls no third-party host."""
    editor_repo = opt.Optional(opt.Type(str))
    """`owner/name` of the GitHub repository the editor at /admin/ saves to; unset: local only."""
    editor_branch = opt.Type(str, default="main")
    """The branch the editor saves to."""
    editor_workflow = opt.Type(bool, default=False)
    """Save drafts as pull requests (Decap's editorial workflow) instead of to the branch."""
    editor_proxy = opt.Type(str, default=PROXY_URL)
    """Where the local editor server listens when `site-gen edit` (make edit) does not say."""
    cards = opt.Type(bool, default=True)
    """Draw every page's share card (`og:image`, needs `site_url`): see site_gen/share.py."""
    embeds = opt.Type(bool, default=True)
    """Publish an embeddable card per issue (/embed/issues/<id>/) and its code on the issue."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.user_nav: object = None
        self._lit: Page | None = None
        """The navigation's page marked active for the page being rendered (`on_page_context`)."""
        self.cache: FileCache = {}
        self.page_cache = PageCache()
        """The preview's pages with what each read: a save renders again only those it
        changed (`render/trace.py`)."""
        self.store: PageStore | None = None
        self.staging: Staging | None = None
        self.pipeline: str | None = None
        """Where `site-gen build` wants the build's manifest (it then scans and swaps)."""
        self.build_started = 0
        self.generated: set[str] = set()
        self.stashed: dict[str, tuple[list[str], str]] = {}
        self.page_dests: dict[str, str] = {}
        """Every page's URL and built file, as of the last build (for `serve --dirty`)."""
        self.root = Path("content")
        """The content folder of this build."""
        self.empty_docs: Path | None = None
        """While serving a content folder with links in it, what MkDocs walks instead."""
        self.page_problems: list[Problem] = []
        self.editor_code: dict[str, str | Path] = {}
        """The editor's files in this build (its scripts are the only ones besides the
        theme's that pages may load)."""
        self.shared: str | None = None
        """What every page shows around its text, as of the last preview build."""
        self.source_problems: dict[str, list[Problem]] = {}
        """A hand-written page's problems found in its Markdown (front matter, paragraphs)."""
        """What hand-written pages hold that they may not (see `safety.check_hand_written`)."""
        self.last_good: tuple[dict[str, str], list] | None = None
        """The pages and navigation of the last content without errors, served while the
        content has some (the preview never goes blank)."""
        self.located: list[preview.Located] = []
        """The problems (and warnings) the preview shows on every page, with their lines."""
        self.mount = "/"
        self.expected: list[str] = []
        """Every file the content compiles to, for `site-gen scan --pages` (see `built.py`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this object alive across `mkdocs serve` rebuilds,
        # so the parsed files and the pages on disk carry over from one save to the next.
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving:
            self.store = PageStore(Path(tempfile.mkdtemp(prefix="site-gen-pages-")))
        if self.serving and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(accurate_dirty_builds)

    def on_shutdown(self) -> None:
        if self.store:
            shutil.rmtree(self.store.root, ignore_errors=True)
            shutil.rmtree(self.store.bytecode, ignore_errors=True)
        if self.empty_docs:
            shutil.rmtree(self.empty_docs, ignore_errors=True)
        logging.getLogger("mkdocs.commands.build").removeFilter(accurate_dirty_builds)

    @event_priority(100)  # before the search plugin picks its language from the theme
    def on_config(self, config: MkDocsConfig) -> None:
        self.build_started = time.time_ns()
        self.user_nav = config.nav
        self.root = Path(self.config.content_dir or config.docs_dir)
        root = self.root
        # A content folder with links in it is read no further (not even its explainer.yml).
        if self._close_the_box(config) and (explainer := read_explainer(root)):
            # The site is named by its content, not mkdocs.yml. Escaped once here: the theme
            # prints these both raw and through `| e`, which leaves Markup as it is;
            # mkdocs.yml's own values were trusted, content is not.
            config.site_name = escape(explainer.title)
            if explainer.description:
                config.site_description = escape(explainer.description)
            config.theme["language"] = theme_language(config, explainer.language)
        # `site-gen build` stages, scans and swaps itself (pipeline.py); a plain engine build
        # is staged and scanned here, so that it too never leaves an unsafe site in place.
        self.pipeline = None if self.serving else os.environ.get(MANIFEST_ENV)
        plain = not (self.serving or self.dirty or self.pipeline)
        self.staging = Staging.start(config) if plain else None

    def _close_the_box(self, config: MkDocsConfig) -> bool:
        """Stop before MkDocs walks a content folder holding links (it follows them: a link
        publishes the file it points to, a link to a parent folder loops). A build fails; the
        live preview shows the problems, from an empty folder MkDocs can walk. Returns whether
        the folder holds no link."""
        problems = content_links(Path(config.docs_dir))
        if Path(config.docs_dir).resolve() != self.root.resolve():
            problems += content_links(self.root)
        if not problems:
            return True
        if not self.serving:
            raise PluginError(f"the content has problems:\n{ContentError(problems)}")
        if self.empty_docs is None:
            self.empty_docs = Path(tempfile.mkdtemp(prefix="site-gen-empty-"))
        config.docs_dir = str(self.empty_docs)
        return False

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root = self.root
        # The facts become pages; the YAML itself is not published, nor any file of a kind a
        # browser may run (`published.py`: the content check reports each). A new list:
        # removing 12,500 files one by one from MkDocs' list takes a noticeable part of a save.
        docs = os.path.join(os.path.abspath(config.docs_dir), "")
        files = Files([f for f in files if published(f, docs)])
        written = sorted(f.src_uri for f in files.documentation_pages())
        static = [f.src_uri for f in files if (f.abs_src_path or "").startswith(docs)]
        try:
            content, warnings = get_checked(root, self.cache if self.serving else None)
        except ContentError as e:
            if not self.serving:
                raise PluginError(f"the content has problems:\n{e}") from None
            log.error("the content has problems:\n%s", e)
            self.located = preview.locate(e.problems)
            if self.last_good:  # keep serving the last good pages, under a banner
                pages, nav = dict(self.last_good[0]), list(self.last_good[1])
            else:
                pages, nav = problem_pages(root, self.located, written)
        else:
            # Editorial warnings are shown; they fail `--strict` only where the newsroom opts in.
            level = logging.WARNING if content.explainer.block_on_warnings else logging.INFO
            for warning in warnings:
                log.log(level, "%s", warning)
            home, extra = "index.md" not in written, tuple(written)
            # The preview shows pages: the data files and feeds are left to real builds.
            site = render_site(
                content,
                home=home,
                extra_pages=extra,
                site_url=config.site_url,
                data_files=not self.serving,
                templates=template_overrides(config),
                cache=self.page_cache if self.serving else None,
            )
            shared = share.share(content, site.pages, written, site_url=config.site_url,
                                 config_file=config.config_file_path, theme_dirs=config.theme.dirs,
                                 templates=template_overrides(config), extra_css=config.extra_css,
                                 cards=self.config.cards, embeds=self.config.embeds)  # fmt: skip
            for note in shared.warnings:  # the site's settings, not its facts: never blocks
                log.info("%s", note)
            config.extra["explainer_share"] = shared.pages
            pages, nav = site.pages, site.nav
            if taken := collisions([*pages, *site.files], static, root):
                problems = ContentError(list(taken.values()))
                if not self.serving:
                    raise PluginError(f"the content has problems:\n{problems}")
                log.error("the content has problems:\n%s", problems)  # shown, then left out
                warnings = problems.problems + warnings
                files = Files([f for f in files if f.src_uri not in taken])
                written = [p for p in written if p not in taken]
            if not self.serving:  # the page list is for `make build`'s scan
                self.expected = expected_files(site, written)
            config.extra["explainer"] = trust.footer(content, about=trust.ABOUT_PAGE in written)
            if self.serving:
                self.last_good = (dict(pages), list(nav))
                self.located = preview.locate(warnings)
            for path, text in site.files.items():  # open data and feeds: static files
                files.append(File.generated(config, path, content=text))
            for path, card in shared.files.items():  # share cards, from their cache
                files.append(File.generated(config, path, abs_src_path=str(card)))
            for path, text in shared.embeds.items():  # embeddable issue cards
                files.append(File.generated(config, path, content=text))
        self._add_editor(files, config, root)
        if self.serving:
            pages[preview.PROBLEMS_PAGE] = preview.problems_page(self.located)
        in_nav = set(nav_paths(nav))
        self.generated = set(pages) - set(written)
        for path, markdown in pages.items():
            if path in written:
                continue
            inclusion = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
            if self.store:
                # Under `mkdocs serve --dirty`, MkDocs rebuilds a page only when its source is
                # newer than its HTML: the store rewrites only the pages whose Markdown changed.
                source = str(self.store.put(path, markdown))
                files.append(File.generated(config, path, abs_src_path=source, inclusion=inclusion))
            else:
                files.append(File.generated(config, path, content=markdown, inclusion=inclusion))
        if self.config.nav and self.user_nav is None:
            config.nav = nav
        if self.serving and self.dirty:
            self._forget_removed_pages(files)
            self._rebuild_all_if_site_changed(files, config, written)
        return files

    def _rebuild_all_if_site_changed(
        self, files: Files, config: MkDocsConfig, written: list[str]
    ) -> None:
        """A dirty build renders again only the pages whose Markdown changed; what every page
        shows around its text (name, footer, navigation, language, the list of hand-written
        pages) changes with explainer.yml or a page added or removed: then every page is built
        again, so that the preview equals a full build."""
        shared = repr(
            (
                str(config.site_name),
                str(config.site_description),
                config.theme["language"],
                config.extra.get("explainer"),
                config.nav,
                written,
            )
        )
        if self.shared is not None and shared != self.shared:
            for f in files.documentation_pages():
                Path(f.abs_dest_path).unlink(missing_ok=True)
        self.shared = shared

    def _add_editor(self, files: Files, config: MkDocsConfig, root: Path) -> None:
        """The browser editor at /admin/, configured from the models, when npm installed it."""
        project = Path(config.config_file_path or ".").resolve().parent
        settings = cms_config(
            Path(os.path.relpath(root.resolve(), project)).as_posix(),
            repo=self.config.editor_repo,
            branch=self.config.editor_branch,
            editorial_workflow=self.config.editor_workflow,
            proxy_url=os.environ.get(PROXY_ENV) or self.config.editor_proxy,
        )
        found = editor_files(project, settings)
        self.editor_code = found
        if not found:
            log.info("the browser editor (/admin/) is left out: run `npm ci` to install it")
        for path, source in found.items():
            if isinstance(source, Path):
                files.append(File.generated(config, path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, path, content=source))

    def _forget_removed_pages(self, files: Files) -> None:
        """A dirty build keeps the HTML of pages that no longer exist (an actor file deleted):
        delete it, so that the preview answers 404 as the published site will."""
        # As search locations have them: the home page is "", not "./".
        dests = {f.url.removeprefix("./"): f.abs_dest_path for f in files.documentation_pages()}
        for url in self.page_dests.keys() - dests.keys():
            Path(self.page_dests[url]).unlink(missing_ok=True)
        self.page_dests = dests

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files):
        # MkDocs makes the theme's templates anew for each rebuild of the preview: compiled
        # once, they load from bytecode after that (keyed by each template's source).
        if self.store:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.store.bytecode))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        if page.file.src_uri not in self.generated:
            return self._hand_written_markdown(markdown, page)
        text, blocks, token = stash(markdown)  # Markdown need not parse our HTML blocks
        self.stashed[page.file.src_uri] = (blocks, token)
        return text

    def _hand_written_markdown(self, markdown: str, page: Page) -> str:
        """A hand-written page keeps only the front matter it may set (no template, no
        redirect: `published.py`); a build fails on the rest once every page is seen. Every `[`
        that starts no link, and every `<` that starts no tag, is kept from Python-Markdown; a
        paragraph is bounded like a Markdown field (linear time: `published.py`)."""
        source = page.file.content_string
        display = display_path(Path(page.file.abs_src_path or page.file.src_uri))
        found = front_matter_problems(page.meta, source, display)
        page.meta = allowed_front_matter(page.meta)
        too_long = paragraph_problems(source, display)
        self.source_problems[page.file.src_uri] = found + too_long
        if too_long:
            return ""  # not rendered: the build fails, the preview shows the problems
        return defuse_markup(defuse_brackets(markdown))

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001
        # An issue, actor or period page is not listed in the navigation (see `navigation`):
        # mark its section's page as active while it renders, so its tab shows as current.
        listed = {p.file.src_uri: p for p in nav.pages}
        up = section_of(page.file.src_uri, set(listed))
        if up is not None:
            listed[up].active = True
            self._lit = listed[up]
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._lit is not None:
            self._lit.active = False
            self._lit = None
        return output

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files):
        if page.file.src_uri not in self.generated and page.file.abs_src_path:
            html = html.replace(PLACEHOLDER, "[").replace(MARKUP_PLACEHOLDER, "&lt;")
            return self._hand_written(html, page)
        blocks, token = self.stashed.pop(page.file.src_uri, ([], ""))
        return unstash(html, blocks, token)

    def _hand_written(self, html: str, page: Page) -> str:
        """A hand-written page's HTML, if it holds only what such pages may hold; while serving,
        otherwise, its problems instead (a build fails on them once every page is seen)."""
        source = Path(page.file.abs_src_path or "")
        problems = self.source_problems.pop(page.file.src_uri, [])
        problems += check_hand_written(html, page.file.content_string, display_path(source))
        self.page_problems += problems
        if not problems or not self.serving:
            return html
        log.error("%s", format_problems(problems))
        return problems_html([str(p) for p in problems])

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_index(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.dirty:
            merge_search_entries(config, set(self.page_dests))

    @event_priority(-100)  # after every other plugin has written its files
    def _check_and_publish(self, *, config: MkDocsConfig) -> None:
        """Fail the build on markup that could run script or call another host; then swap the
        new site in."""
        problems, self.page_problems = self.page_problems, []
        if problems and not self.serving:
            raise PluginError(
                f"hand-written pages hold markup they may not:\n{ContentError(problems)}"
            )
        scripts = known_scripts(config.theme.dirs, self.editor_code)
        if self.pipeline:  # the caller scans, once: hand it what the net needs
            Manifest(
                pages=self.expected,
                template_dirs=[str(d) for d in config.theme.dirs],
                scripts=scripts_of(scripts),
                allow_hosts=list(self.config.allow_hosts),
                site_url=config.site_url or "",
            ).write(Path(self.pipeline))
            log.info("the safety net is left to site-gen build, which scans this site once")
            return
        site = Path(config.site_dir)
        url = urlsplit(config.site_url or "")
        allowed = theme_scripts(Path(d) for d in config.theme.dirs)
        # A dirty rebuild under `mkdocs serve` checks the pages it wrote, not the whole site.
        # (A second early: file times may lag the clock; a few pages checked twice is fine.)
        since = self.build_started - 1_000_000_000 if self.serving and self.dirty else 0
        found = scan_site(
            site,
            allowed,
            url.path or "/",
            since_ns=since,
            allow_hosts=self.config.allow_hosts,
            site_host=url.hostname,
            scripts=scripts,
        )
        if found:
            message = unsafe_message(found, site_kept=self.staging is not None)
            if self.serving:
                log.error("%s", message)
                withdraw(site, found)
                return
            raise PluginError(message)
        if (page_list := os.environ.get(PAGE_LIST_ENV)) and not self.serving:
            write_page_list(Path(page_list), self.expected)
        if self.staging and self.staging.publish():
            self.staging = None

    on_post_build = CombinedEvent(_merge_search_index, _check_and_publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging:
            self.staging.discard()
            self.staging = None

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001
        server.watch(str(self.root))  # also when MkDocs was handed an empty folder instead
        # The banner is added as each page is served, not built: under `--dirty` a save that
        # breaks the content rebuilds no page, and the built files never carry it.
        self.mount = server.mount_path
        url = self.mount + preview.PROBLEMS_PAGE.removesuffix(".md") + "/"

        def with_banner(content: bytes) -> bytes:
            return preview.with_banner(content, preview.banner(self.located, url))

        return inject_into_served_pages(server, with_banner)
