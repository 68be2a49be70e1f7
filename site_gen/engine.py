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
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from site_gen.built import PAGE_LIST_ENV
from site_gen.pipeline import remove_stale, swap
from site_gen.published import PAGE_LIMIT, file_kind_problem, publishable

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
