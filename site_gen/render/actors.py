"""The actors index and an actor page: positions, quotes, events."""

from __future__ import annotations

from markupsafe import Markup

from site_gen import facts
from site_gen.facts import counted
from site_gen.model import Actor
from site_gen.render.base import (
    CLAIM_WORDS,
    KIND_PLURAL,
    SHORT_QUOTE,
    STAND_WORDS,
    Citations,
    Renderer,
)
from site_gen.render.changes import latest_changes
from site_gen.render.glossary import defined_here
from site_gen.render.marks import OptionMarks
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import href
from site_gen.render.timeline import event_list


def actors_index(r: Renderer) -> str:
    """Who's who: a card per principal (the sides of the matrix) with the people who speak for
    it, then every other actor by kind."""
    page = "actors/index.md"
    out = [r.front("Actors", "The people, states and organizations in the talks.")]
    principals = [p for p in r.c.explainer.principals if p in r.c.actors]
    shown = set(principals)
    if principals:
        sides = []
        for pid in principals:
            side = r.c.actors[pid]
            people = [r.c.actors[m] for m in facts.members(r.c, pid)]
            shown.update(m.id for m in people)
            sides.append(
                {
                    "id": pid,
                    "href": href(page, f"actors/{pid}.md"),
                    "name": side.name,
                    "about": side.role or side.kind.capitalize(),
                    "held": _held(r, pid),
                    "people": [_entry(r, page, m) for m in people],
                }
            )
        rest = "; then everyone else the explainer cites" if len(shown) < len(r.c.actors) else ""
        out.append(
            '<p class="xp-intro">The sides whose positions fill the matrix, each with who '
            f"speaks for it{rest}.</p>\n"
        )
        out.append("## The sides {#sides}\n")
        out.append(r.block("actors_sides.html", sides=sides) + "\n")
    others = [a for a in r.actors_in_order() if a.id not in shown]
    for kind, plural in KIND_PLURAL.items():
        actors = [a for a in others if a.kind == kind]
        if not actors:
            continue
        title = f"Other {plural.lower()}" if principals else plural
        out.append(f"## {title} {{#{kind}}}\n")
        entries = [_entry(r, page, a) for a in actors]
        out.append(r.block("actors_list.html", actors=entries) + "\n")
    return "\n".join(out)


def _held(r: Renderer, actor_id: str) -> str:
    """ "positions on 3 issues", "a position on 1 issue", or "" for an actor with none."""
    n = len(r.stands_of.get(actor_id, []))
    if n == 1:
        return "a position on 1 issue"
    return f"positions on {counted(n, 'issue')}" if n else ""


def _entry(r: Renderer, page: str, actor: Actor) -> dict[str, object]:
    """An actor as the index lists it: link, role, affiliation (a link) and positions held."""
    affiliation = r.actor_link(page, actor.affiliation) if actor.affiliation else ""
    return {
        "href": href(page, f"actors/{actor.id}.md"),
        "name": actor.name,
        "role": actor.role or "",
        "affiliation": Markup(affiliation),
        "held": _held(r, actor.id),
    }


def actor(r: Renderer, actor: Actor) -> str:
    page, cites = f"actors/{actor.id}.md", Citations(r.c.sources)
    og_type = "profile" if actor.kind == "person" else "website"
    up = (page, "actors/index.md", "Actors")
    out = [r.front(actor.name, actor_description(r, actor), og_type=og_type, up=up)]
    member_ids = facts.members(r.c, actor.id)
    affiliation = r.actor_link(page, actor.affiliation) if actor.affiliation else ""
    facts_block = r.block(
        "actor-facts.html",
        role=actor.role,
        affiliation=Markup(affiliation),
        members=Markup(", ".join(r.actor_link(page, m) for m in member_ids)),
        aliases=", ".join(actor.aliases),
    )
    out.append(facts_block + "\n")
    if actor.summary:
        out.append(r.block("summary.html", summary=Markup(r.markdown(actor.summary, page))) + "\n")
    out.append(defined_here(r, page))
    out.append(latest_changes(r, page, actor=actor.id))
    rows = []
    as_of = r.c.explainer.as_of
    held = r.stands_of.get(actor.id, [])
    marks = OptionMarks()
    # One date for every row is said once, above the table; else each row has its own.
    dated = len({stand.current.as_of for _, stand in held[:PAGE_ITEMS]}) > 1
    # Past a page of rows the list goes on on the issue pages (and, for a principal, in its
    # column of the matrix): a page per actor stays small however many issues there are.
    for issue, stand in held[:PAGE_ITEMS]:
        p = stand.current
        target = href(page, f"issues/{issue.id}.md", f"position-{actor.id}")
        flexibility = f" {r.flexibility(p)}" if p.flexibility else ""
        when = r.time(p.as_of, short=True)
        if p.as_of != as_of:  # the explainer's own day goes without saying
            when += f"<br>{r.age(p)}"
        claim = facts.claim_of(p)
        labels = {o.id: o.label for o in issue.options}
        said = [
            {
                "kind": kind,
                "word": STAND_WORDS[kind],
                "option": labels[o],
                "mark": marks.of(issue, o),
            }
            for kind, ids in (("supports", p.supports), ("rejects", p.rejects))
            for o in ids
        ]
        row = r.block(
            "actor-position.html",
            href=target,
            issue=issue.title,
            claim=claim,
            claim_word=CLAIM_WORDS[claim],
            declined=p.declined,
            stance=p.stance,
            said=said,
            flexibility=Markup(flexibility),
            when=Markup(when) if dated else "",
            cites=Markup(cites.cite(p.sources)),
        )
        rows.append(str(row))
    out.append("## Positions {#positions}\n")
    if rows:
        if dated:
            out.append(r.age_note())
        else:
            date = Markup(r.time(held[0][1].current.as_of, short=True))
            out.append(r.block("positions_as_of.html", date=date) + "\n")
        head = ["Issue", "Stance", "As of", "Sources"] if dated else ["Issue", "Stance", "Sources"]
        out.append(r.table(f"Positions of {actor.name}", "xp-actor-positions", head, rows))
        if len(held) > PAGE_ITEMS:
            where = "each issue’s page"
            if actor.id in r.c.explainer.principals:
                matrix = href(page, "positions.md")
                where += f' and in its column of the <a href="{matrix}">positions</a>'
            out.append(
                f'<p class="xp-more">The first {PAGE_ITEMS} of {counted(len(held), "issue")}, '
                f"in the order of the issues index; the others are on {where}.</p>\n"
            )
    else:
        out.append(r.block("none.html", text="No positions recorded.") + "\n")
    # A short quote a stance above already holds is not said again.
    # (`said_in`, with each stance folded once rather than once per quote)
    stances = [stand.current.stance.casefold() for _, stand in held[:PAGE_ITEMS]]
    # Words recorded on a position and again on an event are listed once, where first found.
    quotes, seen = [], set()
    for quote, kind, ref in r.quotes_of.get(actor.id, []):
        if quote.text in seen:
            continue
        short = len(quote.text.split()) < SHORT_QUOTE
        if short and any(quote.text.casefold() in s for s in stances):
            continue
        seen.add(quote.text)
        quotes.append((quote, kind, ref))
    if quotes:
        out.append("## Quotes {#quotes}\n")
        items = []
        for quote, kind, ref in quotes[:PAGE_ITEMS]:
            where = (
                r.issue_link(page, ref) if kind == "issue" else r.event_link(page, r.c.events[ref])
            )
            items.append({"quote": Markup(r.quote(page, quote, cites)), "where": Markup(where)})
        out.append(r.block("actor-quotes.html", quotes=items) + "\n")
        if len(quotes) > PAGE_ITEMS:
            more = len(quotes) - PAGE_ITEMS
            out.append(
                f'<p class="xp-more">The first {PAGE_ITEMS}, by issue; {more} more are with '
                "the positions and events they were said in.</p>\n"
            )
    events = r.events_of.get(actor.id, [])
    if events:
        out.append("## Events {#events}\n")
        out.append(event_list(r, page, events, cites, compact=True))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def actor_description(r: Renderer, actor: Actor) -> str:
    who = actor.name
    if actor.role and actor.affiliation:
        who += f", {actor.role} ({r.c.actors[actor.affiliation].name})"
    elif actor.role:
        who += f", {actor.role}"
    n = len(r.stands_of.get(actor.id, []))
    where = f"on {counted(n, 'issue')}" if n else ""
    return f"{who}: positions {where}, quotes and events.".replace("positions ,", "positions,")
