"""The issues index and an issue page: status, options on the table, positions."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from site_gen import facts
from site_gen.model import Issue, Position
from site_gen.render.base import (
    CLAIM_NOTES,
    CLAIM_WORDS,
    STAND_WORDS,
    STATUS,
    Citations,
    OptionMarks,
    Renderer,
    said_in,
)
from site_gen.render.changes import latest_changes
from site_gen.render.glossary import defined_here
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


def ground_line(r: Renderer, ground: facts.CommonGround) -> dict[str, str] | None:
    """The common ground or the gap between the principals on record, in one line, or None
    when the issue lists no options. When the sources do not cover a principal, the line says
    so and speaks of the sides on record only."""

    def names(ids: tuple[str, ...]) -> str:
        return _and([r.c.actors[i].name for i in ids])

    uncovered = ground.uncovered
    hedge = ""
    if uncovered:
        verb = "is" if len(uncovered) == 1 else "are"
        hedge = f" {names(uncovered)} {verb} not covered by our sources."
    every = "every side on record" if uncovered else "every principal"
    if ground.agreed:
        labels = "; ".join(o.label for o in ground.agreed)
        return {"label": "Common ground", "text": f"{labels}, supported by {every}.{hedge}"}
    # The gap and the sides apart are said by who, not by the options' labels: the stands
    # just above (the options on an issue page, each principal's stand on the home page)
    # already name each option with its supporters and rejecters.
    if ground.gaps:
        text = "; ".join(
            f"{names(g.rejecters)} {_verb(g.rejecters, 'reject')} an option "
            f"{names(g.supporters)} {_verb(g.supporters, 'support')}"
            for g in ground.gaps
        )
        return {"label": "Gap", "text": f"{text}.{hedge}"}
    if ground.apart:
        sides = dict.fromkeys(i for o in ground.apart for i in o.supporters)
        text = f"{names(tuple(sides))} back different options"
        of = "of every side on record" if uncovered else "of both sides"
        if not uncovered and len(sides) > 2:
            of = "of every principal"
        return {"label": "Apart", "text": f"{text}; no option has the support {of}.{hedge}"}
    rejected = [o for o in ground.options if o.rejecters]
    if rejected:
        text = "; ".join(f"{o.option.label}, rejected by {names(o.rejecters)}" for o in rejected)
        none = (
            "of the sides on record, none supports it" if uncovered else "no principal supports it"
        )
        return {"label": "No support", "text": f"{text}; {none}.{hedge}"}
    supported = [o for o in ground.options if o.supporters]
    if supported:
        text = "; ".join(f"{o.option.label}, supported by {names(o.supporters)}" for o in supported)
        other = "no other side on record" if uncovered else "no other principal"
        return {"label": "Support", "text": f"{text}; {other} takes a stand on it.{hedge}"}
    return None


def _verb(ids: tuple[str, ...], verb: str) -> str:
    """`verb` agreeing with the number of actors `ids` names: "rejects", "reject"."""
    return f"{verb}s" if len(ids) == 1 else verb


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
        names = _and([r.c.actors[a].name for a in uncovered])
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


def options(
    r: Renderer, page: str, issue: Issue, stands: list[facts.Stand], marks: OptionMarks
) -> str:
    """The options on the table: each with the actors for and against it (current
    positions); on a scale, where an actor stood before when it has moved."""
    ids = [o.id for o in issue.options]

    def who(p: Position) -> dict[str, object]:
        return {
            "name": r.c.actors[p.actor].name,
            "href": f"#position-{p.actor}",
            "via": "",
            "moved": "",
            "moved_as_of": "",
            "arrow": "",
        }

    views: dict[str, dict[str, Any]] = {
        o.id: {
            "id": o.id,
            "label": o.label,
            "mark": marks.of(issue, o.id),
            "supporters": [],
            "rejecters": [],
            "left": [],
        }
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
                later = ids.index(oid) > ids.index(old)
                entry["arrow"] = "→" if later else "←"
                entry["direction"] = "later" if later else "earlier"
                entry["moved"] = views[old]["label"]
                entry["moved_as_of"] = Markup(r.time(before.as_of, short=True))
                views[old]["left"].append(
                    {
                        "name": r.c.actors[p.actor].name,
                        "href": f"#history-{p.actor}",
                        "until": Markup(r.time(p.as_of, short=True)),
                        "to": views[oid]["label"],
                    }
                )
            views[oid]["supporters"].append(entry)
        for oid in p.rejects:
            views[oid]["rejecters"].append(who(p))
    return (
        r.block(
            "options.html",
            ordered=issue.options_ordered,
            options=[views[o.id] for o in issue.options],
        )
        + "\n"
    )


def _other(by: str | None, actor: str) -> str | None:
    """Name the speaker only when it is not the position's actor."""
    return by if by and by != actor else None


def _and(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
