"""Facts -> {path: Markdown} for every page of the explainer. Pure: no I/O, no MkDocs.

Pages are Markdown headings (for any generator's table of contents) around HTML blocks
(tables with header cells, `<time datetime>`, stable ids), so the output stays usable by
another Markdown site generator. Every text from YAML is escaped or sanitized here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.facts import counted
from site_gen.load import slug
from site_gen.model import Actor, Content, Event, Issue, Position, Quote
from site_gen.render import axis, data, feeds, templating, trust
from site_gen.render.meta import issue_article, script_json
from site_gen.render.terms import mark_pages
from site_gen.render.text import MarkdownRenderer, esc, href, plain, table, yaml_str

STATUS = {
    "open": "Open",
    "narrowing": "Narrowing",
    "agreed": "Agreed",
    "deadlocked": "Deadlocked",
}
# "Flexible", not "Open": the status of an issue is "Open", and one word means one thing.
FLEXIBILITY = {"red-line": "Red line", "firm": "Firm", "open": "Flexible", "unclear": "Unclear"}
STAND_WORDS = {"supports": "Supports", "rejects": "Rejects", "stated": "Says", "none": "No stand"}
"""The word of each kind of stand (`facts.PrincipalStand.kind`); the shape comes from CSS."""
KIND_PLURAL = {
    "state": "States",
    "organization": "Organizations",
    "group": "Groups",
    "person": "People",
}
LATEST_EVENTS = 5
LATEST_CHANGES = 3
"""How many changes the "Latest changes" box of an issue or actor page lists."""
PAGE_ITEMS = 100
"""Past this many events the timeline splits into a page per year, and a year past it into a
page per month; the changes page shows this many and files the older ones the same way. So
no page grows with the whole history."""

Nav = list[str | dict[str, "Nav | str"]]
T = TypeVar("T")


@dataclass(frozen=True)
class Site:
    """The generated pages, by path under the docs folder, and the navigation for them."""

    pages: dict[str, str]
    nav: Nav
    files: dict[str, str] = field(default_factory=dict)
    """Other files by path under the site root: open data and feeds."""


def render_site(
    content: Content,
    *,
    home: bool = True,
    extra_pages: tuple[str, ...] = (),
    site_url: str | None = None,
    data_files: bool = True,
    templates: Path | None = None,
) -> Site:
    """Every page for the content. `home=False` when the editors wrote their own index.md;
    `extra_pages` are their other hand-written pages, added to the navigation; `site_url`
    makes the feeds' links absolute; `data_files=False` leaves out the open data and feeds
    (the live preview, which shows pages); `templates` is a folder whose templates override the
    packaged ones of the same name."""
    r = _Renderer(content, templates)
    pages: dict[str, str] = {}
    if home:
        pages["index.md"] = r.home()
    pages["issues/index.md"] = r.issues_index()
    for issue in r.issues:
        pages[f"issues/{issue.id}.md"] = r.issue(issue)
    pages["positions.md"] = r.positions()
    for path in r.timeline_pages:
        pages[path] = r.timeline(path)
    if "timeline.md" not in pages:
        pages["timeline.md"] = r.timeline_index()
    for path in r.change_pages:
        pages[path] = r.changes(path)
    pages["actors/index.md"] = r.actors_index()
    for actor in content.actors.values():
        pages[f"actors/{actor.id}.md"] = r.actor(actor)
    pages.update(r.sources())
    # The format reference is for reusers, linked from the footer: not a tab, not in search.
    no_search = "search:\n  exclude: true"
    pages[data.PAGE] = r.front(data.TITLE, data.DESCRIPTION, no_search) + data.page(content)
    pages[trust.PAGE] = trust.corrections_page(
        content, r.env, r.front(trust.TITLE, trust.DESCRIPTION)
    )
    if content.glossary:
        pages["glossary.md"] = r.glossary()
    pages = mark_pages(pages, content.glossary)
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
    files = {}
    if data_files:
        files.update(data.render_data(content, r.all_changes))
        files.update(feeds.render_feeds(content, site_url, r.event_page, r.all_changes))
    return Site(pages=feeds.with_feed_links(pages, content), nav=nav, files=files)


def render_problems(problems: list[str], templates: Path | None = None) -> str:
    """The page shown by the live preview while the content has problems."""
    env = templating.environment(templates)
    count = counted(len(problems), "problem")
    block = templating.block(env, "problems.html", count=count, problems=problems)
    return f"---\nsearch:\n  exclude: true\n---\n\n# The content has problems\n\n{block}\n"


@dataclass
class _Citations:
    """The sources cited on one page, numbered in order of first citation."""

    numbers: dict[str, int] = field(default_factory=dict)

    def cite(self, source_ids: tuple[str, ...] | list[str]) -> str:
        links = []
        for sid in source_ids:
            n = self.numbers.setdefault(sid, len(self.numbers) + 1)
            links.append(f'<a class="xp-cite" href="#cite-{n}" aria-label="Source {n}">[{n}]</a>')
        return "".join(links)


class _Renderer:
    def __init__(self, content: Content, templates: Path | None = None) -> None:
        self.c = content
        self.env = templating.environment(templates)
        self.markdown = MarkdownRenderer(self._resolve)
        self.stands = {id: facts.stands(issue) for id, issue in content.issues.items()}
        self.grounds: dict[str, facts.CommonGround] = {}
        self.stands_of: dict[str, list[tuple[Issue, facts.Stand]]] = {}
        # Orders and indexes computed once, so each page costs its own size, not the site's.
        self.events = facts.events_in_order(content)
        self.issues = facts.issues_in_order(content)
        self.events_of: dict[str, list[Event]] = {}
        for e in self.events:
            for ref in dict.fromkeys((*e.issues, *e.actors)):
                self.events_of.setdefault(ref, []).append(e)
        self.quotes_of = facts.quotes_by_author(self.issues, self.events)
        for issue in self.issues:
            for stand in self.stands[issue.id]:
                self.stands_of.setdefault(stand.current.actor, []).append((issue, stand))
        self.timeline_pages = timeline_pages(self.events)
        self.event_page = {e.id: path for path, es in self.timeline_pages.items() for e in es}
        self.all_changes = facts.changes(content)
        # The changes pages list real changes and first statements; events are on the timeline.
        listed = [c for c in self.all_changes if c.nature in ("changed", "first")]
        self.change_pages = change_pages(listed)
        self.change_page = {c.id: path for path, cs in self.change_pages.items() for c in cs}
        self.changes_of: dict[str, list[facts.Change]] = {}
        for c in (c for c in listed if c.is_change):
            for ref in dict.fromkeys((*c.issues, *c.actors)):
                self.changes_of.setdefault(ref, []).append(c)

    # -- links and small pieces -----------------------------------------------------------

    def ground(self, issue: Issue) -> facts.CommonGround:
        """The issue's common ground, derived once for the pages that show it."""
        if issue.id not in self.grounds:
            self.grounds[issue.id] = facts.common_ground(self.c, issue)
        return self.grounds[issue.id]

    def inline(self, text: str, page: str) -> str:
        """Markdown as HTML without the paragraph around it, when it is one paragraph."""
        html = self.markdown(text, page)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[len("<p>") : -len("</p>")]
        return html

    def block(self, name: str, /, **context: object) -> str:
        """An HTML block from its template (`site_gen/render/templates/<name>`, or the site's
        override of it)."""
        return templating.block(self.env, name, **context)

    def _resolve(self, id: str) -> tuple[str, str, str]:
        if id in self.c.actors:
            return f"actors/{id}.md", "", self.c.actors[id].name
        if id in self.c.issues:
            return f"issues/{id}.md", "", self.c.issues[id].title
        return self.event_page[id], id, self.c.events[id].title

    def actor_link(self, page: str, id: str) -> str:
        return f'<a href="{href(page, f"actors/{id}.md")}">{esc(self.c.actors[id].name)}</a>'

    def issue_link(self, page: str, id: str, anchor: str = "") -> str:
        target = href(page, f"issues/{id}.md", anchor)
        return f'<a href="{target}">{esc(self.c.issues[id].title)}</a>'

    def event_link(self, page: str, event: Event) -> str:
        target = href(page, self.event_page[event.id], event.id)
        return f'<a href="{target}">{esc(event.title)}</a>'

    @staticmethod
    def time(date: PartialDate, *, short: bool = False) -> str:
        """A `<time>`; `short`: `19 Dec 2025` rather than `19 December 2025`."""
        return f'<time datetime="{date}">{date.short if short else date.label}</time>'

    @staticmethod
    def status(issue: Issue, status: str = "") -> str:
        """The badge of the issue's status (or of `status`, an earlier one)."""
        status = status or issue.status
        return f'<span class="xp-badge xp-status xp-status--{status}">{STATUS[status]}</span>'

    @staticmethod
    def flexibility(position: Position) -> str:
        """The flexibility badge, or nothing when the sources do not say."""
        if not position.flexibility:
            return ""
        label = FLEXIBILITY[position.flexibility]
        return f'<span class="xp-badge xp-flex xp-flex--{position.flexibility}">{label}</span>'

    def quote(self, page: str, quote: Quote, cites: _Citations, *, by: str | None = None) -> str:
        """A quote as a figure: the words, who said them, when, and the source number."""
        parts = []
        if by:
            parts.append(self.actor_link(page, by))
        if quote.date:
            parts.append(self.time(quote.date))
        return self.block(
            "quote.html",
            text=quote.text,
            attribution=Markup(", ".join(parts)),
            cite=Markup(cites.cite([quote.source])),
        )

    def source_item(self, sid: str, anchor: str, more: str = "") -> str:
        """A source as a list item: title (linked), publisher, date, then `more` (HTML)."""
        source = self.c.sources[sid]
        return self.block(
            "source.html",
            anchor=anchor,
            title=source.title,
            url=source.url,
            publisher=source.publisher,
            published=source.published,
            more=Markup(more),
        )

    def cited_sources(self, cites: _Citations) -> str:
        if not cites.numbers:
            return ""
        items = "\n".join(self.source_item(sid, f"cite-{n}") for sid, n in cites.numbers.items())
        return f'## Sources {{#sources}}\n\n<ol class="xp-sources">\n{items}\n</ol>\n'

    @staticmethod
    def front(
        title: str,
        description: str = "",
        extra: str = "",
        *,
        og_type: str = "website",
        jsonld: str = "",
        up: tuple[str, str, str] = ("", "", ""),
    ) -> str:
        """Front matter and the title; `up` is `(page, index page, its label)` for a page the
        navigation does not list, which then starts with a link to the index that does."""
        # Themes print these into <title>, <meta> and the navigation without escaping them.
        lines = ["---", f"title: {yaml_str(esc(title))}"]
        if description:
            lines.append(f"description: {yaml_str(esc(description))}")
        # Open Graph and JSON-LD for theme/partials/xp-meta.html, escaped here: the `og`
        # values for HTML attributes, `jsonld` by `script_json` for a <script> element.
        lines += ["og:", f"  type: {og_type}", f"  title: {yaml_str(esc(title))}"]
        if description:
            lines.append(f"  description: {yaml_str(esc(description))}")
        if jsonld:
            lines.append(f"jsonld: {yaml_str(jsonld)}")
        if extra:
            lines.append(extra)
        page, index, label = up
        crumb = (
            [f'<p class="xp-up"><a href="{href(page, index)}">{label}</a></p>', ""] if page else []
        )
        return "\n".join([*lines, "---", "", *crumb, f"# {_md_text(title)}", ""]) + "\n"

    def actors_in_order(self) -> list[Actor]:
        order = list(KIND_PLURAL)
        return sorted(
            self.c.actors.values(), key=lambda a: (order.index(a.kind), a.name.casefold())
        )

    @functools.cached_property
    def timeline_years(self) -> list[axis.Year]:
        return axis.years(
            self.timeline_pages, lambda path: p.date if (p := _period(path)) else None
        )

    def axis(self, page: str, events: list[Event]) -> str:
        """The timeline drawn (site_gen/render/axis.py): the overview of a split history, then
        the axis of the page's events."""
        strip = axis.overview(self.env, self.timeline_years, page, lambda to: href(page, to))
        drawn = axis.timeline_axis(self.env, events, lambda e: f"#{e.id}")
        return "".join(f"{block}\n" for block in (strip, drawn) if block)

    # -- pages ------------------------------------------------------------------------------

    def home(self) -> str:
        """Where things stand: the lede, key points, a row per issue with each principal's
        stand, what's next, the latest events."""
        page, ex, cites = "index.md", self.c.explainer, _Citations()
        description = _shorten(plain(ex.lede, self.c))
        out = [self.front(ex.title, description, "hide:\n  - navigation\n  - toc")]
        out.append(f'<div class="xp-lede">\n{self.markdown(ex.lede, page)}\n</div>\n')
        out.append(f'<p class="xp-asof">Updated {self.time(ex.as_of)}</p>\n')
        if ex.key_points:
            out.append("## Key points {#key-points}\n")
            points = [
                {"text": Markup(self.inline(k.text, page)), "cite": Markup(cites.cite(k.sources))}
                for k in ex.key_points
            ]
            out.append(self.block("key_points.html", points=points) + "\n")
        out.append("## Where things stand {#issues}\n")
        out.append(self.stand_rows(page, self.issues[:PAGE_ITEMS]))
        if len(self.issues) > PAGE_ITEMS:
            every = href(page, "issues/index.md")
            out.append(
                f'<p class="xp-more">The first {PAGE_ITEMS} issues, by title; '
                f'<a href="{every}">all {len(self.issues)} issues</a>.</p>\n'
            )
        see = href(page, "positions.md")
        out.append(f'<p><a href="{see}">Every position, issue by issue</a></p>\n')
        expected = [e for e in self.events if e.expected]
        if expected:
            out.append("## What’s next {#next}\n")
            items = [
                f'<li class="xp-expected">{self.time(e.date)} {self.event_link(page, e)} '
                '<span class="xp-badge xp-expected-badge">Expected</span></li>'
                for e in expected
            ]
            out.append('<ul class="xp-latest xp-next">\n' + "\n".join(items) + "\n</ul>\n")
        events = [e for e in self.events if not e.expected][-LATEST_EVENTS:][::-1]
        if events:
            out.append("## Latest events {#latest-events}\n")
            items = [f"<li>{self.time(e.date)} {self.event_link(page, e)}</li>" for e in events]
            out.append('<ul class="xp-latest">\n' + "\n".join(items) + "\n</ul>\n")
            out.append(f'<p><a href="{href(page, "timeline.md")}">The full timeline</a></p>\n')
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def stand_rows(self, page: str, issues: list[Issue], *, level: int = 3) -> str:
        """A row per issue: question, status, each principal's stand, the common ground or
        the gap. `level`: the heading level of the questions."""
        rows = []
        for issue in issues:
            ground = self.ground(issue)
            stands = [
                {
                    "who": self.c.actors[ps.principal].name,
                    "via": self.c.actors[ps.stand.current.actor].name
                    if ps.stand and ps.stand.current.actor != ps.principal and ps.kind != "none"
                    else "",
                    "parts": self.stand_parts(issue, ps),
                }
                for ps in ground.principals
            ]
            rows.append(
                {
                    "id": issue.id,
                    "href": href(page, f"issues/{issue.id}.md"),
                    "question": issue.question,
                    "status": self.status_view(issue),
                    "stands": stands,
                    "ground": self.ground_line(ground),
                }
            )
        return self.block("stand_rows.html", rows=rows, level=level) + "\n"

    def stand_parts(self, issue: Issue, ps: facts.PrincipalStand) -> list[dict[str, str]]:
        """What a principal's stand says, part by part: `kind`, `word` and `text`."""
        labels = {o.id: o.label for o in issue.options}
        if ps.kind == "none":
            return [{"kind": "none", "word": STAND_WORDS["none"], "text": ""}]
        if ps.kind == "stated":
            assert ps.stand is not None
            return [
                {"kind": "stated", "word": STAND_WORDS["stated"], "text": ps.stand.current.stance}
            ]
        parts = []
        for kind, ids in (("supports", ps.supports), ("rejects", ps.rejects)):
            if ids:
                text = "; ".join(labels[i] for i in ids)
                parts.append({"kind": kind, "word": STAND_WORDS[kind], "text": text})
        return parts

    def ground_line(self, ground: facts.CommonGround) -> dict[str, str] | None:
        """The common ground or the gap between the principals, in one line, or None when
        the issue lists no options."""

        def names(ids: tuple[str, ...]) -> str:
            return _and([self.c.actors[i].name for i in ids])

        if ground.agreed:
            labels = "; ".join(o.label for o in ground.agreed)
            return {"label": "Common ground", "text": f"{labels}, supported by every principal."}
        if ground.gaps:
            text = "; ".join(
                f"{g.option.label}, supported by {names(g.supporters)}, "
                f"rejected by {names(g.rejecters)}"
                for g in ground.gaps
            )
            return {"label": "Gap", "text": text + "."}
        if ground.apart:
            text = " vs. ".join(f"{o.option.label} ({names(o.supporters)})" for o in ground.apart)
            return {"label": "Apart", "text": text + "; no option has the support of both sides."}
        rejected = [o for o in ground.options if o.rejecters]
        if rejected:
            text = "; ".join(
                f"{o.option.label}, rejected by {names(o.rejecters)}" for o in rejected
            )
            return {"label": "No support", "text": text + "; no principal supports it."}
        supported = [o for o in ground.options if o.supporters]
        if supported:
            text = "; ".join(
                f"{o.option.label}, supported by {names(o.supporters)}" for o in supported
            )
            return {"label": "Support", "text": text + "; no other principal has a stand."}
        return None

    def status_view(self, issue: Issue) -> dict[str, object]:
        """The status as `status_line.html` reads it: badge, since when, which way it moved."""
        trend = facts.status_trend(issue)
        since = trend.since
        return {
            "badge": Markup(self.status(issue)),
            "since": Markup(self.time(since.since, short=True)) if since else "",
            "since_word": "since" if trend.previous else "as of",
            "direction": trend.direction,
            "was": STATUS[trend.previous.status] if trend.previous else "",
        }

    def status_line(self, issue: Issue) -> str:
        """The status badge, since when (from the status history) and which way it moved."""
        return self.block("status_line.html", status=self.status_view(issue))

    def issues_index(self) -> str:
        page = "issues/index.md"
        out = [self.front("Issues", "Every question of the negotiation and where it stands.")]
        out.append(self.stand_rows(page, self.issues[:PAGE_ITEMS], level=2))
        # Past PAGE_ITEMS, a row per issue would make this page grow past a megabyte at 1,000
        # issues: the others are listed by question and status, each page shows the rest.
        rest = self.issues[PAGE_ITEMS:]
        if rest:
            out.append("## More issues {#more-issues}\n")
            items = [f"<li>{self.issue_link(page, i.id)} {self.status(i)}</li>" for i in rest]
            out.append('<ul class="xp-more-issues">\n' + "\n".join(items) + "\n</ul>\n")
        return "\n".join(out)

    def issue(self, issue: Issue) -> str:
        page, cites = f"issues/{issue.id}.md", _Citations()
        article = script_json(issue_article(self.c, issue))
        out = [
            self.front(
                issue.title,
                issue.question,
                og_type="article",
                jsonld=article,
                up=(page, "issues/index.md", "Issues"),
            )
        ]
        out.append(
            f'<p class="xp-question">{esc(issue.question)}</p>\n\n'
            f'<p class="xp-meta">Status: {self.status_line(issue)}</p>\n'
        )
        history = sorted(issue.status_history, key=lambda h: h.since, reverse=True)
        if history:
            out.append(
                f'<p class="xp-status-reason">{esc(history[0].reason)} '
                f"{cites.cite(history[0].sources)}</p>\n"
            )
        if len(history) > 1:
            entries = [
                {
                    "badge": Markup(self.status(issue, h.status)),
                    "since": Markup(self.time(h.since, short=True)),
                    "reason": h.reason,
                    "cite": Markup(cites.cite(h.sources)),
                }
                for h in history[1:]
            ]
            out.append(self.block("status_history.html", entries=entries) + "\n")
        out.append(f'<div class="xp-summary">\n{self.markdown(issue.summary, page)}\n</div>\n')
        out.append(self.latest_changes(page, issue=issue.id))
        stands = self.stands[issue.id]
        if issue.options:
            out.append("## The options on the table {#options}\n")
            out.append(self.options(page, issue, stands))
            line = self.ground_line(self.ground(issue))
            if line:
                out.append(
                    f'<p class="xp-ground"><strong>{line["label"]}:</strong> '
                    f"{esc(line['text'])}</p>\n"
                )
        out.append("## Positions {#positions}\n")
        if stands:
            if any(s.current.as_of != self.c.explainer.as_of for s in stands):
                out.append(self.age_note())
            rows = [self.position_row(page, issue, s, cites) for s in stands]
            head = ["Actor", "Position", "As of", "Sources"]
            out.append(table(f"Positions on {issue.title}", "xp-positions", head, rows))
        else:
            out.append('<p class="xp-none">No positions recorded yet.</p>\n')
        earlier = [s for s in stands if s.history]
        if earlier:
            out.append("## Earlier positions {#history}\n")
            for s in earlier:
                items = "\n".join(
                    f"<li>{self.time(p.as_of, short=True)}: {esc(p.stance)}"
                    f"{' ' + self.flexibility(p) if p.flexibility else ''} "
                    f"{cites.cite(p.sources)}</li>"
                    for p in s.history
                )
                out.append(
                    f'<h3 id="history-{s.current.actor}">'
                    f"{esc(self.c.actors[s.current.actor].name)}</h3>\n"
                    f'<ul class="xp-history">\n{items}\n</ul>\n'
                )
        events = self.events_of.get(issue.id, [])
        if events:
            out.append("## Timeline {#timeline}\n")
            out.append(self.event_list(page, events, cites, compact=True))
        if issue.related:
            out.append("## Related issues {#related}\n")
            items = "\n".join(
                f"<li>{self.issue_link(page, rid)} {self.status(self.c.issues[rid])}</li>"
                for rid in issue.related
            )
            out.append(f'<ul class="xp-related">\n{items}\n</ul>\n')
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def position_row(self, page: str, issue: Issue, stand: facts.Stand, cites: _Citations) -> str:
        """A position as a row: what exists of it and nothing else (no "None", no "Not
        stated"): the stance, its stands on the options, the flexibility, the key quote, the
        rest under "More"; the date, and its age unless it is the explainer's own day."""
        p = stand.current
        stance = f'<p class="xp-stance">{esc(p.stance)}</p>'
        labels = {o.id: o.label for o in issue.options}
        said = [
            f'<span class="xp-said xp-said--{kind}"><span class="xp-said__word">'
            f"{STAND_WORDS[kind]}</span> {esc(labels[o])}</span>"
            for kind, ids in (("supports", p.supports), ("rejects", p.rejects))
            for o in ids
        ]
        if p.flexibility:
            said.append(self.flexibility(p))
        if said:
            stance += '<p class="xp-stance-facts">' + " ".join(said) + "</p>"
        if p.quotes:
            stance += str(self.quote(page, p.quotes[0], cites, by=_other(p.quotes[0].by, p.actor)))
        more = []
        if p.detail:
            more.append(self.markdown(p.detail, page))
        for quote in p.quotes[1:]:
            more.append(self.quote(page, quote, cites, by=_other(quote.by, p.actor)))
        if more:
            stance += "<details><summary>More</summary>" + "".join(more) + "</details>"
        when = self.time(p.as_of, short=True)
        if p.as_of != self.c.explainer.as_of:
            when += f"<br>{self.age(p)}"
        if stand.history:
            n = len(stand.history)
            when += f'<br><a class="xp-earlier" href="#history-{p.actor}">{n} earlier</a>'
        return (
            f'<tr id="position-{p.actor}">'
            f'<th scope="row" data-label="Actor">{self.actor_link(page, p.actor)}</th>\n'
            f'<td data-label="Position">{stance}</td>\n'
            f'<td data-label="As of">{when}</td>\n'
            f'<td data-label="Sources">{cites.cite(p.sources)}</td></tr>'
        )

    def options(self, page: str, issue: Issue, stands: list[facts.Stand]) -> str:
        """The options on the table: each with the actors for and against it (current
        positions); on a scale, where an actor stood before when it has moved."""
        ids = [o.id for o in issue.options]

        def who(p: Position) -> dict[str, object]:
            return {
                "name": self.c.actors[p.actor].name,
                "href": f"#position-{p.actor}",
                "via": "",
                "moved": "",
                "arrow": "",
            }

        views: dict[str, dict[str, Any]] = {
            o.id: {"id": o.id, "label": o.label, "supporters": [], "rejecters": [], "left": []}
            for o in issue.options
        }
        for stand in stands:
            p = stand.current
            for oid in p.supports:
                entry = who(p)
                before = next((h for h in stand.history if h.supports), None)
                moved_from = [o for o in before.supports if o not in p.supports] if before else []
                if before and moved_from and issue.options_ordered:
                    old = moved_from[0]
                    entry["arrow"] = "→" if ids.index(oid) > ids.index(old) else "←"
                    entry["moved"] = Markup(
                        f"moved from {esc(views[old]['label'])} "
                        f"(as of {self.time(before.as_of, short=True)})"
                    )
                    views[old]["left"].append(
                        {
                            "name": self.c.actors[p.actor].name,
                            "href": f"#history-{p.actor}",
                            "until": Markup(self.time(p.as_of, short=True)),
                            "to": views[oid]["label"],
                        }
                    )
                views[oid]["supporters"].append(entry)
            for oid in p.rejects:
                views[oid]["rejecters"].append(who(p))
        return (
            self.block(
                "options.html",
                ordered=issue.options_ordered,
                options=[views[o.id] for o in issue.options],
            )
            + "\n"
        )

    def event_list(
        self, page: str, events: list[Event], cites: _Citations, *, compact: bool = False
    ) -> str:
        items = []
        for e in events:
            expected = ' <span class="xp-badge xp-expected-badge">Expected</span>'
            expected = expected if e.expected else ""
            if compact:
                cls = ' class="xp-expected"' if e.expected else ""
                items.append(
                    f"<li{cls}>{self.time(e.date)} {self.event_link(page, e)}{expected}</li>"
                )
                continue
            cls = "xp-event xp-event--expected" if e.expected else "xp-event"
            parts = [
                f'<li id="{e.id}" class="{cls}">',
                f'<p class="xp-event__date">{self.time(e.date)}{expected}</p>',
                f"<h3>{esc(e.title)} {cites.cite(e.sources)}</h3>",
            ]
            if e.summary:
                parts.append(self.markdown(e.summary, page))
            for quote in e.quotes:
                parts.append(self.quote(page, quote, cites, by=quote.by))
            meta = []
            if e.actors:
                links = ", ".join(self.actor_link(page, a) for a in e.actors)
                meta.append(f"<dt>Actors</dt><dd>{links}</dd>")
            if e.issues:
                links = ", ".join(self.issue_link(page, i) for i in e.issues)
                meta.append(f"<dt>Issues</dt><dd>{links}</dd>")
            if meta:
                parts.append('<dl class="xp-event__meta">' + "".join(meta) + "</dl>")
            parts.append("</li>")
            items.append("\n".join(parts))
        cls = "xp-events xp-events--compact" if compact else "xp-events"
        return f'<ol class="{cls}">\n' + "\n".join(items) + "\n</ol>\n"

    def positions(self) -> str:
        page = "positions.md"
        ex = self.c.explainer
        principals = list(ex.principals) or [a.id for a in self.actors_in_order()]
        out = [
            self.front(
                "Positions",
                "Who wants what on every issue: the newest position of each principal.",
                "hide:\n  - navigation\n  - toc",
            )
        ]
        out.append(
            "<p>Each cell is the newest position of the principal or of an actor affiliated "
            "with it: which option it supports or rejects, or what it says when the issue "
            "lists no options. Follow a cell to the full position, with quotes and sources. "
            f"As of {self.time(ex.as_of, short=True)}.</p>\n"
        )
        head = ["Issue", *(self.actor_link(page, p) for p in principals)]
        rows = []
        for issue in self.issues:
            cells = [
                f'<th scope="row" data-label="Issue">{self.issue_link(page, issue.id)} '
                f"{self.status(issue)}</th>"
            ]
            ground = self.ground(issue)
            by_principal = {ps.principal: ps for ps in ground.principals}
            row = []
            for principal in principals:
                ps = by_principal.get(principal) or facts.PrincipalStand(
                    principal, facts.matrix_cell(self.c, self.stands[issue.id], principal)
                )
                p = ps.stand.current if ps.stand else None
                row.append(
                    {
                        "label": self.c.actors[principal].name,
                        "via": self.c.actors[p.actor].name
                        if p and p.actor != principal and ps.kind != "none"
                        else "",
                        "href": href(page, f"issues/{issue.id}.md", f"position-{p.actor}")
                        if p and ps.kind != "none"
                        else "",
                        "parts": self.stand_parts(issue, ps),
                    }
                )
            cells.append(self.block("matrix_cells.html", cells=row))
            rows.append(f'<tr id="issue-{issue.id}">' + "\n".join(cells) + "</tr>")
        out.append(
            table("Positions by issue and principal", "xp-matrix", head, rows, searched=False)
        )
        return "\n".join(out)

    def timeline(self, page: str) -> str:
        """One timeline page: all events, or one year's or one month's when split."""
        cites, events = _Citations(), self.timeline_pages[page]
        when = _period(page)
        title = f"Timeline: {when.label}" if when else "Timeline"
        description = f"Events of {when.label}" if when else "Every event"
        up = (page, "timeline.md", "Timeline") if when else ("", "", "")
        out = [self.front(title, f"{description} in date order, with actors and sources.", up=up)]
        out += [drawn] if (drawn := self.axis(page, events)) else []
        groups: dict[PartialDate, list[Event]] = {}
        for e in events:
            groups.setdefault(PartialDate(e.date.year, e.date.month), []).append(e)
        if not groups:
            out.append('<p class="xp-none">No events recorded yet.</p>\n')
        for month, in_month in groups.items():
            out.append(f"## {month.label} {{#month-{month}}}\n")
            # Events known only to the month (or year) open it, in a frame beside the month's
            # dated events: listed after them, they would read as the month's latest.
            dated = [e for e in in_month if e.date.precision == "day"]
            undated = [e for e in in_month if e.date.precision != "day"]
            if undated:
                which = "day" if month.month else "month and day"
                span = "month" if month.month else "year"
                before = ", before or after the dated events below" if dated else ""
                out.append(
                    f'<div class="xp-span">\n<p class="xp-undated">Some time in {month.label} '
                    f"({which} not given): any day of the {span}{before}.</p>\n"
                    + self.event_list(page, undated, cites)
                    + "</div>\n"
                )
            if dated:
                out.append(self.event_list(page, dated, cites))
        if when:
            out.append(self.pager(page, list(self.timeline_pages), "timeline.md", "Timeline"))
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def pager(
        self, page: str, paths: list[str], home: str, label: str, *, newest_first: bool = False
    ) -> str:
        """Links to the periods just before and after this one, and to where they are listed."""
        periods = _in_date_order(tuple(paths), newest_first)
        i = periods.index(page)
        links = []
        if i > 0 and (before := _period(periods[i - 1])):
            links.append(f'<a href="{href(page, periods[i - 1])}">Earlier: {before.label}</a>')
        links.append(f'<a href="{href(page, home)}">All periods</a>')
        if i + 1 < len(periods) and (after := _period(periods[i + 1])):
            links.append(f'<a href="{href(page, periods[i + 1])}">Later: {after.label}</a>')
        return self.block("pager.html", label=label, links=[Markup(a) for a in links]) + "\n"

    @staticmethod
    def period_list(
        page: str, pages: dict[str, list], noun: str, *, level: int = 2, newest_first: bool = False
    ) -> str:
        """Links to period pages with their number of items, by year, newest first.
        `newest_first`: the items run newest first, so a period's part 1 is its newest."""
        years: dict[int, list[tuple[_Period, str]]] = {}
        for path, items in pages.items():
            when = _period(path)
            if when is None:
                continue
            link = f'<a href="{href(page, path)}">{when.label}</a> ({counted(len(items), noun)})'
            years.setdefault(when.date.year, []).append((when, f"<li>{link}</li>"))
        out = []
        for year, items in sorted(years.items(), reverse=True):
            out.append(f"{'#' * level} {year} {{#year-{year}}}\n")
            sign = -1 if newest_first else 1
            order = sorted(items, key=lambda x: (x[0].date, sign * x[0].part), reverse=True)
            lines = [li for _, li in order]
            out.append('<ul class="xp-periods">\n' + "\n".join(lines) + "\n</ul>\n")
        return "\n".join(out)

    def timeline_index(self) -> str:
        """The timeline when it is split: each period with its number of events, by year."""
        page = "timeline.md"
        out = [self.front("Timeline", "Every event in date order, by period.")]
        out += [drawn] if (drawn := self.axis(page, [])) else []
        out.append(self.period_list(page, self.timeline_pages, "event"))
        return "\n".join(out)

    def actors_index(self) -> str:
        page = "actors/index.md"
        out = [self.front("Actors", "The people, states and organizations in the talks.")]
        for kind, plural in KIND_PLURAL.items():
            actors = [a for a in self.actors_in_order() if a.kind == kind]
            if not actors:
                continue
            out.append(f"## {plural} {{#{kind}}}\n")
            items = []
            for a in actors:
                bits = [esc(a.role)] if a.role else []
                if a.affiliation:
                    bits.append(self.actor_link(page, a.affiliation))
                extra = f" — {', '.join(bits)}" if bits else ""
                items.append(f"<li>{self.actor_link(page, a.id)}{extra}</li>")
            out.append('<ul class="xp-actors">\n' + "\n".join(items) + "\n</ul>\n")
        return "\n".join(out)

    def actor(self, actor: Actor) -> str:
        page, cites = f"actors/{actor.id}.md", _Citations()
        og_type = "profile" if actor.kind == "person" else "website"
        up = (page, "actors/index.md", "Actors")
        out = [self.front(actor.name, self.actor_description(actor), og_type=og_type, up=up)]
        member_ids = facts.members(self.c, actor.id)
        affiliation = self.actor_link(page, actor.affiliation) if actor.affiliation else ""
        facts_block = self.block(
            "actor-facts.html",
            kind=actor.kind.capitalize(),
            role=actor.role,
            affiliation=Markup(affiliation),
            members=Markup(", ".join(self.actor_link(page, m) for m in member_ids)),
            aliases=", ".join(actor.aliases),
        )
        out.append(facts_block + "\n")
        if actor.summary:
            out.append(f'<div class="xp-summary">\n{self.markdown(actor.summary, page)}\n</div>\n')
        out.append(self.latest_changes(page, actor=actor.id))
        rows = []
        as_of = self.c.explainer.as_of
        for issue, stand in self.stands_of.get(actor.id, []):
            p = stand.current
            target = href(page, f"issues/{issue.id}.md", f"position-{actor.id}")
            flexibility = f" {self.flexibility(p)}" if p.flexibility else ""
            when = self.time(p.as_of, short=True)
            if p.as_of != as_of:  # the explainer's own day goes without saying
                when += f"<br>{self.age(p)}"
            row = self.block(
                "actor-position.html",
                href=target,
                issue=issue.title,
                stance=p.stance,
                flexibility=Markup(flexibility),
                when=Markup(when),
                cites=Markup(cites.cite(p.sources)),
            )
            rows.append(str(row))
        out.append("## Positions {#positions}\n")
        if rows:
            if any(s.current.as_of != as_of for _, s in self.stands_of.get(actor.id, [])):
                out.append(self.age_note())
            head = ["Issue", "Stance", "As of", "Sources"]
            out.append(table(f"Positions of {actor.name}", "xp-actor-positions", head, rows))
        else:
            out.append('<p class="xp-none">No positions recorded.</p>\n')
        quotes = self.quotes_of.get(actor.id, [])
        if quotes:
            out.append("## Quotes {#quotes}\n")
            items = []
            for quote, kind, ref in quotes[:PAGE_ITEMS]:
                where = (
                    self.issue_link(page, ref)
                    if kind == "issue"
                    else self.event_link(page, self.c.events[ref])
                )
                items.append(
                    {"quote": Markup(self.quote(page, quote, cites)), "where": Markup(where)}
                )
            out.append(self.block("actor-quotes.html", quotes=items) + "\n")
            if len(quotes) > PAGE_ITEMS:
                more = len(quotes) - PAGE_ITEMS
                out.append(
                    f'<p class="xp-more">The first {PAGE_ITEMS}, by issue; {more} more are with '
                    "the positions and events they were said in.</p>\n"
                )
        events = self.events_of.get(actor.id, [])
        if events:
            out.append("## Events {#events}\n")
            out.append(self.event_list(page, events, cites, compact=True))
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def sources(self) -> dict[str, str]:
        """`sources.md` listing every source by title, with the pages that cite it; past
        `PAGE_ITEMS` sources, pages of that many (`sources/2.md`...) that it links."""
        cited_by: dict[str, list[Issue | Event]] = {sid: [] for sid in self.c.sources}
        for issue in self.issues:
            ids = {s for p in issue.positions for s in p.sources}
            ids |= {q.source for p in issue.positions for q in p.quotes}
            for sid in sorted(ids):
                cited_by[sid].append(issue)
        for e in self.events:
            for sid in sorted({*e.sources, *(q.source for q in e.quotes)}):
                cited_by[sid].append(e)
        ordered = sorted(self.c.sources, key=lambda sid: self.c.sources[sid].title.casefold())
        chunks = [ordered[i : i + PAGE_ITEMS] for i in range(0, len(ordered), PAGE_ITEMS)]
        if len(chunks) <= 1:
            return {"sources.md": self.source_list("sources.md", ordered, cited_by)}
        pages = {"sources.md": ""}
        links = []
        for n, chunk in enumerate(chunks, 1):
            path = f"sources/{n}.md"
            first, last = (self.c.sources[sid].title for sid in (chunk[0], chunk[-1]))
            title = f"Sources {n} of {len(chunks)}"
            pages[path] = self.source_list(path, chunk, cited_by, title)
            links.append(
                f'<li><a href="{href("sources.md", path)}">{title}</a>: '
                f"{esc(first)} … {esc(last)}</li>"
            )
        pages["sources.md"] = (
            self.front("Sources", "Every source the explainer cites, by title.")
            + f"<p>{len(ordered)} sources, by title, {PAGE_ITEMS} to a page.</p>\n\n"
            + '<ul class="xp-periods">\n'
            + "\n".join(links)
            + "\n</ul>\n"
        )
        return pages

    def source_list(
        self,
        page: str,
        sids: list[str],
        cited_by: dict[str, list[Issue | Event]],
        title: str = "Sources",
    ) -> str:
        up = (page, "sources.md", "Sources") if page != "sources.md" else ("", "", "")
        out = [self.front(title, "Every source the explainer cites.", up=up)]
        items = []
        for sid in sids:
            cited = ""
            citing = cited_by[sid]
            if citing:
                shown = [
                    self.issue_link(page, x.id)
                    if isinstance(x, Issue)
                    else self.event_link(page, x)
                    for x in citing[:PAGE_ITEMS]
                ]
                more = len(citing) - len(shown)
                tail = f" and {more} more" if more else ""
                cited = f'<p class="xp-cited-by">Cited on: {", ".join(shown)}{tail}</p>'
            items.append(self.source_item(sid, f"source-{sid}", cited))
        out.append('<ul class="xp-sources">\n' + "\n".join(items) + "\n</ul>\n")
        return "\n".join(out)

    def glossary(self) -> str:
        out = [self.front("Glossary", "The terms the explainer uses.")]
        terms = [
            {"id": slug(term), "term": term, "definition": definition}
            for term, definition in self.c.glossary.items()
        ]
        out.append(self.block("glossary.html", terms=terms) + "\n")
        return "\n".join(out)

    # -- what changed, and how old a position is ----------------------------------------------

    def age(self, position: Position) -> str:
        """How old the position is at the explainer's as_of, flagged when past the threshold."""
        ex = self.c.explainer
        label = facts.age_label(position.as_of, ex.as_of)
        text = label if label.startswith("same") else f"{label} earlier"
        if facts.days_before(position.as_of, ex.as_of)[0] > ex.stale_after_days:
            return f'<span class="xp-age xp-age--stale">{text}; may be out of date</span>'
        return f'<span class="xp-age">{text}</span>'

    def age_note(self) -> str:
        return (
            f'<p class="xp-asof">Ages are counted back from {self.time(self.c.explainer.as_of)}, '
            "the date this explainer is current to.</p>\n"
        )

    def actor_description(self, actor: Actor) -> str:
        who = actor.name
        if actor.role and actor.affiliation:
            who += f", {actor.role} ({self.c.actors[actor.affiliation].name})"
        elif actor.role:
            who += f", {actor.role}"
        n = len(self.stands_of.get(actor.id, []))
        where = f"on {counted(n, 'issue')}" if n else ""
        return f"{who}: positions {where}, quotes and events.".replace("positions ,", "positions,")

    def changes(self, page: str) -> str:
        """The newest changes of position (was -> now), then the first statements summarised
        by date; or one period's older ones when there are too many for a page."""
        cites = _Citations()
        when = _period(page)
        if when:
            title, description = f"What changed: {when.label}", f"Changes of {when.label}"
        else:
            title, description = "What changed", "Every change of position"
        up = (page, "changes.md", "What changed") if when else ("", "", "")
        out = [
            self.front(
                title,
                f"{description}, newest first, with what each replaced; then first statements.",
                up=up,
            )
        ]
        listed = self.change_pages[page]
        archived = sum(len(cs) for path, cs in self.change_pages.items() if path != "changes.md")
        newest = (
            f"The {PAGE_ITEMS} newest entries; older ones are filed by period below. "
            if archived and not when
            else ""
        )
        timeline = href(page, "timeline.md")
        out.append(
            f"<p>{newest}A change is an actor’s stand on an issue that replaced a different, "
            "earlier one: what it was, what it is now, with both dates and sources. An actor’s "
            "first stand on an issue is listed apart, under first statements; a record that it "
            f'has no public position is neither. Events are on the <a href="{timeline}">'
            f"timeline</a>. The explainer is current to {self.time(self.c.explainer.as_of)}.</p>\n"
        )
        changed = [c for c in listed if c.is_change]
        firsts = [c for c in listed if c.nature == "first"]
        out.append("## Changed positions {#changed}\n")
        if not changed:
            none = "in this period" if when else "yet"
            out.append(
                f'<p class="xp-none">No stand has changed {none}: every stand recorded is the '
                "actor’s first on its issue.</p>\n"
            )
        groups: dict[PartialDate, list[facts.Change]] = {}
        for change in changed:
            groups.setdefault(PartialDate(change.date.year, change.date.month), []).append(change)
        for month, in_month in groups.items():
            out.append(f"### {month.label} {{#month-{month}}}\n")
            items = "\n".join(self.change_item(page, c, cites) for c in in_month)
            out.append(f'<ol class="xp-changes">\n{items}\n</ol>\n')
        if firsts:
            out.append("## First statements {#first}\n")
            by_date: dict[PartialDate, list[facts.Change]] = {}
            for change in firsts:
                by_date.setdefault(change.date, []).append(change)
            for date, on_date in by_date.items():
                n = counted(len(on_date), "first statement")
                out.append(f"### {date.label} {{#first-{date}}}\n")
                out.append(f'<p class="xp-count">{n}</p>\n')
                items = "\n".join(self.first_item(page, c, cites) for c in on_date)
                out.append(f'<ul class="xp-firsts">\n{items}\n</ul>\n')
        if when:
            paths = list(self.change_pages)
            out.append(self.pager(page, paths, "changes.md", "Changes", newest_first=True))
        elif archived:
            out.append("## Older changes {#older}\n")
            changes = self.change_pages
            out.append(self.period_list(page, changes, "position", level=3, newest_first=True))
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def first_item(self, page: str, change: facts.Change, cites: _Citations) -> str:
        """A first statement in one line: who, on what, the stance and its sources."""
        p, issue_id = change.position, change.issues[0]
        assert p is not None
        anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
        later = "" if change.current else ' <span class="xp-change__on">(since changed)</span>'
        return (
            f'<li id="{change.anchor}">{self.actor_link(page, p.actor)} on '
            f"{self.issue_link(page, issue_id, anchor)}: {esc(p.stance)} "
            f"{cites.cite(p.sources)}{later}</li>"
        )

    def change_item(self, page: str, change: facts.Change, cites: _Citations) -> str:
        """A change of position: who, on what, was (date, sources) -> now (date, sources)."""
        p, issue_id, was = change.position, change.issues[0], change.replaced
        assert p is not None and was is not None
        anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
        now = "Now" if change.current else "Became"
        parts = [
            f'<p class="xp-change__date">{self.time(change.date)}</p>',
            f'<p class="xp-change__what">{self.actor_link(page, p.actor)} on '
            f"{self.issue_link(page, issue_id, anchor)}</p>",
            '<dl class="xp-was-now">'
            f'<div class="xp-was"><dt>Was, as of {self.time(was.as_of, short=True)}</dt>'
            f"<dd>{esc(was.stance)} {cites.cite(was.sources)}</dd></div>"
            f'<div class="xp-now"><dt>{now}, as of {self.time(p.as_of, short=True)}</dt>'
            f"<dd>{esc(p.stance)} {cites.cite(p.sources)}</dd></div></dl>",
        ]
        if not change.current:
            parts.append('<p class="xp-change__on">Since replaced by a newer position</p>')
        return f'<li id="{change.anchor}" class="xp-change">{"".join(parts)}</li>'

    def latest_changes(self, page: str, *, issue: str = "", actor: str = "") -> str:
        """The box of an issue or actor page: its newest real changes of position (was -> now),
        linked to the changes page; nothing when no stand has changed."""
        found = self.changes_of.get(issue or actor, [])[:LATEST_CHANGES]
        if not found:
            return ""
        items = []
        for c in found:
            assert c.position is not None and c.replaced is not None
            who = (
                self.c.actors[c.position.actor].name if issue else self.c.issues[c.issues[0]].title
            )
            what = f"{esc(who)}: {esc(c.replaced.stance)} → {esc(c.position.stance)}"
            target = href(page, self.change_page[c.id], c.anchor)
            items.append(f'<li>{self.time(c.date)} <a href="{target}">{what}</a></li>')
        return (
            '<aside class="xp-box xp-latest-changes" aria-labelledby="latest-changes">\n'
            '<h2 id="latest-changes">Latest changes</h2>\n'
            "<ul>\n" + "\n".join(items) + "\n</ul>\n"
            f'<p><a href="{href(page, "changes.md")}">Everything that changed</a></p>\n'
            "</aside>\n"
        )


def timeline_pages(events: list[Event]) -> dict[str, list[Event]]:
    """Timeline pages and their events, in date order: `timeline.md` while the events fit on
    one page, else split by period (`period_pages`) and listed by `timeline.md`."""
    if len(events) <= PAGE_ITEMS:
        return {"timeline.md": events}
    return period_pages("timeline", events, lambda e: e.date)


def change_pages(changes: list[facts.Change]) -> dict[str, list[facts.Change]]:
    """`changes.md` with the newest changes, then the older ones split by period."""
    return {
        "changes.md": changes[:PAGE_ITEMS],
        **period_pages("changes", changes[PAGE_ITEMS:], lambda c: c.date),
    }


def period_pages(
    folder: str, items: list[T], date_of: Callable[[T], PartialDate]
) -> dict[str, list[T]]:
    """`<folder>/<year>.md` per year; for a year with more than `PAGE_ITEMS` items,
    `<folder>/<year>-<month>.md` per month (items known only to the year stay on the year's
    page); a period still too long is cut into parts, `<folder>/<period>-part-2.md` and on.
    Each page keeps the order of `items`."""
    by_year: dict[int, list[T]] = {}
    for item in items:
        by_year.setdefault(date_of(item).year, []).append(item)
    periods: dict[str, list[T]] = {}
    for year, in_year in by_year.items():
        if len(in_year) <= PAGE_ITEMS:
            periods[f"{year:04d}"] = in_year
            continue
        for item in in_year:
            month = date_of(item).month
            periods.setdefault(f"{year:04d}-{month:02d}" if month else f"{year:04d}", []).append(
                item
            )
    pages: dict[str, list[T]] = {}
    for period, in_period in periods.items():
        for start in range(0, len(in_period), PAGE_ITEMS):
            part = f"-part-{start // PAGE_ITEMS + 1}" if start else ""
            pages[f"{folder}/{period}{part}.md"] = in_period[start : start + PAGE_ITEMS]
    return pages


@dataclass(frozen=True, order=True)
class _Period:
    date: PartialDate
    part: int

    @property
    def label(self) -> str:
        return self.date.label + (f", part {self.part}" if self.part > 1 else "")


_PERIOD_PAGE = re.compile(r"[^/]+/(\d{4}(?:-\d{2})?)(?:-part-(\d+))?\.md")


def _period(page: str) -> _Period | None:
    """`timeline/2025-03.md` -> March 2025; `changes/2025-03-part-2.md` -> its part 2;
    `timeline.md` -> None."""
    m = _PERIOD_PAGE.fullmatch(page)
    return _Period(PartialDate.parse(m[1]), int(m[2] or 1)) if m else None


@functools.lru_cache(maxsize=4)
def _in_date_order(paths: tuple[str, ...], newest_first: bool) -> list[str]:
    """Period pages from the earliest to the latest; `newest_first`: their items run newest
    first, so a period's part 1 is its latest."""
    sign = -1 if newest_first else 1
    periods = [(p, when) for p in paths if (when := _period(p))]
    return [p for p, when in sorted(periods, key=lambda pw: (pw[1].date, sign * pw[1].part))]


def _other(by: str | None, actor: str) -> str | None:
    """Name the speaker only when it is not the position's actor."""
    return by if by and by != actor else None


def _and(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shorten(text: str) -> str:
    """At most 200 characters, cut at a word."""
    return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"


def _md_text(text: str) -> str:
    """Plain text as a Markdown heading: `&` and `<` as entities, Markdown punctuation
    backslashed (`{` too, or attr_list reads `{onclick=...}` as attributes), line breaks
    (Markdown reads a CR as one too) as spaces."""
    text = re.sub(r"([\\`*_\[\]{}#>])", r"\\\1", re.sub(r"[\r\n]+", " ", text))
    # Markdown keeps the backslash before `&` and `<`: entities show them as written.
    return text.replace("&", "&amp;").replace("<", "&lt;")
