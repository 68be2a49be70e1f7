"""Readers beyond the site, for one build: each page's share card (`og:image`) and each
issue's embeddable card with its copy-ready code. No MkDocs: the plugin hands in the facts,
the pages and its settings, and adds what comes back.

The cards are drawn into the project's build/cache/cards/ (`card_cache.CardCache`), so a build or a
save of the preview draws only the cards whose facts changed; the site publishes them under
assets/cards/. Without `site_url` there is no absolute address for `og:image`: no card is
drawn, no tag is written, and the build says so (a warning that never fails a build: it is
about where the site is served, not about its facts, so `block_on_warnings` does not apply).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_gen import card_cache, draw
from site_gen.model import Content
from site_gen.render import cards as spec
from site_gen.render import embed, templating
from site_gen.render.base import Renderer

NO_SITE_URL = (
    "warning: share cards (og:image) and the embed code need the site's address: set site_url in "
    "mkdocs.yml (or SITE_URL for make build); this build has neither"
)
CACHE = Path("build") / "cache" / "cards"
"""The card cache, under the project's folder."""


@dataclass
class Shared:
    """What a build adds for sharing."""

    files: dict[str, Path] = field(default_factory=dict)
    """The card PNGs by their path in the site, each a file of the cache."""
    embeds: dict[str, str] = field(default_factory=dict)
    """The embed pages (whole HTML) by their path in the site."""
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    """By page (its Markdown path): `image`, `alt` (the card), `embed`, `code` (issues)."""
    warnings: list[str] = field(default_factory=list)


Share = Callable[[Content, Mapping[str, str], list[str], Renderer | None], "Shared"]
"""What makes a build's share cards and embed pages: `Sharer.share` with the site's settings,
given the content, its pages, the hand-written ones and the renderer of the pages."""


class Sharer:
    """What sharing keeps from one build to the next, for the preview's saves: each issue's
    embed page with the very facts it was made from (the loader hands back unchanged facts as
    the same objects, so only those that changed are rendered again), and one card cache per
    folder (what it has seen on disk). The plugin holds one for its life; a build, one."""

    def __init__(self) -> None:
        self.embeds: dict[str, tuple[tuple[object, ...], str]] = {}
        self.caches: dict[Path, card_cache.CardCache] = {}

    def share(
        self,
        content: Content,
        pages: Mapping[str, str],
        written: Iterable[str],
        renderer: Renderer | None = None,
        *,
        site_url: str | None,
        config_file: str | None,
        theme_dirs: Iterable[Path | str],
        templates: Path | None,
        extra_css: Iterable[str] = (),
        cards: bool = True,
        embeds: bool = True,
    ) -> Shared:
        """The cards of `pages` (generated Markdown by path) and of the `written` pages, the
        embed page of each issue and its code for the issue page, rendered by the `renderer`
        of the pages when given. The card cache is under the folder of `config_file`
        (mkdocs.yml)."""
        out = Shared()
        project = Path(config_file or ".").resolve().parent
        theme_dirs = list(theme_dirs)
        if embeds:
            page_head = head(content, theme_dirs, extra_css)
            out.embeds = self.embed_pages(content, page_head, templates, renderer)
        if not (cards or embeds):
            return out
        if not site_url:
            out.warnings.append(NO_SITE_URL)
            return out
        base = site_url if site_url.endswith("/") else site_url + "/"
        if embeds:
            script = base + "assets/embed-host.js"
            for issue in content.issues.values():
                url = base + f"{embed.FOLDER}/{issue.id}/"
                title = f"{issue.title} ({content.explainer.title})"
                out.pages[f"issues/{issue.id}.md"] = {
                    "embed": url,
                    "code": embed.embed_code(url, title, script),
                }
        if not cards:
            return out
        style, problems = draw.load_style(templates)
        out.warnings += problems
        fonts = draw.find_fonts(theme_dirs)
        cache = self.cache(project / CACHE)
        every = spec.cards(content, pages, written)
        for (path, card), file in zip(
            every.items(), cache.paths(every.values(), style, fonts), strict=True
        ):
            site_path = spec.card_path(path)
            out.files[site_path] = file
            entry = out.pages.setdefault(path, {})
            entry["image"] = base + site_path
            entry["alt"] = spec.alt(card)
        return out

    def embed_pages(
        self,
        content: Content,
        head: embed.Head,
        templates: Path | None = None,
        renderer: Renderer | None = None,
    ) -> dict[str, str]:
        """Every issue's embed page by its path in the site, rendering only those whose facts
        changed since the last call, with `renderer` (that of the site's pages) when given."""
        env = templating.environment(templates)
        r = renderer  # else made only when a page must be: it orders every fact
        pages = {}
        for issue in content.issues.values():
            deps = (*_embed_deps(content, issue.id), env, head)
            known = self.embeds.get(issue.id)
            if (
                known is None
                or len(known[0]) != len(deps)
                or any(a is not b for a, b in zip(known[0], deps, strict=True))
            ):
                r = r or Renderer(content, templates)
                known = (deps, embed.embed_page(r, issue, head))
                self.embeds[issue.id] = known
            pages[embed.embed_path(issue.id)] = known[1]
        return pages

    def cache(self, folder: Path) -> card_cache.CardCache:
        """The card cache of `folder`, one per folder."""
        if folder not in self.caches:
            self.caches[folder] = card_cache.CardCache(folder)
        return self.caches[folder]


def head(
    content: Content, theme_dirs: Iterable[Path | str], extra_css: Iterable[str]
) -> embed.Head:
    """The embed pages' head: Material's stylesheets as this theme has them, the site's own
    (`extra_css`), then the embed's."""
    material: list[str] = []
    for folder in theme_dirs:
        for name in ("main", "palette"):
            found = sorted((Path(folder) / "assets" / "stylesheets").glob(f"{name}.*.min.css"))
            material += [f"assets/stylesheets/{f.name}" for f in found[:1]]
        if material:
            break
    styles = (*material, *extra_css, EMBED_CSS)
    return embed.Head(
        site=content.explainer.title,
        styles=tuple(dict.fromkeys(styles)),
        favicon=FAVICON,
        language=content.explainer.language,
    )


EMBED_CSS = "assets/embed.css"
FAVICON = "assets/images/favicon.png"


def _embed_deps(content: Content, issue_id: str) -> tuple[object, ...]:
    """The facts an issue's embed page reads: the explainer, the issue, the actors in its
    positions and the principals (with those they belong to), the sources it cites."""
    issue = content.issues[issue_id]
    actors = {*content.explainer.principals, *(p.actor for p in issue.positions)}
    for a in list(actors):
        while (parent := content.actors[a].affiliation if a in content.actors else None) and (
            parent not in actors
        ):
            actors.add(parent)
            a = parent
    sources = {s for p in issue.positions for s in p.sources}
    sources |= {s for h in issue.status_history for s in h.sources}
    sources |= {q.source for p in issue.positions for q in p.quotes}
    return (
        content.explainer,
        issue,
        *(content.actors.get(a) for a in sorted(actors)),
        *(content.sources.get(s) for s in sorted(sources)),
    )
