"""Facts -> {path: Markdown} for every page of the explainer, and the navigation. Pure: no
I/O, no MkDocs.

`render_site` is the one entry point: it plans the pages (`page_plan`: each path with the
function that renders it), renders them, then applies what runs across pages (glossary terms,
feed links). The page modules (home, issues, matrix, timeline, actors, sources, changes,
glossary) read the facts only through the `Renderer` they are given.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from site_gen.facts import counted
from site_gen.model import Content
from site_gen.render import (
    actors,
    changes,
    data,
    data_page,
    feeds,
    glossary,
    issues,
    matrix,
    sources,
    templating,
    timeline,
    trace,
    trust,
)
from site_gen.render import (
    home as _home,
)
from site_gen.render.base import Renderer, RenderMemo
from site_gen.render.terms import mark_pages

Nav = list[str | dict[str, "Nav | str"]]


@dataclass(frozen=True)
class Site:
    """The generated pages, by path under the docs folder, and the navigation for them."""

    pages: dict[str, str]
    nav: Nav
    files: dict[str, str] = field(default_factory=dict)
    """Other files by path under the site root: open data and feeds."""
    renderer: Renderer | None = field(default=None, compare=False, repr=False)
    """What rendered them, with every fact it ordered and derived: for other pages made from
    the same content (the embed cards), so that nothing is ordered twice."""


class PageCache:
    """The pages of the last render, each with what it read (see `trace`): given to
    `render_site`, it renders again only the pages whose reads now find other values. The live
    preview keeps one across saves."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] = ()
        self.pages: dict[str, tuple[tuple[object, ...], trace.Reads, str]] = {}
        """Each page's path -> (the arguments it was rendered with, its reads, its Markdown)."""
        self.rendered: list[str] = []
        """The pages the last render rendered again (the others were kept)."""
        self.memo = RenderMemo()
        """The renderer's conversions, kept across saves too."""


def render_site(
    content: Content,
    *,
    home: bool = True,
    extra_pages: tuple[str, ...] = (),
    site_url: str | None = None,
    data_files: bool = True,
    templates: Path | None = None,
    cache: PageCache | None = None,
) -> Site:
    """Every page for the content. `home=False` when the editors wrote their own index.md;
    `extra_pages` are their other hand-written pages, added to the navigation; `site_url`
    makes the feeds' links absolute; `data_files=False` leaves out the open data and feeds
    (the live preview, which shows pages); `templates` is a folder whose templates override the
    packaged ones of the same name; with a `cache`, only the pages whose facts changed since
    the render that filled it are rendered again."""
    r = Renderer(content, templates, cache.memo if cache else None)
    if cache is None:
        plan = page_plan(r, home=home)
        pages = {path: make() for path, make in plan.items()}
        names: dict[str, str] = r.derived["fact_terms"]  # type: ignore[assignment]
        tooltips = {t: d for t, d in content.glossary.items() if t not in names}
        pages = feeds.with_feed_links(mark_pages(pages, tooltips), content)
    else:
        pages = _render_changed(r, cache, home=home, templates=templates)
    files = {}
    if data_files:
        files.update(data.render_data(content, r.all_changes))
        files.update(feeds.render_feeds(content, site_url, r.event_page, r.all_changes))
    return Site(pages=pages, nav=navigation(content, extra_pages), files=files, renderer=r)


def _render_changed(
    r: Renderer, cache: PageCache, *, home: bool, templates: Path | None
) -> dict[str, str]:
    """The pages, each kept from `cache` when its arguments and reads are unchanged, else
    rendered (with its glossary terms and feed links) while its reads are recorded."""
    state = r.track()
    key = (home, r.env)  # a new environment when a template override changed
    if key != cache.key:
        cache.key, cache.pages = key, {}
    plan = page_plan(r, home=home)
    pages, kept, cache.rendered = {}, cache.pages, []
    cache.pages = {}
    for path, make in plan.items():
        args = _arguments(make)
        old = kept.get(path)
        if old is not None and old[0] == args and trace.unchanged(old[1], state):
            cache.pages[path] = old
            pages[path] = old[2]
            continue
        text, reads = r.recorder.page(functools.partial(_finished, r, path, make))
        cache.pages[path] = (args, reads, text)
        pages[path] = text
        cache.rendered.append(path)
    return pages


def _finished(r: Renderer, path: str, make: Callable[[], str]) -> str:
    """One page as `render_site` gives it: glossary terms marked, feed links added."""
    names: dict[str, str] = r.derived["fact_terms"]  # type: ignore[assignment]
    tooltips = {t: d for t, d in r.c.glossary.items() if t not in names}
    pages = mark_pages({path: make()}, tooltips)
    return feeds.with_feed_links(pages, r.c)[path]


def _arguments(make: Callable[[], str]) -> tuple[object, ...]:
    """What a planned page is rendered from besides the renderer's state (whose reads are
    recorded): the function and its other arguments; for a callable of another kind, a
    value equal to no other, so that the page is always rendered again."""
    if not isinstance(make, functools.partial):
        return (object(),)
    args = tuple(a for a in make.args if not isinstance(a, (Renderer, trace.TrackedContent)))
    return (make.func, args, tuple(sorted(make.keywords.items())))


def page_plan(r: Renderer, *, home: bool = True) -> dict[str, Callable[[], str]]:
    """Every generated page's path, in the site's order, with the function (no arguments)
    that renders its Markdown, before the glossary terms and feed links are added."""
    c = r.c
    plan: dict[str, Callable[[], str]] = {}
    if home:
        plan["index.md"] = functools.partial(_home.home, r)
    plan["issues/index.md"] = functools.partial(issues.issues_index, r)
    for issue in r.issues:
        plan[f"issues/{issue.id}.md"] = functools.partial(issues.issue, r, issue)
    for path in r.matrix_pages:
        plan[path] = functools.partial(matrix.positions, r, path)
    for path in r.timeline_pages:
        plan[path] = functools.partial(timeline.timeline, r, path)
    if "timeline.md" not in plan:
        plan["timeline.md"] = functools.partial(timeline.timeline_index, r)
    for path in r.change_pages:
        plan[path] = functools.partial(changes.changes, r, path)
    plan["actors/index.md"] = functools.partial(actors.actors_index, r)
    for actor in c.actors.values():
        plan[f"actors/{actor.id}.md"] = functools.partial(actors.actor, r, actor)
    plan.update(sources.source_plan(r))
    # The format reference is for reusers, linked from the footer: not a tab, not in search.
    plan[data.PAGE] = functools.partial(_data_page, r)
    plan[trust.PAGE] = functools.partial(
        trust.corrections_page, c, r.env, r.front(trust.TITLE, trust.DESCRIPTION)
    )
    if c.glossary:
        plan["glossary.md"] = functools.partial(glossary.glossary, r)
    return plan


def navigation(content: Content, extra_pages: tuple[str, ...] = ()) -> Nav:
    """The navigation: the index pages, then the editors' own pages."""
    # Index pages only: every page prints the whole navigation, so listing each issue, actor
    # and year would make every page grow with the content (and the build with its square).
    nav: Nav = [
        {"Home": "index.md"},
        {"Issues": "issues/index.md"},
        {"Positions": "positions.md"},
        {"Timeline": "timeline.md"},
        {"Changes": "changes.md"},
        {"Actors": "actors/index.md"},
        {"Sources": "sources.md"},
    ]
    if content.glossary:
        nav.append({"Glossary": "glossary.md"})
    nav += [p for p in extra_pages if p != "index.md"]
    return nav


def render_problems(problems: list[str], templates: Path | None = None) -> str:
    """The page shown by the live preview while the content has problems."""
    env = templating.environment(templates)
    count = counted(len(problems), "problem")
    block = templating.block(env, "problems.html", count=count, problems=problems)
    return f"---\nsearch:\n  exclude: true\n---\n\n# The content has problems\n\n{block}\n"


def _data_page(r: Renderer) -> str:
    no_search = "search:\n  exclude: true"
    return r.front(data.TITLE, data.DESCRIPTION, no_search) + data_page.page(r.c, r.env)


def section_of(path: str, listed: set[str]) -> str | None:
    """The page of the navigation a page not listed in it belongs to, by its folder:
    `issues/donbas.md` -> `issues/index.md`, `timeline/2025.md` -> `timeline.md`; None for a
    listed page or one of no listed folder. Its tab is the one shown as current."""
    if path in listed or "/" not in path:
        return None
    folder = path.split("/", 1)[0]
    for candidate in (f"{folder}/index.md", f"{folder}.md"):
        if candidate in listed:
            return candidate
    return None
