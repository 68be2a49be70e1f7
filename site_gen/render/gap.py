"""How far apart the sides are on an issue: the options on the table, each with the actors
for and against it (on a scale, who moved from where), and the Gap/Apart line under them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from site_gen import facts
from site_gen.model import Issue, Position
from site_gen.render.base import Renderer
from site_gen.render.marks import OptionMarks


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


def ground_line(r: Renderer, ground: facts.CommonGround) -> dict[str, str] | None:
    """The common ground or the gap between the principals on record, in one line, or None
    when the issue lists no options. When the sources do not cover a principal, the line says
    so and speaks of the sides on record only."""

    def names(ids: tuple[str, ...]) -> str:
        return and_([r.c.actors[i].name for i in ids])

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
        text = _apart(ground, names) or f"{names(tuple(sides))} back different options"
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


def _apart(ground: facts.CommonGround, names: Callable[[tuple[str, ...]], str]) -> str:
    """Who backs which option, by group, the larger first, without the labels the stands
    above give: "Norland and Sudria back one option, Varn Hill Council another". Empty when
    fewer than two groups (a side backing every option apart)."""
    groups: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for o in ground.apart:
        group = tuple(i for i in o.supporters if i not in seen)
        if group:
            groups.append(group)
            seen.update(group)
    if len(groups) < 2:
        return ""
    groups.sort(key=len, reverse=True)  # the larger side first; ties in the options' order
    first, rest = groups[0], groups[1:]
    return f"{names(first)} {_verb(first, 'back')} one option, " + ", ".join(
        f"{names(g)} another" for g in rest
    )


def _verb(ids: tuple[str, ...], verb: str) -> str:
    """`verb` agreeing with the number of actors `ids` names: "rejects", "reject"."""
    return f"{verb}s" if len(ids) == 1 else verb


def and_(names: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
