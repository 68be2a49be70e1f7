"""The issues index and an issue page: status, options on the table, positions."""

from __future__ import annotations

from markupsafe import Markup

from site_gen import facts
from site_gen.model import Issue
from site_gen.render.base import (
    CLAIM_NOTES,
    CLAIM_WORDS,
    STAND_WORDS,
    STATUS,
    Citations,
    Renderer,
    said_in,
)
from site_gen.render.changes import latest_changes
from site_gen.render.gap import and_, ground_line, options
from site_gen.render.glossary import defined_here
from site_gen.render.marks import OptionMarks
from site_gen.render.meta import issue_article, script_json
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import href
from site_gen.render.timeline import event_list


def stand_rows(
    r: Renderer,
    page: str,
    issues: list[Issue],
    cites: Citations,
    marks: OptionMarks,
    *,
    level: int = 3,
) -> str:
    """A row per issue: question, status with its reason and sources (from the status
    history), each principal's stand, the common ground or the gap. `level`: the heading
    level of the questions."""
    rows = []
    for issue in issues:
        since = facts.status_trend(issue).since
        ground = r.ground(issue)
        stands = [
            {
                "who": r.c.actors[ps.principal].name,
                "via": r.c.actors[ps.stand.current.actor].name
                if ps.stand and ps.stand.current.actor != ps.principal
                else "",
                "parts": stand_parts(r, issue, ps, marks),
            }
            for ps in ground.principals
        ]
        rows.append(
            {
                "id": issue.id,
                "href": href(page, f"issues/{issue.id}.md"),
                "question": issue.question,
                "status": status_view(r, issue),
                "reason": since.reason if since else "",
                "reason_cite": Markup(cites.cite(since.sources)) if since else "",
                "stands": stands,
                "ground": ground_line(r, ground),
            }
        )
    return r.block("stand_rows.html", rows=rows, level=level) + "\n"


def stand_parts(
    r: Renderer, issue: Issue, ps: facts.PrincipalStand, marks: OptionMarks
) -> list[dict[str, str]]:
    """What a principal's stand says, part by part: `kind`, `word`, `text`, `mark` (the CSS
    class of the option a part is about, or empty) and `claim` (whose claim it is, after a
    stand on the options: "reported", or empty for the actor's own). A stand on the options
    has a part per option, each with that option's label and mark."""
    labels = {o.id: o.label for o in issue.options}
    if ps.stand is None:
        word = STAND_WORDS["uncovered"]
        return [{"kind": "uncovered", "word": word, "text": "", "mark": "", "claim": ""}]
    p = ps.stand.current
    claim = facts.claim_of(p)
    if ps.kind in ("stated", "declined"):
        word = CLAIM_WORDS[claim] if ps.kind == "stated" else STAND_WORDS["declined"]
        return [{"kind": ps.kind, "word": word, "text": p.stance, "mark": "", "claim": ""}]
    parts = [
        {
            "kind": kind,
            "word": STAND_WORDS[kind],
            "text": labels[i],
            "mark": marks.of(issue, i),
            "claim": "",
        }
        for kind, ids in (("supports", ps.supports), ("rejects", ps.rejects))
        for i in ids
    ]
    parts[-1]["claim"] = CLAIM_NOTES[claim]
    return parts


def status_view(r: Renderer, issue: Issue) -> dict[str, object]:
    """The status as `status_line.html` reads it: badge, since when, which way it moved."""
    trend = facts.status_trend(issue)
    since = trend.since
    # "as of" the explainer's own date goes without saying: the page says it once.
    if since and not trend.previous and since.since == r.c.explainer.as_of:
        since = None
    return {
        "badge": Markup(r.status(issue)),
        "since": Markup(r.time(since.since, short=True)) if since else "",
        "since_word": "since" if trend.previous else "as of",
        "direction": trend.direction,
        "was": STATUS[trend.previous.status] if trend.previous else "",
    }


def status_line(r: Renderer, issue: Issue) -> str:
    """The status badge, since when (from the status history) and which way it moved."""
    return r.block("status_line.html", status=status_view(r, issue))


def issues_index(r: Renderer) -> str:
    page = "issues/index.md"
    out = [r.front("Issues", "Every question of the negotiation and where it stands.")]
    cites = Citations(r.c.sources)
    marks = OptionMarks()
    out.append(stand_rows(r, page, r.issues[:PAGE_ITEMS], cites, marks, level=2))
    # Past PAGE_ITEMS, a row per issue would make this page grow past a megabyte at 1,000
    # issues: the others are listed by question and status, each page shows the rest.
    rest = r.issues[PAGE_ITEMS:]
    if rest:
        out.append("## More issues {#more-issues}\n")
        out.append(issue_links(r, page, rest, "xp-more-issues"))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def issue(r: Renderer, issue: Issue) -> str:
    page, cites = f"issues/{issue.id}.md", Citations(r.c.sources)
    article = script_json(issue_article(r.c, issue))
    out = [
        r.front(
            issue.title,
            issue.question,
            og_type="article",
            jsonld=article,
            up=(page, "issues/index.md", "Issues"),
        )
    ]
    out.append(r.block("question.html", question=issue.question) + "\n")
    out.append(r.block("issue_status.html", status=status_view(r, issue)) + "\n")
    history = sorted(issue.status_history, key=lambda h: h.since, reverse=True)
    if history:
        cite = Markup(cites.cite(history[0].sources))
        out.append(r.block("status_reason.html", reason=history[0].reason, cite=cite) + "\n")
    if len(history) > 1:
        entries = [
            {
                "badge": Markup(r.status(issue, h.status)),
                "since": Markup(r.time(h.since, short=True)),
                "reason": h.reason,
                "cite": Markup(cites.cite(h.sources)),
            }
            for h in history[1:]
        ]
        out.append(r.block("status_history.html", entries=entries) + "\n")
    out.append(r.block("summary.html", summary=Markup(r.markdown(issue.summary, page))) + "\n")
    out.append(defined_here(r, page))
    out.append(latest_changes(r, page, issue=issue.id))
    stands = r.stands[issue.id]
    marks = OptionMarks()
    if issue.options:
        out.append("## The options on the table {#options}\n")
        out.append(options(r, page, issue, stands, marks))
        line = ground_line(r, r.ground(issue))
        if line:
            out.append(r.block("ground.html", **line) + "\n")
    out.append("## Positions {#positions}\n")
    if stands:
        # One date for every row is said once, above the table; else each row has its own.
        dates = {s.current.as_of for s in stands}
        dated = len(dates) > 1
        if dated:
            out.append(r.age_note())
        else:
            when = Markup(r.time(stands[0].current.as_of, short=True))
            out.append(r.block("positions_as_of.html", date=when) + "\n")
        rows = [position_row(r, page, issue, s, cites, marks, dated=dated) for s in stands]
        head = (
            ["Actor", "Position", "As of", "Sources"] if dated else ["Actor", "Position", "Sources"]
        )
        out.append(r.table(f"Positions on {issue.title}", "xp-positions", head, rows))
    else:
        out.append(r.block("none.html", text="No positions recorded yet.") + "\n")
    uncovered = r.ground(issue).uncovered
    if uncovered:
        names = and_([r.c.actors[a].name for a in uncovered])
        out.append(r.block("uncovered.html", names=names) + "\n")
    earlier = [s for s in stands if s.history]
    if earlier:
        out.append("## Earlier positions {#history}\n")
        for s in earlier:
            positions = [
                {
                    "date": Markup(r.time(p.as_of, short=True)),
                    "stance": p.stance,
                    "flexibility": Markup(r.flexibility(p)),
                    "cite": Markup(cites.cite(p.sources)),
                }
                for p in s.history
            ]
            actor = s.current.actor
            name = r.c.actors[actor].name
            out.append(r.block("history.html", id=actor, name=name, positions=positions) + "\n")
    events = r.events_of.get(issue.id, [])
    if events:
        out.append("## Timeline {#timeline}\n")
        out.append(event_list(r, page, events, cites, compact=True))
    if issue.related:
        out.append("## Related issues {#related}\n")
        related = [r.c.issues[rid] for rid in issue.related]
        out.append(issue_links(r, page, related, "xp-related"))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def position_row(
    r: Renderer,
    page: str,
    issue: Issue,
    stand: facts.Stand,
    cites: Citations,
    marks: OptionMarks,
    *,
    dated: bool = True,
) -> str:
    """A position as a row (`position_row.html`): what exists of it and nothing else (no
    "None", no "Not stated"), each thing once: the stance, its stands on the options (each with
    its option's mark), the flexibility, the quotes the stance does not already hold (a short
    one inline), the detail under "More"; the date and its age unless the table says the one
    date of every row (`dated=False`)."""
    p = stand.current
    labels = {o.id: o.label for o in issue.options}
    said = [
        {"kind": kind, "word": STAND_WORDS[kind], "option": labels[o], "mark": marks.of(issue, o)}
        for kind, ids in (("supports", p.supports), ("rejects", p.rejects))
        for o in ids
    ]
    quotes = [
        Markup(r.quote(page, q, cites, by=_other(q.by, p.actor), cited=p.sources))
        for q in p.quotes
        if _other(q.by, p.actor) or not said_in(q, p.stance)
    ]
    quote = quotes[0] if quotes else ""
    more = [Markup(r.markdown(p.detail, page))] if p.detail else []
    more += quotes[1:]
    when = r.time(p.as_of, short=True)
    if p.as_of != r.c.explainer.as_of:
        when += f"<br>{r.age(p)}"
    if p.declined:
        said.insert(
            0, {"kind": "declined", "word": STAND_WORDS["declined"], "option": "", "mark": ""}
        )
    claim = facts.claim_of(p)
    return r.block(
        "position_row.html",
        id=p.actor,
        actor=Markup(r.actor_link(page, p.actor)),
        actor_name=r.names[p.actor],
        claim=claim,
        claim_word=CLAIM_WORDS[claim],
        stance=p.stance,
        said=said,
        flexibility=Markup(r.flexibility(p)),
        quote=Markup(quote),
        more=more,
        when=Markup(when) if dated else "",
        earlier=len(stand.history),
        cites=Markup(cites.cite(p.sources)),
    )


def issue_links(r: Renderer, page: str, issues: list[Issue], cls: str) -> str:
    """A list of issues (`issue_links.html`), each linked, with its status badge."""
    items = [
        {"href": href(page, f"issues/{i.id}.md"), "title": i.title, "status": Markup(r.status(i))}
        for i in issues
    ]
    return r.block("issue_links.html", cls=cls, issues=items) + "\n"


def _other(by: str | None, actor: str) -> str | None:
    """Name the speaker only when it is not the position's actor."""
    return by if by and by != actor else None
