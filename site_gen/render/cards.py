"""The share card of each page, as a small spec drawn from the facts. Pure: no MkDocs, no pixels.

A card is a function of its `Card`: the drawing (`site_gen/draw.py`) reads nothing else, so a
card whose spec is unchanged is not drawn again (its hash keys the cache). An issue's card
shows its question, status and each principal's stand with the gap meter's option marks; the
home page's, the bottom line and the tally of issues by status; an actor's, its name and its
stands; any other page, its title. `alt` says in words what the card shows.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypedDict

from site_gen import facts
from site_gen.model import Actor, Content, Issue
from site_gen.render.base import (
    CLAIM_NOTES,
    CLAIM_WORDS,
    STAND_WORDS,
    STATUS,
)
from site_gen.render.marks import OPTION_MARKS, OptionMarks
from site_gen.render.text import plain

CARD_FOLDER = "assets/cards"
"""Where the cards are published, one PNG per page, named after the page's path."""
MAX_ROWS = 4
"""Stands shown on a card; the rest are counted ("and 2 more")."""


@dataclass(frozen=True)
class Part:
    """One piece of a stand: a word ("Supports"), what it is about, and the option's mark
    (an index into the gap meter's palette, `xp-opt--N`), or None for no option."""

    word: str
    text: str = ""
    mark: int | None = None


@dataclass(frozen=True)
class Row:
    """One line of stands: who, and what the sources say they stand for."""

    who: str
    parts: tuple[Part, ...]
    status: str = ""
    """On an actor's card: the issue's status key, the row being the issue's question."""


@dataclass(frozen=True)
class Card:
    """Everything a share card shows."""

    kind: str
    """`issue`, `home`, `actor` or `page`."""
    title: str
    kicker: str = ""
    """The line above the title (what kind of page this is)."""
    status: str = ""
    """An issue's status key (`open`, `narrowing`, `agreed`, `deadlocked`)."""
    rows: tuple[Row, ...] = ()
    more: int = 0
    """Rows left off the card."""
    tally: tuple[tuple[str, str], ...] = ()
    """The home page's issues by status: (status key, "1 narrowing")."""
    as_of: str = ""
    publisher: str = ""
    site: str = ""

    def key(self, salt: str = "") -> str:
        """A hash of everything drawn (and `salt`: the drawing's own version and style). The
        dataclass's repr is the whole spec, strings quoted, in a fixed order."""
        return hashlib.sha256(f"{salt}\n{self!r}".encode()).hexdigest()[:32]


def card_path(page: str) -> str:
    """The card's path in the site for a page's source path: `issues/x.md` ->
    `assets/cards/issues/x.png`, `issues/index.md` -> `assets/cards/issues/index.png`."""
    return f"{CARD_FOLDER}/{page.removesuffix('.md')}.png"


class _Stamp(TypedDict):
    as_of: str
    publisher: str
    site: str


def _common(content: Content) -> _Stamp:
    ex = content.explainer
    return {
        "as_of": ex.as_of.short,
        "publisher": ex.publisher.name if ex.publisher else "",
        "site": ex.title,
    }


def issue_card(content: Content, issue: Issue) -> Card:
    """An issue: its question, status and each principal's stand (the gap meter's marks)."""
    marks = OptionMarks()
    ground = facts.common_ground(content, issue)
    rows = [
        Row(content.actors[ps.principal].name, _parts(issue, ps, marks)) for ps in ground.principals
    ]
    if not rows:  # an explainer without principals: every actor's newest position
        rows = [
            Row(
                content.actors[s.current.actor].name,
                (Part(CLAIM_WORDS[facts.claim_of(s.current)], s.current.stance),),
            )
            for s in facts.stands(issue)
        ]
    return Card(
        kind="issue",
        title=issue.question,
        kicker=f"Issue · {issue.title}",
        status=issue.status,
        rows=tuple(rows[:MAX_ROWS]),
        more=max(0, len(rows) - MAX_ROWS),
        **_common(content),
    )


def _parts(issue: Issue, ps: facts.PrincipalStand, marks: OptionMarks) -> tuple[Part, ...]:
    """A principal's stand as the gap meter words it, each option with its mark."""
    if ps.stand is None:
        return (Part(STAND_WORDS["uncovered"]),)
    p = ps.stand.current
    if ps.kind == "declined":
        return (Part(STAND_WORDS["declined"], p.stance),)
    claim = facts.claim_of(p)
    if ps.kind == "stated":
        return (Part(CLAIM_WORDS[claim], p.stance),)
    labels = {o.id: o.label for o in issue.options}
    note = f" ({CLAIM_NOTES[claim]})" if CLAIM_NOTES[claim] else ""
    parts = [
        Part(STAND_WORDS[kind], labels[i], _mark(marks, issue, i))
        for kind, ids in (("supports", ps.supports), ("rejects", ps.rejects))
        for i in ids
    ]
    last = parts[-1]
    parts[-1] = Part(last.word, last.text + note, last.mark)
    return tuple(parts)


def _mark(marks: OptionMarks, issue: Issue, option: str) -> int:
    return int(marks.of(issue, option).rsplit("--", 1)[1]) % OPTION_MARKS


def home_card(content: Content) -> Card:
    """The home page: the bottom line (or the first key point), and the issues by status."""
    ex = content.explainer
    line = ex.bottom_line or (plain(ex.key_points[0].text, content) if ex.key_points else "")
    issues = list(content.issues.values())
    tally: list[tuple[str, str]] = []
    if issues:
        agreed = sum(1 for i in issues if i.status == "agreed")
        tally.append(("agreed", f"{agreed} of {len(issues)} agreed"))
        for status in ("narrowing", "open", "deadlocked"):
            if n := sum(1 for i in issues if i.status == status):
                tally.append((status, f"{n} {STATUS[status].lower()}"))
    return Card(
        kind="home",
        title=line or ex.title,
        kicker=ex.title if line else "",
        tally=tuple(tally),
        **_common(content),
    )


def actor_card(
    content: Content, actor: Actor, stands: list[tuple[Issue, facts.Stand]] | None = None
) -> Card:
    """An actor: its name and role, and its newest stand on each issue it has one on
    (`stands`, when the caller has them by actor: see `stands_by_actor`)."""
    if stands is None:
        stands = stands_by_actor(content).get(actor.id, [])
    rows = []
    for issue, stand in stands:
        word = STAND_WORDS["declined"] if stand.current.declined else ""
        rows.append(Row(issue.title, (Part(word, stand.current.stance),), issue.status))
    return Card(
        kind="actor",
        title=actor.name,
        kicker=actor.role or "",
        rows=tuple(rows[:MAX_ROWS]),
        more=max(0, len(rows) - MAX_ROWS),
        **_common(content),
    )


def stands_by_actor(content: Content) -> dict[str, list[tuple[Issue, facts.Stand]]]:
    """Each actor's stands, issue by issue in the content's order (one pass over them all)."""
    found: dict[str, list[tuple[Issue, facts.Stand]]] = {}
    for issue in content.issues.values():
        for stand in facts.stands(issue):
            found.setdefault(stand.current.actor, []).append((issue, stand))
    return found


def page_card(content: Content, title: str) -> Card:
    """Any other page: its title under the explainer's."""
    common = _common(content)
    return Card(kind="page", title=title, kicker=common["site"], **common)


_TITLE = re.compile(r'^title: (".*")$', re.MULTILINE)
_HEADING = re.compile(r"^# +(.+?)\s*#*\s*$", re.MULTILINE)


def title_of(markdown: str) -> str:
    """A page's title from its front matter's `title:` (as the renderer writes it, JSON
    quoted) or its first level-1 heading; empty when it has neither."""
    if match := _TITLE.search(markdown[:2000]):
        try:
            return str(json.loads(match.group(1)))
        except ValueError:
            pass
    if match := _HEADING.search(markdown):
        return match.group(1).strip()
    return ""


def cards(
    content: Content, pages: Mapping[str, str], written: Iterable[str] = ()
) -> dict[str, Card]:
    """The card of every page: `pages` the generated Markdown by path, `written` the paths of
    hand-written pages (given the plain card of the site's title)."""
    by_actor = stands_by_actor(content)
    found = {path: card_for(content, path, markdown, by_actor) for path, markdown in pages.items()}
    for path in written:
        found.setdefault(path, page_card(content, content.explainer.title))
    return found


def card_for(
    content: Content,
    path: str,
    markdown: str = "",
    by_actor: dict[str, list[tuple[Issue, facts.Stand]]] | None = None,
) -> Card:
    """The card of the page at `path`, whose Markdown (if a plain page) gives its title."""
    folder, _, name = path.removesuffix(".md").rpartition("/")
    if path == "index.md":
        return home_card(content)
    if folder == "issues" and name in content.issues:
        return issue_card(content, content.issues[name])
    if folder == "actors" and name in content.actors:
        stands = by_actor.get(name, []) if by_actor is not None else None
        return actor_card(content, content.actors[name], stands)
    return page_card(content, title_of(markdown) or content.explainer.title)


def alt(card: Card) -> str:
    """What the card shows, in words (its `og:image:alt`)."""
    bits = [card.title if card.kind != "issue" else f"{card.title} ({STATUS[card.status]})"]
    for row in card.rows:
        said = "; ".join(" ".join(x for x in (p.word, p.text) if x) for p in row.parts)
        bits.append(f"{row.who}: {said}" if said else row.who)
    if card.more:
        bits.append(f"and {card.more} more")
    if card.tally:
        bits.append(", ".join(text for _, text in card.tally))
    stamp = " · ".join(
        x for x in (f"As of {card.as_of}" if card.as_of else "", card.publisher) if x
    )
    if stamp:
        bits.append(stamp)
    return ". ".join(b.rstrip(".") for b in bits) + "."
