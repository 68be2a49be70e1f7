"""The live preview (`mkdocs serve`, `LivePreview`): what it keeps from one save to the next,
the store of generated pages (rewritten only when their Markdown changes, so that `--dirty`
rebuilds only those), the pages shown while the content has problems, the banner on every
served page, and what replaces a page the safety net refused."""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from site_gen import preview
from site_gen.engine import accurate_dirty_builds, inject_into_served_pages, merge_search_entries
from site_gen.errors import ContentError, Problem, format_problems
from site_gen.load import FileCache
from site_gen.render import PageCache
from site_gen.safety import Unsafe

log = logging.getLogger("mkdocs.plugins.explainer")


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


class PreviewBuild:
    """`site-gen build --show-problems` (a pull request's preview): content with problems
    builds, its pages showing them as the live preview does (every page the problems page on
    errors; with warnings, the real pages under the banner), written into the built files
    since no server adds the banner. Never for the published site."""

    def __init__(self) -> None:
        self.located: list[preview.Located] = []
        """The problems (and warnings) every page shows, with their lines."""

    def failed(self, error: ContentError, root: Path, written: list[str]) -> tuple[dict, list]:
        """The pages and navigation to show while the content has errors: pages of the
        problems, under a banner of the errors and the warnings."""
        log.error("the content has problems:\n%s", error)
        self.located = preview.locate([*error.problems, *error.warnings])
        return problem_pages(root, self.located, written)

    def built(self, pages: dict[str, str], nav: list, warnings: list[Problem]) -> None:
        self.located = preview.locate(warnings)

    def refused(self, problems: list[Problem]) -> str:
        """What a hand-written page with problems shows in its place."""
        log.error("%s", format_problems(problems))
        return problems_html([str(p) for p in problems])

    def with_banner(self, output: str, page_url: str) -> str:
        """The page with the banner, linking to /problems/ relatively (any sub-path)."""
        if not self.located:
            return output
        url = "../" * page_url.count("/") + preview.PROBLEMS_PAGE.removesuffix(".md") + "/"
        banner = preview.banner(self.located, url)
        return preview.with_banner(output.encode("utf-8"), banner).decode("utf-8")


class LivePreview(PreviewBuild):
    """What `mkdocs serve` adds to a build, and keeps from one save to the next: the parsed
    files and rendered pages (only what a save changed is read or rendered again), the pages
    as files (`--dirty` rebuilds only those whose Markdown changed), the last good pages
    (served while the content has errors), and the problems every served page shows (added
    as pages are served, not written into them as a `PreviewBuild` does)."""

    def __init__(self, *, dirty: bool) -> None:
        super().__init__()
        self.dirty = dirty
        self.files: FileCache = {}
        self.pages = PageCache()
        """The pages with what each read: a save renders again only those it changed."""
        self.store = PageStore(Path(tempfile.mkdtemp(prefix="site-gen-pages-")))
        self.statics = PageStore(Path(tempfile.mkdtemp(prefix="site-gen-static-")))
        """Generated static files (the embed cards), each rewritten only when it changed."""
        self.last_good: tuple[dict[str, str], list] | None = None
        """The pages and navigation of the last content without errors (never a blank page)."""
        self.empty_docs: Path | None = None
        """While the content folder holds links, what MkDocs walks instead."""
        self.page_dests: dict[str, str] = {}
        """Every page's URL and built file, as of the last build (for `--dirty`)."""
        self.shared: str | None = None
        """What every page shows around its text, as of the last build."""
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(accurate_dirty_builds)

    def close(self) -> None:
        stores = (self.store.root, self.store.bytecode, self.statics.root, self.statics.bytecode)
        for folder in (*stores, self.empty_docs):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        logging.getLogger("mkdocs.commands.build").removeFilter(accurate_dirty_builds)

    def empty_folder(self) -> str:
        """A folder with nothing in it, for MkDocs to walk instead of one holding links."""
        if self.empty_docs is None:
            self.empty_docs = Path(tempfile.mkdtemp(prefix="site-gen-empty-"))
        return str(self.empty_docs)

    def failed(self, error: ContentError, root: Path, written: list[str]) -> tuple[dict, list]:
        """The last good pages and navigation while the content has errors, else pages of
        the problems; under a banner of the errors and the warnings either way."""
        problems = super().failed(error, root, written)
        if self.last_good:
            return dict(self.last_good[0]), list(self.last_good[1])
        return problems

    def built(self, pages: dict[str, str], nav: list, warnings: list[Problem]) -> None:
        super().built(pages, nav, warnings)
        self.last_good = (dict(pages), list(nav))

    def page_file(
        self, config: MkDocsConfig, path: str, markdown: str, inclusion: InclusionLevel
    ) -> File:
        """A generated page as a file of the store: MkDocs' `--dirty` rebuilds a page only
        when its source is newer than its HTML, and the store rewrites only changed pages."""
        source = str(self.store.put(path, markdown))
        return File.generated(config, path, abs_src_path=source, inclusion=inclusion)

    def static_files(self, texts: Mapping[str, str]) -> dict[str, Path]:
        """Generated static files as files of their own store: MkDocs' `--dirty` copies a
        file only when its source is newer than the copy (text it copies every time), so a
        save copies only the embed cards it changed."""
        return {path: self.statics.put(path, text) for path, text in texts.items()}

    @staticmethod
    def withdraw(site: Path, found: list[Unsafe]) -> None:
        """A page the net found unsafe is replaced by the list of what it found."""
        withdraw(site, found)

    def after_files(self, files: Files, config: MkDocsConfig, written: list[str]) -> None:
        """Under `--dirty`: delete the HTML of pages that went away (an actor file deleted),
        so that the preview answers 404 as the site will; and build every page again when
        what every page shows around its text changed (name, footer, navigation, language,
        the hand-written pages), so that the preview equals a full build."""
        if not self.dirty:
            return
        # As search locations have them: the home page is "", not "./".
        dests = {f.url.removeprefix("./"): f.abs_dest_path for f in files.documentation_pages()}
        for url in self.page_dests.keys() - dests.keys():
            Path(self.page_dests[url]).unlink(missing_ok=True)
        self.page_dests = dests
        around = (config.site_name, config.site_description, config.theme["language"])
        shared = repr((*map(str, around), config.extra.get("explainer"), config.nav, written))
        if self.shared is not None and shared != self.shared:
            for f in files.documentation_pages():
                Path(f.abs_dest_path).unlink(missing_ok=True)
        self.shared = shared

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        # MkDocs makes the theme's templates anew for each rebuild: compiled once, they load
        # from bytecode after that (keyed by each template's source).
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.store.bytecode))
        return env

    def merge_search_index(self, config: MkDocsConfig) -> None:
        if self.dirty:
            merge_search_entries(config, set(self.page_dests))

    def serve(self, server, root: Path):  # noqa: ANN001, ANN201
        """Watch the content folder (also when MkDocs was handed an empty one instead) and
        add the banner as each page is served, not built: under `--dirty` a save that breaks
        the content rebuilds no page, and the built files never carry it."""
        server.watch(str(root))
        url = server.mount_path + preview.PROBLEMS_PAGE.removesuffix(".md") + "/"

        def with_banner(content: bytes) -> bytes:
            return preview.with_banner(content, preview.banner(self.located, url))

        return inject_into_served_pages(server, with_banner)
