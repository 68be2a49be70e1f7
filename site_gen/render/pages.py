"""Facts -> {path: Markdown} for every page of the explainer. Pure: no I/O, no MkDocs.

Pages are Markdown headings (for any generator's table of contents) around HTML blocks
(tables with header cells, `<time datetime>`, stable ids), so the output stays usable by
another Markdown site generator. Every text from YAML is escaped or sanitized here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from site_gen.dates import PartialDate
from site_gen.load import slug
from site_gen.model import Actor, Content, Event, Issue, Position, Quote
from site_gen.render import facts
from site_gen.render.text import MarkdownRenderer, esc, href

STATUS = {
    "open": "Open",
    "narrowing": "Narrowing",
    "agreed": "Agreed",
    "deadlocked": "Deadlocked",
}
FLEXIBILITY = {"red-line": "Red line", "firm": "Firm", "open": "Open", "unclear": "Unclear"}
KIND_PLURAL = {
    "state": "States",
    "organization": "Organizations",
    "group": "Groups",
    "person": "People",
}
LATEST_EVENTS = 5

Nav = list[str | dict[str, "Nav | str"]]


@dataclass(frozen=True)
class Site:
    """The generated pages, by path under the docs folder, and the navigation for them."""

    pages: dict[str, str]
    nav: Nav


def render_site(content: Content, *, home: bool = True, extra_pages: tuple[str, ...] = ()) -> Site:
    """Every page for the content. `home=False` when the editors wrote their own index.md;
    `extra_pages` are their other hand-written pages, added to the navigation."""
    r = _Renderer(content)
    pages: dict[str, str] = {}
    if home:
        pages["index.md"] = r.home()
    pages["issues/index.md"] = r.issues_index()
    for issue in facts.issues_in_order(content):
        pages[f"issues/{issue.id}.md"] = r.issue(issue)
    pages["positions.md"] = r.positions()
    pages["timeline.md"] = r.timeline()
    pages["actors/index.md"] = r.actors_index()
    for actor in content.actors.values():
        pages[f"actors/{actor.id}.md"] = r.actor(actor)
    pages["sources.md"] = r.sources()
    if content.glossary:
        pages["glossary.md"] = r.glossary()
    nav: Nav = [
        {"Home": "index.md"},
        {
            "Issues": [
                "issues/index.md",
                *(f"issues/{i.id}.md" for i in facts.issues_in_order(content)),
            ]
        },
        {"Positions": "positions.md"},
        {"Timeline": "timeline.md"},
        {"Actors": ["actors/index.md", *(f"actors/{a.id}.md" for a in r.actors_in_order())]},
        {"Sources": "sources.md"},
    ]
    if content.glossary:
        nav.append({"Glossary": "glossary.md"})
    nav += [p for p in extra_pages if p != "index.md"]
    return Site(pages=pages, nav=nav)


def render_problems(problems: list[str]) -> str:
    """The page shown by the live preview while the content has problems."""
    items = "\n".join(f"<li><code>{esc(p)}</code></li>" for p in problems)
    return (
        "---\nsearch:\n  exclude: true\n---\n\n"
        "# The content has problems\n\n"
        f'<div class="xp-problems" role="alert">\n<p>Fix {len(problems)} problem'
        f"{'s' if len(problems) != 1 else ''} and save; this page reloads by itself.</p>\n"
        f"<ol>\n{items}\n</ol>\n</div>\n"
    )


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
    def __init__(self, content: Content) -> None:
        self.c = content
        self.markdown = MarkdownRenderer(self._resolve)
        self.stands = {id: facts.stands(issue) for id, issue in content.issues.items()}

    # -- links and small pieces -----------------------------------------------------------

    def _resolve(self, id: str) -> tuple[str, str, str]:
        if id in self.c.actors:
            return f"actors/{id}.md", "", self.c.actors[id].name
        if id in self.c.issues:
            return f"issues/{id}.md", "", self.c.issues[id].title
        return "timeline.md", id, self.c.events[id].title

    def actor_link(self, page: str, id: str) -> str:
        return f'<a href="{href(page, f"actors/{id}.md")}">{esc(self.c.actors[id].name)}</a>'

    def issue_link(self, page: str, id: str, anchor: str = "") -> str:
        target = href(page, f"issues/{id}.md", anchor)
        return f'<a href="{target}">{esc(self.c.issues[id].title)}</a>'

    def event_link(self, page: str, event: Event) -> str:
        return f'<a href="{href(page, "timeline.md", event.id)}">{esc(event.title)}</a>'

    @staticmethod
    def time(date: PartialDate) -> str:
        return f'<time datetime="{date}">{date.label}</time>'

    @staticmethod
    def status(issue: Issue) -> str:
        label = STATUS[issue.status]
        return f'<span class="xp-badge xp-status xp-status--{issue.status}">{label}</span>'

    @staticmethod
    def flexibility(position: Position) -> str:
        if not position.flexibility:
            return '<span class="xp-none">Not stated</span>'
        label = FLEXIBILITY[position.flexibility]
        return f'<span class="xp-badge xp-flex xp-flex--{position.flexibility}">{label}</span>'

    def quote(self, page: str, quote: Quote, cites: _Citations, *, by: str | None = None) -> str:
        """A quote as a figure: the words, who said them, when, and the source number."""
        parts = []
        if by:
            parts.append(self.actor_link(page, by))
        if quote.date:
            parts.append(self.time(quote.date))
        attribution = ", ".join(parts)
        return (
            f'<figure class="xp-quote"><blockquote><p>{esc(quote.text)}</p></blockquote>'
            f"<figcaption>{attribution}{' ' if attribution else ''}{cites.cite([quote.source])}"
            "</figcaption></figure>"
        )

    def source_item(self, sid: str, anchor: str) -> str:
        source = self.c.sources[sid]
        title = esc(source.title)
        if source.url:
            title = f'<a href="{esc(source.url)}" rel="noopener">{title}</a>'
        details = [esc(source.publisher)] if source.publisher else []
        if source.published:
            details.append(f"published {self.time(source.published)}")
        more = f" — {', '.join(details)}" if details else ""
        return f'<li id="{anchor}"><cite>{title}</cite>{more}</li>'

    def cited_sources(self, cites: _Citations) -> str:
        if not cites.numbers:
            return ""
        items = "\n".join(self.source_item(sid, f"cite-{n}") for sid, n in cites.numbers.items())
        return f'## Sources {{#sources}}\n\n<ol class="xp-sources">\n{items}\n</ol>\n'

    @staticmethod
    def table(label: str, cls: str, head: list[str], rows: list[str]) -> str:
        """A table with column headers, wrapped so that it scrolls on its own if it must."""
        ths = "".join(f'<th scope="col">{h}</th>' for h in head)
        body = "\n".join(rows)
        return (
            f'<div class="xp-scroll" role="region" aria-label="{esc(label)}" tabindex="0">\n'
            f'<table class="xp-table {cls}">\n<thead><tr>{ths}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
        )

    @staticmethod
    def front(title: str, description: str = "", extra: str = "") -> str:
        # Themes print these into <title>, <meta> and the navigation without escaping them.
        lines = ["---", f"title: {_yaml_str(esc(title))}"]
        if description:
            lines.append(f"description: {_yaml_str(esc(description))}")
        if extra:
            lines.append(extra)
        return "\n".join([*lines, "---", "", f"# {_md_text(title)}", ""]) + "\n"

    def actors_in_order(self) -> list[Actor]:
        order = list(KIND_PLURAL)
        return sorted(
            self.c.actors.values(), key=lambda a: (order.index(a.kind), a.name.casefold())
        )

    # -- pages ------------------------------------------------------------------------------

    def home(self) -> str:
        page, ex = "index.md", self.c.explainer
        out = [self.front(ex.title, _first_line(ex.lede), "hide:\n  - navigation\n  - toc")]
        out.append(f'<div class="xp-lede">\n{self.markdown(ex.lede, page)}\n</div>\n')
        out.append(f'<p class="xp-asof">As of {self.time(ex.as_of)}</p>\n')
        out.append("## The issues {#issues}\n")
        out.append(self.issue_cards(page, facts.issues_in_order(self.c)))
        if ex.principals:
            out.append("## The principals {#principals}\n")
            items = []
            for aid in ex.principals:
                actor = self.c.actors[aid]
                role = f" — {esc(actor.role)}" if actor.role else ""
                items.append(f"<li>{self.actor_link(page, aid)}{role}</li>")
            out.append('<ul class="xp-principals">\n' + "\n".join(items) + "\n</ul>\n")
            see = href(page, "positions.md")
            out.append(f'<p><a href="{see}">Compare their positions on every issue</a></p>\n')
        events = facts.events_in_order(self.c)[-LATEST_EVENTS:][::-1]
        if events:
            out.append("## Latest events {#latest-events}\n")
            items = [f"<li>{self.time(e.date)} {self.event_link(page, e)}</li>" for e in events]
            out.append('<ul class="xp-latest">\n' + "\n".join(items) + "\n</ul>\n")
            out.append(f'<p><a href="{href(page, "timeline.md")}">The full timeline</a></p>\n')
        return "\n".join(out)

    def issue_cards(self, page: str, issues: list[Issue], *, level: int = 3) -> str:
        """`level`: the card titles' heading level, one below the heading above the cards."""
        cards = []
        for issue in issues:
            cards.append(
                f'<li class="xp-card">\n<h{level}>{self.issue_link(page, issue.id)}</h{level}>\n'
                f"<p>{self.status(issue)}</p>\n<p>{esc(issue.question)}</p>\n</li>"
            )
        return '<ul class="xp-cards">\n' + "\n".join(cards) + "\n</ul>\n"

    def issues_index(self) -> str:
        page = "issues/index.md"
        out = [self.front("Issues", "Every question of the negotiation and where it stands.")]
        out.append(self.issue_cards(page, facts.issues_in_order(self.c), level=2))
        return "\n".join(out)

    def issue(self, issue: Issue) -> str:
        page, cites = f"issues/{issue.id}.md", _Citations()
        out = [self.front(issue.title, issue.question)]
        out.append(
            f'<p class="xp-question">{esc(issue.question)}</p>\n\n'
            f'<p class="xp-meta">Status: {self.status(issue)}</p>\n'
        )
        out.append(f'<div class="xp-summary">\n{self.markdown(issue.summary, page)}\n</div>\n')
        stands = self.stands[issue.id]
        out.append("## Positions {#positions}\n")
        if stands:
            rows = [self.position_row(page, s, cites) for s in stands]
            head = ["Actor", "Stance", "Flexibility", "Key quote", "As of", "Sources"]
            out.append(self.table(f"Positions on {issue.title}", "xp-positions", head, rows))
        else:
            out.append('<p class="xp-none">No positions recorded yet.</p>\n')
        history = [s for s in stands if s.history]
        if history:
            out.append("## Earlier positions {#history}\n")
            for s in history:
                items = "\n".join(
                    f"<li>{self.time(p.as_of)}: {esc(p.stance)} "
                    f"({self.flexibility(p)}) {cites.cite(p.sources)}</li>"
                    for p in s.history
                )
                out.append(
                    f'<h3 id="history-{s.current.actor}">'
                    f"{esc(self.c.actors[s.current.actor].name)}</h3>\n"
                    f'<ul class="xp-history">\n{items}\n</ul>\n'
                )
        events = [e for e in facts.events_in_order(self.c) if issue.id in e.issues]
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

    def position_row(self, page: str, stand: facts.Stand, cites: _Citations) -> str:
        p = stand.current
        stance = f'<p class="xp-stance">{esc(p.stance)}</p>'
        more = []
        if p.detail:
            more.append(self.markdown(p.detail, page))
        for quote in p.quotes[1:]:
            more.append(self.quote(page, quote, cites, by=_other(quote.by, p.actor)))
        if more:
            stance += "<details><summary>More</summary>" + "".join(more) + "</details>"
        key_quote = (
            self.quote(page, p.quotes[0], cites, by=_other(p.quotes[0].by, p.actor))
            if p.quotes
            else '<span class="xp-none">None</span>'
        )
        earlier = (
            f'<br><a class="xp-earlier" href="#history-{p.actor}">{len(stand.history)} earlier</a>'
            if stand.history
            else ""
        )
        return (
            f'<tr id="position-{p.actor}">'
            f'<th scope="row" data-label="Actor">{self.actor_link(page, p.actor)}</th>'
            f'<td data-label="Stance">{stance}</td>'
            f'<td data-label="Flexibility">{self.flexibility(p)}</td>'
            f'<td data-label="Key quote">{key_quote}</td>'
            f'<td data-label="As of">{self.time(p.as_of)}{earlier}</td>'
            f'<td data-label="Sources">{cites.cite(p.sources)}</td></tr>'
        )

    def event_list(
        self, page: str, events: list[Event], cites: _Citations, *, compact: bool = False
    ) -> str:
        items = []
        for e in events:
            if compact:
                items.append(f"<li>{self.time(e.date)} {self.event_link(page, e)}</li>")
                continue
            parts = [
                f'<li id="{e.id}" class="xp-event">',
                f'<p class="xp-event__date">{self.time(e.date)}</p>',
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
            )
        ]
        out.append(
            "<p>Each cell is the newest position of the principal or of an actor affiliated "
            "with it. Follow a cell to the full row, with quotes and sources.</p>\n"
        )
        head = ["Issue", *(self.actor_link(page, p) for p in principals)]
        rows = []
        for issue in facts.issues_in_order(self.c):
            cells = [
                f'<th scope="row" data-label="Issue">{self.issue_link(page, issue.id)} '
                f"{self.status(issue)}</th>"
            ]
            for principal in principals:
                label = esc(self.c.actors[principal].name)
                stand = facts.matrix_cell(self.c, self.stands[issue.id], principal)
                if stand is None:
                    cells.append(
                        f'<td data-label="{label}"><span class="xp-none">No position recorded'
                        "</span></td>"
                    )
                    continue
                p = stand.current
                who = ""
                if p.actor != principal:
                    who = f'<span class="xp-who">{esc(self.c.actors[p.actor].name)}:</span> '
                target = href(page, f"issues/{issue.id}.md", f"position-{p.actor}")
                cells.append(
                    f'<td data-label="{label}"><a class="xp-cell" href="{target}">{who}'
                    f"{esc(p.stance)}</a> {self.flexibility(p)}</td>"
                )
            rows.append(f'<tr id="issue-{issue.id}">' + "".join(cells) + "</tr>")
        out.append(self.table("Positions by issue and principal", "xp-matrix", head, rows))
        return "\n".join(out)

    def timeline(self) -> str:
        page, cites = "timeline.md", _Citations()
        out = [self.front("Timeline", "Every event in date order, with actors and sources.")]
        groups: dict[PartialDate, list[Event]] = {}
        for e in facts.events_in_order(self.c):
            groups.setdefault(PartialDate(e.date.year, e.date.month), []).append(e)
        if not groups:
            out.append('<p class="xp-none">No events recorded yet.</p>\n')
        for month, events in groups.items():
            out.append(f"## {month.label} {{#month-{month}}}\n")
            out.append(self.event_list(page, events, cites))
        out.append(self.cited_sources(cites))
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
        description = f"{actor.name}: positions, quotes and events."
        out = [self.front(actor.name, description)]
        facts_list = [f"<dt>Kind</dt><dd>{actor.kind.capitalize()}</dd>"]
        if actor.role:
            facts_list.append(f"<dt>Role</dt><dd>{esc(actor.role)}</dd>")
        if actor.affiliation:
            link = self.actor_link(page, actor.affiliation)
            facts_list.append(f"<dt>Affiliation</dt><dd>{link}</dd>")
        member_ids = facts.members(self.c, actor.id)
        if member_ids:
            links = ", ".join(self.actor_link(page, m) for m in member_ids)
            facts_list.append(f"<dt>Members</dt><dd>{links}</dd>")
        if actor.aliases:
            facts_list.append(f"<dt>Also called</dt><dd>{esc(', '.join(actor.aliases))}</dd>")
        out.append('<dl class="xp-facts">' + "".join(facts_list) + "</dl>\n")
        if actor.summary:
            out.append(f'<div class="xp-summary">\n{self.markdown(actor.summary, page)}\n</div>\n')
        rows = []
        for issue in facts.issues_in_order(self.c):
            for stand in self.stands[issue.id]:
                if stand.current.actor != actor.id:
                    continue
                p = stand.current
                target = href(page, f"issues/{issue.id}.md", f"position-{actor.id}")
                rows.append(
                    f'<tr><th scope="row" data-label="Issue">'
                    f'<a href="{target}">{esc(issue.title)}</a></th>'
                    f'<td data-label="Stance">{esc(p.stance)}</td>'
                    f'<td data-label="Flexibility">{self.flexibility(p)}</td>'
                    f'<td data-label="As of">{self.time(p.as_of)}</td>'
                    f'<td data-label="Sources">{cites.cite(p.sources)}</td></tr>'
                )
        out.append("## Positions {#positions}\n")
        if rows:
            head = ["Issue", "Stance", "Flexibility", "As of", "Sources"]
            out.append(self.table(f"Positions of {actor.name}", "xp-actor-positions", head, rows))
        else:
            out.append('<p class="xp-none">No positions recorded.</p>\n')
        quotes = list(facts.actor_quotes(self.c, actor.id))
        if quotes:
            out.append("## Quotes {#quotes}\n")
            items = []
            for quote, kind, ref in quotes:
                where = (
                    self.issue_link(page, ref)
                    if kind == "issue"
                    else self.event_link(page, self.c.events[ref])
                )
                items.append(f"<li>{self.quote(page, quote, cites)}<p>On {where}</p></li>")
            out.append('<ul class="xp-quotes">\n' + "\n".join(items) + "\n</ul>\n")
        events = [e for e in facts.events_in_order(self.c) if actor.id in e.actors]
        if events:
            out.append("## Events {#events}\n")
            out.append(self.event_list(page, events, cites, compact=True))
        out.append(self.cited_sources(cites))
        return "\n".join(out)

    def sources(self) -> str:
        page = "sources.md"
        out = [self.front("Sources", "Every source the explainer cites.")]
        cited_by: dict[str, list[str]] = {sid: [] for sid in self.c.sources}
        for issue in facts.issues_in_order(self.c):
            ids = {s for p in issue.positions for s in p.sources}
            ids |= {q.source for p in issue.positions for q in p.quotes}
            for sid in sorted(ids):
                cited_by[sid].append(self.issue_link(page, issue.id))
        for e in facts.events_in_order(self.c):
            for sid in sorted({*e.sources, *(q.source for q in e.quotes)}):
                cited_by[sid].append(self.event_link(page, e))
        items = []
        for sid in sorted(self.c.sources, key=lambda sid: self.c.sources[sid].title.casefold()):
            item = self.source_item(sid, f"source-{sid}")[: -len("</li>")]
            if cited_by[sid]:
                item += '<p class="xp-cited-by">Cited on: ' + ", ".join(cited_by[sid]) + "</p>"
            items.append(item + "</li>")
        out.append('<ul class="xp-sources">\n' + "\n".join(items) + "\n</ul>\n")
        return "\n".join(out)

    def glossary(self) -> str:
        out = [self.front("Glossary", "The terms the explainer uses.")]
        items = "\n".join(
            f'<dt id="term-{slug(term)}">{esc(term)}</dt><dd>{esc(definition)}</dd>'
            for term, definition in self.c.glossary.items()
        )
        out.append(f'<dl class="xp-glossary">\n{items}\n</dl>\n')
        return "\n".join(out)


def _other(by: str | None, actor: str) -> str | None:
    """Name the speaker only when it is not the position's actor."""
    return by if by and by != actor else None


def _first_line(text: str) -> str:
    plain = re.sub(r"\[\[([^\]|]*)\|([^\]]*)\]\]", r"\2", text)
    plain = re.sub(r"\[\[([^\]]*)\]\]", r"\1", plain)
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)  # [text](url) -> text
    plain = " ".join(plain.replace("*", "").replace("`", "").split())
    return plain if len(plain) <= 200 else plain[:197].rsplit(" ", 1)[0] + "…"


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _md_text(text: str) -> str:
    """Plain text as a Markdown heading: HTML escaped, Markdown punctuation backslashed."""
    return re.sub(r"([\\`*_\[\]#<>&])", r"\\\1", text)
