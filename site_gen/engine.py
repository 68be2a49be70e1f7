"""The one place the adapter reaches into MkDocs and Material beyond their plugin API, and the
helpers that speak MkDocs' types: staging a plain build, the loggers `--strict` counts, the
search index of a dirty rebuild (Material's `search_index_prev`), MkDocs' dirty-build warning,
the live-reload server's page injection (`LiveReloadServer._inject_js_into_html`), which files
reach the site, the theme's language and template overrides. `TESTED_WITH` names the versions
these were written against; `tests/test_engine_internals.py` fails when one of them is gone.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from site_gen.admin_files import editor_files
from site_gen.built import PAGE_LIST_ENV
from site_gen.cms import PROXY_ENV, cms_config
from site_gen.errors import ContentError, Problem
from site_gen.load import content_links, read_explainer
from site_gen.pipeline import MANIFEST_ENV, Manifest, remove_stale, scripts_of, swap
from site_gen.published import PAGE_LIMIT, file_kind_problem, publishable
from site_gen.render.site import section_of
from site_gen.safety import Unsafe, known_scripts, scan_site, theme_scripts

if TYPE_CHECKING:
    from site_gen.settings import ExplainerConfig

log = logging.getLogger("mkdocs.plugins.explainer")

TESTED_WITH = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "properdocs": "1.6.7"}
DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning that a dirty build makes navigation and links inaccurate."""


def inject_into_served_pages(server, wrap):  # noqa: ANN001, ANN201
    """Have the live-reload `server` pass every page it serves through `wrap(content)` before
    its own script injection (MkDocs' `LiveReloadServer._inject_js_into_html`, private)."""
    inject = server._inject_js_into_html

    def injected(content: bytes, epoch: int) -> bytes:
        return inject(wrap(content), epoch)

    server._inject_js_into_html = injected
    return server


class Staging:
    """A build into a fresh sibling of `site_dir`, swapped in only once it succeeded, so that a
    failed build never leaves a half-written site where the last good one was."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.site = Path(config.site_dir)
        self.site.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(self.site)
        prefix = f".{self.site.name}.building-{os.getpid()}-"
        self.temp = Path(tempfile.mkdtemp(prefix=prefix, dir=self.site.parent))
        umask = os.umask(0)
        os.umask(umask)
        self.temp.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a web server
        # `--strict` turns warnings into a failure only after on_post_build: count them here.
        self.warnings = CountHandler(level=logging.WARNING)
        self.loggers = [logging.getLogger(name) for name in engine_loggers()]
        if config.strict:
            for logger in self.loggers:
                logger.addHandler(self.warnings)

    @classmethod
    def start(cls, config: MkDocsConfig) -> Staging:
        staging = cls(config)
        config.site_dir = str(staging.temp)
        return staging

    def publish(self) -> bool:
        """Swap the new site in, unless strict warnings are about to fail the build (then
        on_build_error discards it); `site_dir` is the real folder again, for gh-deploy."""
        if self.warnings.get_counts():
            return False
        swap(self.temp, self.site)
        self._done()
        return True

    def discard(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)
        self._done()

    def _done(self) -> None:
        self.config.site_dir = str(self.site)
        for logger in self.loggers:
            logger.removeHandler(self.warnings)


class SafetyNet:
    """The safety net of a build the engine runs: under `site-gen build` (`MANIFEST_ENV` set)
    it only writes what the pipeline's one scan needs; a plain `mkdocs build` is staged,
    scanned and swapped in here (only `site-gen build` guarantees the scan: a build run
    with another plugin list has no net); a preview scans the pages each save wrote."""

    def __init__(self, config: MkDocsConfig, *, serving: bool, dirty: bool) -> None:
        started = time.time_ns()
        self.serving = serving
        self.pipeline = None if serving else os.environ.get(MANIFEST_ENV)
        plain = not (serving or dirty or self.pipeline)
        self.staging = Staging.start(config) if plain else None
        # A dirty rebuild under `mkdocs serve` checks the pages it wrote, not the whole site.
        # (A second early: file times may lag the clock; a few pages checked twice is fine.)
        self.since = started - 1_000_000_000 if serving and dirty else 0
        self.expected: list[str] = []
        """Every file the content compiles to (see `built.py`), for the scan."""
        if not (serving or self.pipeline):
            log.info("only `site-gen build` (make build) guarantees the safety scan of a site")

    def finish(
        self,
        config: MkDocsConfig,
        *,
        hand_written: list[Problem],
        editor_code: dict[str, str | Path],
        allow_hosts: Iterable[str],
    ) -> list[Unsafe]:
        """Fail a build on hand-written pages holding what they may not, or on markup that
        could run script or call another host; then swap the new site in. Returns what the
        scan found while serving (the preview withdraws those pages)."""
        if hand_written and not self.serving:
            raise PluginError(
                f"hand-written pages hold markup they may not:\n{ContentError(hand_written)}"
            )
        scripts = known_scripts(config.theme.dirs, editor_code)
        if self.pipeline:  # the caller scans, once: hand it what the net needs
            Manifest(
                pages=self.expected,
                template_dirs=[str(d) for d in config.theme.dirs],
                scripts=scripts_of(scripts),
                allow_hosts=list(allow_hosts),
                site_url=config.site_url or "",
            ).write(Path(self.pipeline))
            log.info("the safety net is left to site-gen build, which scans this site once")
            return []
        url = urlsplit(config.site_url or "")
        found = scan_site(
            Path(config.site_dir),
            theme_scripts(Path(d) for d in config.theme.dirs),
            url.path or "/",
            since_ns=self.since,
            allow_hosts=allow_hosts,
            site_host=url.hostname,
            scripts=scripts,
        )
        if found:
            message = unsafe_message(found, site_kept=self.staging is not None)
            if self.serving:
                log.error("%s", message)
                return found
            raise PluginError(message)
        if (page_list := os.environ.get(PAGE_LIST_ENV)) and not self.serving:
            write_page_list(Path(page_list), self.expected)
        if self.staging and self.staging.publish():
            self.staging = None
        return []

    def discard(self) -> None:
        if self.staging:
            self.staging.discard()
            self.staging = None


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


def engine_loggers() -> list[str]:
    """The loggers whose warnings `--strict` counts: "mkdocs", and the running engine's own.
    ProperDocs logs on "properdocs" and makes "mkdocs" a child of it; it also serves its
    modules under the `mkdocs` names, so the module `PluginError` really lives in names it."""
    engine = PluginError.__module__.partition(".")[0]
    return sorted({"mkdocs", engine})


def merge_search_entries(config: MkDocsConfig, urls: set[str]) -> None:
    """A dirty rebuild indexes only the pages it rebuilt. Material merges them into the last
    index assuming one page (and drops everything when it is the home page, whose location
    '' prefixes all): merge page by page here instead, keeping only the pages that still
    exist (`urls`), and leave it nothing to merge."""
    search = config.plugins.get("material/search")
    index, prev = getattr(search, "search_index", None), getattr(search, "search_index_prev", None)
    if search is None or index is None or prev is None:
        return
    rebuilt = {entry["location"].split("#")[0] for entry in index.entries}
    kept = [
        e
        for e in prev.entries
        if (page := e["location"].split("#")[0]) not in rebuilt and page in urls
    ]
    index.entries = kept + index.entries
    search.search_index_prev = None


def accurate_dirty_builds(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that a dirty build makes navigation and links inaccurate: the
    plugin rebuilds the navigation and every page whose Markdown changed, deletes the pages
    that went away and merges the search index, so the preview is what a build makes."""
    return not record.getMessage().startswith(DIRTY_WARNING)


def open_content(config: MkDocsConfig, root: Path, empty_folder: Callable[[], str] | None) -> None:
    """Name the site by its content (escaped once: the theme prints the name both raw and
    through `| e`). MkDocs follows links (one to a parent folder loops): a content folder
    holding links is read no further; a build fails, and the preview (`empty_folder`) shows
    the problems from an empty folder."""
    links = content_links(Path(config.docs_dir))
    if Path(config.docs_dir).resolve() != root.resolve():
        links += content_links(root)
    if links and not empty_folder:
        raise PluginError(f"the content has problems:\n{ContentError(links)}")
    if links and empty_folder:
        config.docs_dir = empty_folder()
    elif explainer := read_explainer(root):
        config.site_name = escape(explainer.title)
        if explainer.description:
            config.site_description = escape(explainer.description)
        config.theme["language"] = theme_language(config, explainer.language)


def content_files(files: Files, config: MkDocsConfig) -> tuple[Files, list[str], list[str]]:
    """The files that may reach the site (never the YAML, nor a file of a kind a browser may
    run: `published`), the hand-written pages among them, and all of the content folder's."""
    docs = os.path.join(os.path.abspath(config.docs_dir), "")
    # A new list: removing 12,500 files one by one from MkDocs' list takes part of a save.
    files = Files([f for f in files if published(f, docs)])
    written = sorted(f.src_uri for f in files.documentation_pages())
    static = [f.src_uri for f in files if (f.abs_src_path or "").startswith(docs)]
    return files, written, static


def published(file: File, docs: str) -> bool:
    """Whether a file MkDocs found may reach the site: the theme's files, the content folder's
    pages up to the size limit, and its files of inert kinds that are what their name says
    (`published.py`); never a link or a pipe."""
    src = file.abs_src_path or ""
    if not src.startswith(docs):
        return True
    page = file.is_documentation_page()
    if not page and not publishable(file.src_uri):
        return False
    try:
        st = os.lstat(src)  # never a pipe for the engine to block on, nor a link to follow
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if page:
        return st.st_size <= PAGE_LIMIT
    return file_kind_problem(Path(src), Path(src).suffix.lower()) is None


def add_files(files: Files, config: MkDocsConfig, found: Mapping[str, str | Path]) -> None:
    """Files made by the adapter (text) or found on disk (a path), into the site."""
    for path, source in found.items():
        if isinstance(source, Path):
            files.append(File.generated(config, path, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, path, content=source))


def add_editor(
    files: Files, config: MkDocsConfig, root: Path, options: ExplainerConfig, *, serving: bool
) -> dict[str, str | Path]:
    """The browser editor at /admin/, configured from the models, when npm installed it:
    its files (its scripts are the only ones besides the theme's that pages may load). A
    built site carries it only with `editor_repo` (Decap's GitHub backend), never pointing at
    the local proxy: editors edit on GitHub, or in `make edit`'s preview."""
    if not serving and not options.editor_repo:
        log.info(
            "the browser editor (/admin/) is left out of a built site: `make edit` runs it "
            "on this machine; set editor_repo to publish it against GitHub"
        )
        return {}
    project = Path(config.config_file_path or ".").resolve().parent
    settings = cms_config(
        Path(os.path.relpath(root.resolve(), project)).as_posix(),
        repo=options.editor_repo,
        branch=options.editor_branch,
        editorial_workflow=options.editor_workflow,
        auth_url=options.editor_auth_url,
        auth_endpoint=options.editor_auth_endpoint,
        site_domain=options.editor_site_domain,
        proxy_url=os.environ.get(PROXY_ENV) or options.editor_proxy,
    )
    if not serving:
        settings.pop("local_backend", None)
    found = editor_files(project, settings)
    if not found:
        log.info("the browser editor (/admin/) is left out: run `npm ci` to install it")
    add_files(files, config, found)
    return found


def add_pages(
    files: Files,
    config: MkDocsConfig,
    pages: Mapping[str, str],
    nav: list,
    page_file: Callable[[MkDocsConfig, str, str, InclusionLevel], File] | None = None,
) -> None:
    """The generated pages into the site, those the navigation leaves out as not in it;
    each made by `page_file` when given (the preview's store)."""
    in_nav = set(nav_paths(nav))
    for path, text in pages.items():
        shown = InclusionLevel.UNDEFINED if path in in_nav else InclusionLevel.NOT_IN_NAV
        if page_file:
            files.append(page_file(config, path, text, shown))
        else:
            files.append(File.generated(config, path, content=text, inclusion=shown))


class ActiveSection:
    """An issue, actor or period page is not listed in the navigation (see `navigation`):
    its section's page is marked active while it renders, so that its tab shows as current."""

    def __init__(self) -> None:
        self._lit: Page | None = None

    def light(self, page: Page, nav: Navigation) -> None:
        listed = {p.file.src_uri: p for p in nav.pages}
        if (up := section_of(page.file.src_uri, set(listed))) is not None:
            self._lit = listed[up]
            self._lit.active = True

    def dim(self) -> None:
        if self._lit is not None:
            self._lit.active, self._lit = False, None


def template_overrides(config: MkDocsConfig) -> Path | None:
    """The site's overrides of the generated blocks' templates: the `explainer/` folder of the
    theme's `custom_dir`, if there is one."""
    custom = config.theme.custom_dir
    folder = Path(custom) / "explainer" if custom else None
    return folder if folder and folder.is_dir() else None


def theme_language(config: MkDocsConfig, language: str) -> str:
    """The theme's translation closest to `language` (`en-GB` -> `en`); `en` when it has none."""
    for candidate in (language, language.split("-")[0]):
        if any(
            (Path(d) / "partials" / "languages" / f"{candidate}.html").is_file()
            for d in config.theme.dirs
        ):
            return candidate
    log.info("the theme has no labels in '%s'; its own labels stay in English", language)
    return "en"


def nav_paths(nav: list) -> Iterator[str]:
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from nav_paths(value) if isinstance(value, list) else [value]


def write_page_list(path: Path, pages: list[str]) -> None:
    """The list for `site-gen scan --pages`, into a new file only (`make build` removes the
    last one first): never over a file or folder someone else named by mistake."""
    try:
        with path.open("x", encoding="utf-8") as f:
            f.write("".join(f"{p}\n" for p in pages))
    except FileExistsError:
        raise PluginError(
            f"{PAGE_LIST_ENV}={path}: that file or folder exists; the page list is written "
            "only to a new file (make build removes build/pages.txt first)"
        ) from None
    except OSError as e:
        raise PluginError(
            f"{PAGE_LIST_ENV}={path}: cannot write the page list: {e.strerror}"
        ) from None
