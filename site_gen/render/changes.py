"""What changed: changes of position (was -> now) and first statements."""

from __future__ import annotations

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.facts import counted
from site_gen.render.base import LATEST_CHANGES, Citations, Renderer
from site_gen.render.paging import PAGE_ITEMS, pager, period, period_list
from site_gen.render.text import esc, href


def changes(r: Renderer, page: str) -> str:
    """The newest changes of position (was -> now), then the first statements summarised
    by date; or one period's older ones when there are too many for a page."""
    cites = Citations()
    when = period(page)
    if when:
        title, description = f"What changed: {when.label}", f"Changes of {when.label}"
    else:
        title, description = "What changed", "Every change of position"
    up = (page, "changes.md", "What changed") if when else ("", "", "")
    out = [
        r.front(
            title,
            f"{description}, newest first, with what each replaced; then first statements.",
            up=up,
        )
    ]
    listed = r.change_pages[page]
    archived = sum(n for path, n in r.change_counts.items() if path != "changes.md")
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
        f"timeline</a>. The explainer is current to {r.time(r.c.explainer.as_of)}.</p>\n"
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
        items = "\n".join(change_item(r, page, c, cites) for c in in_month)
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
            items = "\n".join(first_item(r, page, c, cites) for c in on_date)
            out.append(f'<ul class="xp-firsts">\n{items}\n</ul>\n')
    if when:
        paths = list(r.change_counts)
        out.append(pager(r, page, paths, "changes.md", "Changes", newest_first=True))
    elif archived:
        out.append("## Older changes {#older}\n")
        counts = r.change_counts
        out.append(period_list(page, counts, "position", level=3, newest_first=True))
    out.append(r.cited_sources(cites))
    return "\n".join(out)


def first_item(r: Renderer, page: str, change: facts.Change, cites: Citations) -> str:
    """A first statement in one line: who, on what, the stance and its sources."""
    p, issue_id = change.position, change.issues[0]
    assert p is not None
    anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
    later = "" if change.current else ' <span class="xp-change__on">(since changed)</span>'
    return (
        f'<li id="{change.anchor}">{r.actor_link(page, p.actor)} on '
        f"{r.issue_link(page, issue_id, anchor)}: {esc(p.stance)} "
        f"{cites.cite(p.sources)}{later}</li>"
    )


def change_item(r: Renderer, page: str, change: facts.Change, cites: Citations) -> str:
    """A change of position: who, on what, was (date, sources) -> now (date, sources)."""
    p, issue_id, was = change.position, change.issues[0], change.replaced
    assert p is not None and was is not None
    anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
    now = "Now" if change.current else "Became"
    parts = [
        f'<p class="xp-change__date">{r.time(change.date)}</p>',
        f'<p class="xp-change__what">{r.actor_link(page, p.actor)} on '
        f"{r.issue_link(page, issue_id, anchor)}</p>",
        '<dl class="xp-was-now">'
        f'<div class="xp-was"><dt>Was, as of {r.time(was.as_of, short=True)}</dt>'
        f"<dd>{esc(was.stance)} {cites.cite(was.sources)}</dd></div>"
        f'<div class="xp-now"><dt>{now}, as of {r.time(p.as_of, short=True)}</dt>'
        f"<dd>{esc(p.stance)} {cites.cite(p.sources)}</dd></div></dl>",
    ]
    if not change.current:
        parts.append('<p class="xp-change__on">Since replaced by a newer position</p>')
    return f'<li id="{change.anchor}" class="xp-change">{"".join(parts)}</li>'


def latest_changes(r: Renderer, page: str, *, issue: str = "", actor: str = "") -> str:
    """The box of an issue or actor page: its newest real changes of position (was -> now),
    linked to the changes page; nothing when no stand has changed."""
    found = r.changes_of.get(issue or actor, [])[:LATEST_CHANGES]
    if not found:
        return ""
    items = []
    for c in found:
        assert c.position is not None and c.replaced is not None
        who = r.c.actors[c.position.actor].name if issue else r.c.issues[c.issues[0]].title
        what = f"{esc(who)}: {esc(c.replaced.stance)} → {esc(c.position.stance)}"
        target = href(page, r.change_page[c.id], c.anchor)
        items.append(f'<li>{r.time(c.date)} <a href="{target}">{what}</a></li>')
    return (
        '<aside class="xp-box xp-latest-changes" aria-labelledby="latest-changes">\n'
        '<h2 id="latest-changes">Latest changes</h2>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n"
        f'<p><a href="{href(page, "changes.md")}">Everything that changed</a></p>\n'
        "</aside>\n"
    )
