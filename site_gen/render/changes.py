"""What changed: changes of a side's stand (was -> now, whoever voiced each), splits, and
first positions on record."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.facts import counted
from site_gen.model import Position
from site_gen.render.base import CLAIM_WORDS, LATEST_CHANGES, Citations, Renderer
from site_gen.render.paging import PAGE_ITEMS, pager, period, period_list
from site_gen.render.text import href


def changes(r: Renderer, page: str) -> str:
    """The newest changes of a side's stand (was -> now), the sides split on a date, then the
    first positions on record by date; or one period's older ones when there are too many
    for a page."""
    cites = Citations(r.c.sources)
    when = period(page)
    if when:
        title, description = f"What changed: {when.label}", f"Changes of {when.label}"
    else:
        title, description = "What changed", "Every change of position"
    up = (page, "changes.md", "What changed") if when else ("", "", "")
    out = [
        r.front(
            title,
            f"{description}, newest first, with what each replaced; then firsts on record.",
            up=up,
        )
    ]
    listed = r.change_pages[page]
    archived = sum(n for path, n in r.change_counts.items() if path != "changes.md")
    intro = r.block(
        "changes_intro.html",
        newest=PAGE_ITEMS if archived and not when else 0,
        timeline=href(page, "timeline.md"),
        as_of=Markup(r.time(r.c.explainer.as_of)),
    )
    out.append(intro + "\n")
    changed = [c for c in listed if c.is_change]
    firsts = [c for c in listed if c.nature == "first"]
    splits = [c for c in listed if c.split_with]
    out.append("## Changed positions {#changed}\n")
    if not changed:
        none = "in this period" if when else "yet"
        text = f"No stand has changed {none}: every stand recorded is its side’s first on record."
        out.append(r.block("none.html", text=text) + "\n")
    groups: dict[PartialDate, list[facts.Change]] = {}
    for change in changed:
        groups.setdefault(PartialDate(change.date.year, change.date.month), []).append(change)
    for month, in_month in groups.items():
        out.append(f"### {month.label} {{#month-{month}}}\n")
        items = [change_item(r, page, c, cites) for c in in_month]
        out.append(r.block("changes.html", changes=items) + "\n")
    if splits:
        out.append("## Sides split {#split}\n")
        voices: dict[tuple[str, str, PartialDate], list[facts.Change]] = {}
        for change in splits:
            voices.setdefault((change.issues[0], change.side, change.date), []).append(change)
        items = [split_item(r, page, group, cites) for group in voices.values()]
        out.append(r.block("splits.html", splits=items) + "\n")
    # A first stand that is the "was" of a change listed above is not told again.
    was_of = {_key(c.issues[0], c.replaced): c.anchor for c in changed if c.replaced}
    if firsts:
        out.append("## First on record {#first}\n")
        by_date: dict[PartialDate, list[facts.Change]] = {}
        for change in firsts:
            by_date.setdefault(change.date, []).append(change)
        for date, on_date in by_date.items():
            n = counted(len(on_date), "first position") + " on record"
            out.append(f"### {date.label} {{#first-{date}}}\n")
            out.append(r.block("count.html", count=n) + "\n")
            items = [first_item(r, page, c, cites, was_of) for c in on_date]
            out.append(r.block("firsts.html", firsts=items) + "\n")
    if when:
        paths = list(r.change_counts)
        out.append(pager(r, page, paths, "changes.md", "Changes", newest_first=True))
    elif archived:
        out.append("## Older changes {#older}\n")
        counts = r.change_counts
        out.append(period_list(r, page, counts, "position", level=3, newest_first=True))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def _key(issue: str, p: Position) -> tuple[str, str, str]:
    return (issue, p.actor, str(p.as_of))


def first_item(
    r: Renderer,
    page: str,
    change: facts.Change,
    cites: Citations,
    was_of: dict[tuple[str, str, str], str],
) -> dict[str, Any]:
    """A first position on record as `firsts.html` reads it: who, on what, the stance, its
    sources; or, for the "was" of a change on the page (`was_of`: its anchor), a link to it."""
    p, issue_id = change.position, change.issues[0]
    assert p is not None
    anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
    told = was_of.get(_key(issue_id, p), "")
    return {
        "anchor": change.anchor,
        "was_of": told,
        "actor": Markup(r.actor_link(page, p.actor)),
        "issue": Markup(r.issue_link(page, issue_id, anchor)),
        "stance": p.stance,
        "claim": _claim(p),
        # a mark is made only where it is shown: the list links back to each
        "cite": Markup("" if told else cites.cite(p.sources)),
        "current": change.current,
    }


def _claim(p: Position) -> dict[str, str]:
    """Whose claim a stance is, as the pages word it (`Says` only for the actor's own)."""
    claim = facts.claim_of(p)
    return {"kind": claim, "word": CLAIM_WORDS[claim]}


def _voice(r: Renderer, page: str, change: facts.Change, actor: str) -> Markup:
    """Who voiced a stand of a side, when it is not the side itself; else nothing."""
    return Markup(r.actor_link(page, actor)) if actor != change.side else Markup("")


def change_item(r: Renderer, page: str, change: facts.Change, cites: Citations) -> dict[str, Any]:
    """A change of a side's stand as `changes.html` reads it: the side, on what, was (voice,
    date, sources) -> now (voice, date, sources)."""
    p, issue_id, was = change.position, change.issues[0], change.replaced
    assert p is not None and was is not None
    anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
    return {
        "anchor": change.anchor,
        "date": Markup(r.time(change.date)),
        "actor": Markup(r.actor_link(page, change.side)),
        "issue": Markup(r.issue_link(page, issue_id, anchor)),
        "was_by": _voice(r, page, change, was.actor),
        "was_as_of": Markup(r.time(was.as_of, short=True)),
        "was": was.stance,
        "was_claim": _claim(was),
        "was_cite": Markup(cites.cite(was.sources)),
        "now_by": _voice(r, page, change, p.actor),
        "now_as_of": Markup(r.time(p.as_of, short=True)),
        "now": p.stance,
        "now_claim": _claim(p),
        "now_cite": Markup(cites.cite(p.sources)),
        "current": change.latest,
        "order_note": _order_note(facts.order_by_rule(was.as_of, p.as_of)),
    }


def _order_note(date: PartialDate | None) -> str:
    """Why a stand of a date with no day is listed before or after one of the same month."""
    if date is None:
        return ""
    missing = "day is" if date.month else "month and day are"
    return (
        f"The {missing} not given for {date.label}: it counts after the positions dated within "
        "it, as on the timeline, though it may have come before them."
    )


def split_item(
    r: Renderer, page: str, group: list[facts.Change], cites: Citations
) -> dict[str, Any]:
    """The voices of one side that differ on one date, as `splits.html` reads them (a voice
    whose stand is also a change keeps its anchor in the list of changes)."""
    first = group[0]
    voices = []
    for c in group:
        assert c.position is not None
        anchor = f"position-{c.position.actor}" if c.current else f"history-{c.position.actor}"
        voices.append(
            {
                # a change is listed (and anchored) above; a split voice only here
                "anchor": c.anchor if c.nature == "split" else "",
                "actor": Markup(r.actor_link(page, c.position.actor)),
                "href": href(page, f"issues/{c.issues[0]}.md", anchor),
                "stance": c.position.stance,
                "cite": Markup(cites.cite(c.position.sources)),
            }
        )
    return {
        "date": Markup(r.time(first.date)),
        "side": Markup(r.actor_link(page, first.side)),
        "issue": Markup(r.issue_link(page, first.issues[0])),
        "voices": voices,
    }


def latest_changes(r: Renderer, page: str, *, issue: str = "", actor: str = "") -> str:
    """The box of an issue or actor page: its newest real changes of position, linked to the
    changes page (which tells was -> now); nothing when no stand has changed. The box names
    who voiced each stand and when, not the stances: the page's table says those."""
    found = r.changes_of.get(issue or actor, [])[:LATEST_CHANGES]
    if not found:
        return ""
    items = []
    for c in found:
        assert c.position is not None and c.replaced is not None
        who = r.c.actors[c.side].name if issue else r.c.issues[c.issues[0]].title
        # Who voiced a stand goes without saying when the row or the page already names them:
        # not "Sudria: a new stand (Sudria), replacing that of 18 Feb 2025 (Sudria)".
        now_by = r.c.actors[c.position.actor].name
        was_by = r.c.actors[c.replaced.actor].name
        named = who if issue else r.c.actors[actor].name
        items.append(
            {
                "date": Markup(r.time(c.date)),
                "href": href(page, r.change_page[c.id], c.anchor),
                "who": who,
                "now_by": "" if now_by == named else now_by,
                "was_by": "" if was_by in (now_by, named) else was_by,
                "was_as_of": Markup(r.time(c.replaced.as_of, short=True)),
            }
        )
    everything = href(page, "changes.md")
    return r.block("latest_changes.html", changes=items, all=everything) + "\n"
