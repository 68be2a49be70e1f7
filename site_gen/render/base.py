"""The renderer the page modules share: the facts' orders and indexes, computed once per
site, and the small pieces every page uses (links, dates, badges, quotes, citations, sources,
front matter). Pure: no I/O, no MkDocs.

Pages are Markdown headings (for any generator's table of contents) around HTML blocks
(tables with header cells, `<time datetime>`, stable ids), so the output stays usable by
another Markdown site generator. Every text from YAML is escaped or sanitized here or by the
templates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.model import Actor, Content, Event, Issue, Position, Quote, Source
from site_gen.render import axis, indexes, templating, terms, trace
from site_gen.render.indexes import Indexes
from site_gen.render.paging import period
from site_gen.render.text import MarkdownRenderer, esc, href, yaml_str
from site_gen.render.text import Memo as MarkdownMemo

STATUS = {
    "open": "Open",
    "narrowing": "Narrowing",
    "agreed": "Agreed",
    "deadlocked": "Deadlocked",
}
# "Flexible", not "Open": the status of an issue is "Open", and one word means one thing.
FLEXIBILITY = {"red-line": "Red line", "firm": "Firm", "open": "Flexible", "unclear": "Unclear"}
STAND_WORDS = {
    "supports": "Supports",
    "rejects": "Rejects",
    "declined": "Declined",
    "uncovered": "Not covered by our sources",
}
"""The word of each kind of stand (`facts.PrincipalStand.kind`; a `stated` one takes the word
of its claim); the shape comes from CSS. Not covered is no stand: it says where the sources
stop, never what the principal thinks."""
CLAIM_WORDS = {"said": "Says", "reported": "Reported", "assessed": "In the source’s assessment"}
"""Whose claim a position is (`facts.claim_of`): "Says" only for the actor's own words, as
wire style keeps "said"."""
CLAIM_NOTES = {"said": "", "reported": "reported", "assessed": "in the source’s assessment"}
"""The same, after a stand on the options ("Supports X (reported)")."""
KIND_PLURAL = {
    "state": "States",
    "organization": "Organizations",
    "group": "Groups",
    "person": "People",
}
SHORT_QUOTE = 8
"""A quote of fewer words is shown inline, in quotation marks, not as a block quote."""
LATEST_EVENTS = 5
LATEST_CHANGES = 3
"""How many changes the "Latest changes" box of an issue or actor page lists."""


@dataclass
class Citations:
    """The sources cited on one page, numbered in order of first citation."""

    sources: Mapping[str, Source]
    numbers: dict[str, int] = field(default_factory=dict)
    uses: dict[str, int] = field(default_factory=dict)
    """How many marks of each source the page holds: the list links back to each."""
    _marks: dict[str, str] = field(default_factory=dict)

    def cite(self, source_ids: tuple[str, ...] | list[str]) -> str:
        """The marks `[1]` linking to the page's list of sources, each naming its source on
        hover (`title`) and to screen readers (`aria-label`), with an id the list links back
        to (`cite-ref-1-2`: the second mark of source 1). theme/assets/cite.js opens the
        source in place on tap, click or keyboard."""
        return "".join(self._mark(sid) for sid in source_ids)

    def _mark(self, sid: str) -> str:
        if sid not in self._marks:
            n = self.numbers.setdefault(sid, len(self.numbers) + 1)
            source = self.sources[sid]
            said = ", ".join(
                x for x in (source.publisher, source.published and source.published.short) if x
            )
            title = f"{said}: {source.title}" if said else source.title
            self._marks[sid] = (
                f'<a class="xp-cite" href="#cite-{n}" id="cite-ref-{n}-{{}}" title="{esc(title)}" '
                f'aria-label="Source {n}: {esc(source.title)}">[{n}]</a>'
            )
        k = self.uses[sid] = self.uses.get(sid, 0) + 1
        return self._marks[sid].replace("{}", str(k), 1)


@dataclass
class RenderMemo:
    """What a renderer keeps of its work to do it again faster: one per build, or the live
    preview's across saves (`render.site.PageCache`), never a module's."""

    markdown: MarkdownMemo = field(default_factory=MarkdownMemo)
    """Markdown fields converted to HTML."""
    source_items: dict[tuple[str, str, str], tuple[object, object, str]] = field(
        default_factory=dict
    )
    """Source list items by (id, anchor, more), with the source and templates they were made
    from (kept while those are the very same objects: the loader hands back unchanged facts
    as they were)."""


class Renderer(Indexes):
    """The facts of one site as every page reads them: `c` the content, and the orders and
    indexes of `Indexes` (its fields are the renderer's attributes), computed once, so each
    page costs its own size, not the site's."""

    def __init__(
        self, content: Content, templates: Path | None = None, memo: RenderMemo | None = None
    ) -> None:
        self.c = content
        self.env = templating.environment(templates)
        self.memo = RenderMemo() if memo is None else memo
        self.markdown = MarkdownRenderer(self._resolve, self.memo.markdown)
        self.recorder = trace.Recorder()
        super().__init__(**indexes.compute(content, self.recorder, self._derive))

    # -- links and small pieces -----------------------------------------------------------

    def ground(self, issue: Issue) -> facts.CommonGround:
        """The issue's common ground, derived once for the pages that show it."""
        return self.grounds[issue.id]

    def _derive(self, name: str) -> object:
        if name == "timeline_years":
            return axis.years(
                self.timeline_pages, lambda path: p.date if (p := period(path)) else None
            )
        if name == "cited_by":
            return cited_by(self)
        if name == "fact_terms":  # the glossary terms that name an actor or issue
            return terms.fact_terms(self.c)
        raise KeyError(name)

    def track(self) -> dict[str, object]:
        """From now on, record what each page reads (`trace`): the content and every field of
        `Indexes` are replaced by views that record their reads into `self.recorder`. Returns
        the untracked state by name, to compare a later render's reads against."""
        content = trace.TrackedContent(self.recorder, self.c)
        state: dict[str, object] = content.state()
        views, untracked = indexes.tracked(self, self.recorder)
        for name, view in views.items():
            object.__setattr__(self, name, view)  # the fields are frozen to all but this
        state.update(untracked)
        self.c = content  # type: ignore[assignment]  # read as the Content it stands for
        return state

    def inline(self, text: str, page: str) -> str:
        """Markdown as HTML without the paragraph around it, when it is one paragraph."""
        html = self.markdown(text, page)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[len("<p>") : -len("</p>")]
        return html

    def table(
        self, label: str, cls: str, head: list[str], rows: list[str], *, searched: bool = True
    ) -> str:
        """A table with column headers (HTML) and rows (HTML), in a region that scrolls on its
        own if it must (`table.html`). `searched=False` keeps it out of the search index: a
        table whose cells repeat other pages' facts would show as one run-on snippet."""
        return templating.table(self.env, label, cls, head, rows, searched=searched)

    def block(self, name: str, /, **context: object) -> str:
        """An HTML block from its template (`site_gen/render/templates/<name>`, or the site's
        override of it)."""
        return templating.block(self.env, name, **context)

    def _resolve(self, id: str) -> tuple[str, str, str]:
        if id in self.names:
            return f"actors/{id}.md", "", self.names[id]
        if id in self.titles:
            return f"issues/{id}.md", "", self.titles[id]
        return self.event_page[id], id, self.c.events[id].title

    def actor_link(self, page: str, id: str) -> str:
        return f'<a href="{href(page, f"actors/{id}.md")}">{esc(self.names[id])}</a>'

    def issue_link(self, page: str, id: str, anchor: str = "") -> str:
        target = href(page, f"issues/{id}.md", anchor)
        return f'<a href="{target}">{esc(self.titles[id])}</a>'

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

    def quote(
        self,
        page: str,
        quote: Quote,
        cites: Citations,
        *,
        by: str | None = None,
        cited: tuple[str, ...] = (),
    ) -> str:
        """A quote: the words, who said them, when, and the source number. A long one as a
        figure; a short one (fewer than `SHORT_QUOTE` words) inline, without a mark of its
        own when its source is among `cited`, the sources the text around it cites."""
        parts = []
        if by:
            parts.append(self.actor_link(page, by))
        if quote.date:
            parts.append(self.time(quote.date, short=True))
        short = len(quote.text.split()) < SHORT_QUOTE
        cite = "" if short and quote.source in cited else cites.cite([quote.source])
        return self.block(
            "quote_inline.html" if short else "quote.html",
            text=quote.text,
            attribution=Markup(", ".join(parts)),
            cite=Markup(cite),
            checked=quote.source in self.c.source_texts,
        )

    def source_item(self, sid: str, anchor: str, more: str = "") -> str:
        """A source as a list item, in full: title (linked), author, publisher, date, address
        and archived copy, saying which of the outlet and the address are not given; then
        `more` (HTML)."""
        source = self.c.sources[sid]
        # The same few sources are listed on many pages, and again after each save.
        key = (sid, anchor, more)
        kept = self.memo.source_items
        hit = kept.get(key)
        if hit is not None and hit[0] is source and hit[1] is self.env:
            return hit[2]
        if len(kept) >= 50_000:
            kept.clear()
        item = self.block(
            "source.html",
            anchor=anchor,
            title=source.title,
            url=source.url,
            archived_url=source.archived_url,
            publisher=source.publisher,
            author=source.author,
            published=source.published,
            more=Markup(more),
        )
        kept[key] = (source, self.env, item)
        return item

    def cited_sources(self, cites: Citations) -> str:
        """The heading and list of the sources cited on a page, or nothing."""
        if not cites.numbers:
            return ""
        items = [
            Markup(self.source_item(sid, f"cite-{n}", _back_links(n, cites.uses[sid])))
            for sid, n in cites.numbers.items()
        ]
        return "## Sources {#sources}\n\n" + self.block("cited_sources.html", items=items) + "\n"

    def event_links(self, page: str, events: list[Event], tag: str, cls: str) -> str:
        """A short list of events (`event_links.html`): date and linked title, expected ones
        marked; `tag` is `ul` or `ol`."""
        items = [
            {
                "date": Markup(self.time(e.date)),
                "href": href(page, self.event_page[e.id], e.id),
                "title": e.title,
                "expected": e.expected,
            }
            for e in events
        ]
        return self.block("event_links.html", tag=tag, cls=cls, events=items) + "\n"

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

    @property
    def timeline_years(self) -> list[axis.Year]:
        return self.derived["timeline_years"]  # type: ignore[return-value]

    def age(self, position: Position) -> str:
        """How old the position is at the explainer's as_of, flagged when past the threshold."""
        ex = self.c.explainer
        label = facts.age_label(position.as_of, ex.as_of)
        text = label if label.startswith("same") else f"{label} earlier"
        if facts.days_before(position.as_of, ex.as_of)[0] > ex.stale_after_days:
            return f'<span class="xp-age xp-age--stale">{text}; may be out of date</span>'
        return f'<span class="xp-age">{text}</span>'

    def age_note(self) -> str:
        return self.block("age_note.html", date=Markup(self.time(self.c.explainer.as_of))) + "\n"


def _back_links(n: int, uses: int) -> str:
    """Links from source `n` in a page's list back to each of its `uses` marks."""
    links = " ".join(
        f'<a href="#cite-ref-{n}-{k}" aria-label="Back to mark {k} of {uses}">↑{k if uses > 1 else ""}</a>'
        for k in range(1, uses + 1)
    )
    return f' <span class="xp-back">{links}</span>'


def said_in(quote: Quote, text: str) -> bool:
    """Whether a short quote's words already stand in `text` (a stance that quotes them):
    then they go without saying again."""
    return len(quote.text.split()) < SHORT_QUOTE and quote.text.casefold() in text.casefold()


def _md_text(text: str) -> str:
    """Plain text as a Markdown heading: `&` and `<` as entities, Markdown punctuation
    backslashed (`{` too, or attr_list reads `{onclick=...}` as attributes), line breaks
    (Markdown reads a CR as one too) as spaces."""
    text = re.sub(r"([\\`*_\[\]{}#>])", r"\\\1", re.sub(r"[\r\n]+", " ", text))
    # Markdown keeps the backslash before `&` and `<`: entities show them as written.
    return text.replace("&", "&amp;").replace("<", "&lt;")


def cited_by(r: Renderer) -> dict[str, list[Issue | Event]]:
    """The issues and events citing each source, issues first, each in the site's order."""
    citing: dict[str, list[Issue | Event]] = {sid: [] for sid in r.c.sources}
    for issue in r.issues:
        ids = {s for p in issue.positions for s in p.sources}
        ids |= {q.source for p in issue.positions for q in p.quotes}
        for sid in sorted(ids):
            citing[sid].append(issue)
    for e in r.events:
        for sid in sorted({*e.sources, *(q.source for q in e.quotes)}):
            citing[sid].append(e)
    return citing
