"""References and semantics within and across fact files -> every problem, never the first
only."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from site_gen import facts
from site_gen.check.ids import reserved_ids
from site_gen.check.links import unsafe_links
from site_gen.check.order import ORDER_KEYS, order_against, order_cycles
from site_gen.dates import PartialDate
from site_gen.errors import Problem, display_path
from site_gen.load import Document, Loaded, Loc, did_you_mean
from site_gen.markup import WIKI_LINK
from site_gen.model import ID_RE, KINDS, Actor, Event, Explainer, Issue, Position, Quote
from site_gen.references import references

_REFERABLE = ("actor", "issue", "event", "source")
KEY_POINTS = (3, 6)
"""How many key points an explainer may list: enough to say where things stand, few enough
to read first."""


def check(loaded: Loaded) -> list[Problem]:
    """Every reference and semantic problem among the facts that loaded."""
    return list(_Checker(loaded).problems())


class _Checker:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.facts = loaded.facts
        self.ids = loaded.ids

    def problems(self) -> Iterator[Problem]:
        yield from self._unique_ids()
        yield from reserved_ids(self.loaded)
        for id, fact in self.facts["explainer"].items():
            yield from self._explainer(self.loaded.document("explainer", id), fact)
        for id, actor in self.facts["actor"].items():
            yield from self._actor(self.loaded.document("actor", id), actor)
        for id, issue in self.facts["issue"].items():
            yield from self._issue(self.loaded.document("issue", id), issue)
        for id, event in self.facts["event"].items():
            yield from self._event(self.loaded.document("event", id), event)
        for kind in KINDS:
            for id, fact in self.facts[kind].items():  # type: ignore[literal-required]
                yield from self._references(self.loaded.document(kind, id), fact)
        yield from order_cycles(self.loaded)
        yield from self._texts()

    def _references(self, doc: Document, fact: BaseModel) -> Iterator[Problem]:
        """Every id the fact holds in a field marked `Ref` that names nothing, or that a list
        holds twice."""
        listed: dict[Loc, set[str]] = {}
        for found in references(fact):
            if found.many:
                seen = listed.setdefault(found.loc[:-1], set())
                if found.id in seen:
                    yield doc.problem(found.loc, f"'{found.id}' is listed twice")
                seen.add(found.id)
            if found.ref.to == "issue.options" and isinstance(fact, Issue):
                yield from self._option(doc, found.loc, fact, found.id)
            else:
                yield from self._ref(doc, found.loc, found.ref.to, found.id)

    def _ref(self, doc: Document, loc: Loc, kind: str, id: str) -> Iterator[Problem]:
        if id in self.ids[kind]:
            return
        hint = did_you_mean(id, sorted(self.ids[kind]))
        message = f"unknown {kind} '{id}'{hint}"
        if not hint:
            other = next((k for k in _REFERABLE if k != kind and id in self.ids[k]), None)
            folder = display_path(self.loaded.root / f"{kind}s" / f"{id}.yml")
            article = "an" if other and other[0] in "aeiou" else "a"
            if other:
                message += f" ('{id}' is {article} {other})"
            else:
                message += f": no file {folder}" + to_add(kind, id)
        yield doc.problem(loc, message)

    @staticmethod
    def _option(doc: Document, loc: Loc, issue: Issue, oid: str) -> Iterator[Problem]:
        ids = [o.id for o in issue.options]
        if oid in ids:
            return
        if not ids:
            message = (
                f"unknown option '{oid}': the issue lists no options; add it under "
                "'options' with an id and a label"
            )
        else:
            hint = did_you_mean(oid, ids)
            listed = ", ".join(f"'{i}'" for i in ids)
            message = f"unknown option '{oid}'{hint or f' (the options are {listed})'}"
        yield doc.problem(loc, message)

    def _markdown(self, doc: Document, loc: Loc, text: str | None) -> Iterator[Problem]:
        if not text:
            return
        for m in WIKI_LINK.finditer(text):
            target = m.group(1).strip()
            if not any(target in self.ids[k] for k in ("actor", "issue", "event")):
                hint = did_you_mean(target, self._linkable())
                message = f"wiki-link [[{target}]] points to no actor, issue or event{hint}"
                # `[[target`, not the whole link: a folded label may wrap onto the next line.
                yield doc.problem(loc, message, text="[[" + m.group(1))
        yield from unsafe_links(doc, loc, text)

    def _linkable(self) -> list[str]:
        return sorted(id for k in ("actor", "issue", "event") for id in self.ids[k])

    def _unique_ids(self) -> Iterator[Problem]:
        owners: dict[str, str] = {}
        for kind in ("actor", "issue", "event"):
            for id in self.facts[kind]:
                if id in owners:
                    doc = self.loaded.document(kind, id)
                    owner = display_path(self.loaded.root / f"{owners[id]}s" / f"{id}.yml")
                    yield doc.problem(
                        (),
                        (
                            f"id '{id}' is also the id of the {owners[id]} in {owner}; wiki-links "
                            f"[[{id}]] need ids unique across actors, issues and events: rename "
                            "one file"
                        ),
                    )
                owners[id] = kind

    def _explainer(self, doc: Document, explainer: Explainer) -> Iterator[Problem]:
        yield from self._markdown(doc, ("lede",), explainer.lede)
        yield from self._markdown(doc, ("bottom_line",), explainer.bottom_line)
        points = explainer.key_points
        if points and not KEY_POINTS[0] <= len(points) <= KEY_POINTS[1]:
            yield doc.problem(
                ("key_points",),
                (
                    f"key_points lists {facts.counted(len(points), 'point')}; write "
                    f"{KEY_POINTS[0]} to {KEY_POINTS[1]}, the few that say where things stand"
                ),
                key=True,
            )
        for i, point in enumerate(points):
            yield from self._markdown(doc, ("key_points", i, "text"), point.text)

    def _actor(self, doc: Document, actor: Actor) -> Iterator[Problem]:
        yield from self._markdown(doc, ("summary",), actor.summary)
        # Follow the affiliation chain: a cycle would make "members of" loop forever.
        chain, current = [actor.id], actor
        while current.affiliation and current.affiliation in self.facts["actor"]:
            if current.affiliation in chain:
                cycle = " -> ".join(
                    [*chain[chain.index(current.affiliation) :], current.affiliation]
                )
                if current.affiliation == actor.id:
                    yield doc.problem(("affiliation",), f"affiliation cycle: {cycle}")
                break
            chain.append(current.affiliation)
            current = self.facts["actor"][current.affiliation]

    def _issue(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        yield from self._markdown(doc, ("summary",), issue.summary)
        yield from self._options(doc, issue)
        yield from self._status_history(doc, issue)
        held: dict[tuple[str, PartialDate], int] = {}
        for i, position in enumerate(issue.positions):
            loc: Loc = ("positions", i)
            yield from self._stand(doc, loc, issue, position)
            yield from self._silence(doc, loc, position)
            yield from self._markdown(doc, (*loc, "detail"), position.detail)
            yield from self._not_after_as_of(doc, (*loc, "as_of"), position.as_of)
            for j, quote in enumerate(position.quotes):
                yield from self._in_text(doc, (*loc, "quotes", j), quote)
            key = (position.actor, position.as_of)
            if key in held:
                first = doc.mark(("positions", held[key])).line
                yield doc.problem(
                    (*loc, "as_of"),
                    (
                        f"'{position.actor}' already has a position as of {position.as_of} "
                        f"(line {first}); give each of an actor's positions its own as_of"
                    ),
                )
            held.setdefault(key, i)
        yield from self._not_covered(doc, issue)
        for i, related in enumerate(issue.related):
            if related == issue.id:
                yield doc.problem(("related", i), "an issue cannot be related to itself")

    def _silence(self, doc: Document, loc: Loc, position: Position) -> Iterator[Problem]:
        if position.stance.strip().casefold() == SILENCE:
            yield doc.problem(
                (*loc, "stance"),
                (
                    f"stance '{position.stance.strip()}' shows silence as a stand: if the sources "
                    f"say nothing of '{position.actor}' on this issue, remove this position and "
                    f"list '{position.actor}' under the issue's 'not_covered'; if they report that "
                    "it declined to take one, add 'declined: true' and say so in 'stance'"
                ),
            )
        if position.declined:
            for key in ("supports", "rejects"):
                if getattr(position, key):
                    yield doc.problem(
                        (*loc, key),
                        (
                            f"a declined position takes no side: remove '{key}', or "
                            "'declined: true' if the sources report a stand"
                        ),
                    )

    def _not_covered(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        for i, actor in enumerate(issue.not_covered):
            for j, position in enumerate(issue.positions):
                if actor in self._chain(position.actor):
                    voice = "it" if position.actor == actor else f"'{position.actor}', for it,"
                    yield doc.problem(
                        ("not_covered", i),
                        (
                            f"'{actor}' is listed as not covered, but {voice} has a position "
                            f"on this issue (line {doc.mark(('positions', j)).line}); remove it "
                            "from 'not_covered'"
                        ),
                    )
                    break

    def _chain(self, actor_id: str) -> list[str]:
        """The actor and the actors it is affiliated with, nearest first (stops at a cycle)."""
        chain = [actor_id]
        while (a := self.facts["actor"].get(chain[-1])) and a.affiliation:
            if a.affiliation in chain:
                break
            chain.append(a.affiliation)
        return chain

    def _options(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, option in enumerate(issue.options):
            if option.id in seen:
                yield doc.problem(
                    ("options", i, "id"),
                    f"option '{option.id}' is listed twice; give each option its own id",
                )
            seen.add(option.id)
        if issue.options_ordered and len(issue.options) < 2:
            yield doc.problem(
                ("options_ordered",),
                "options_ordered: a scale needs at least two options",
            )

    @staticmethod
    def _stand(doc: Document, loc: Loc, issue: Issue, position: Position) -> Iterator[Problem]:
        options = {o.id for o in issue.options}
        for j, oid in enumerate(position.rejects):
            if oid in position.supports and oid in options:
                yield doc.problem(
                    (*loc, "rejects", j),
                    (
                        f"option '{oid}' is both supported and rejected; keep it in "
                        "'supports' or in 'rejects', as the sources say"
                    ),
                )

    def _status_history(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        history = issue.status_history
        held: dict[PartialDate, int] = {}
        for i, entry in enumerate(history):
            loc: Loc = ("status_history", i)
            yield from self._not_after_as_of(doc, (*loc, "since"), entry.since, "a status")
            if entry.since in held:
                yield doc.problem(
                    (*loc, "since"),
                    (
                        f"status_history already has an entry since {entry.since} "
                        f"(line {doc.mark(('status_history', held[entry.since])).line}); "
                        "give each entry its own date"
                    ),
                )
            held.setdefault(entry.since, i)
        if history:
            newest = max(range(len(history)), key=lambda i: history[i].since)
            if history[newest].status != issue.status:
                yield doc.problem(
                    ("status_history", newest, "status"),
                    (
                        f"the newest status_history entry is '{history[newest].status}' but "
                        f"status is '{issue.status}'; the newest entry is the current status"
                    ),
                )

    def _event(self, doc: Document, event: Event) -> Iterator[Problem]:
        yield from self._markdown(doc, ("summary",), event.summary)
        for j, quote in enumerate(event.quotes):
            yield from self._in_text(doc, ("quotes", j), quote)
        for key in ORDER_KEYS:
            other_id = getattr(event, key)
            other = self.facts["event"].get(other_id or "")
            if other is event:
                yield doc.problem((key,), f"an event cannot be {key} itself")
            elif other is not None and (message := order_against(event, key, other)):
                yield doc.problem((key,), message)

    def _text_path(self, sid: str) -> str:
        return display_path(self.loaded.root / "sources" / f"{sid}.txt")

    def _in_text(self, doc: Document, loc: Loc, quote: Quote) -> Iterator[Problem]:
        """A quote missing from the text kept beside its source, with the nearest passage."""
        text = self.loaded.texts.get(quote.source)
        if text is None or text.contains(quote.text):
            return
        passage = text.nearest(quote.text)
        nearest = (
            f'the nearest passage reads: "{passage}"'
            if passage
            else "none of its words is in the text"
        )
        yield doc.problem(
            (*loc, "text"),
            (
                f"the quote is not in the text of source '{quote.source}' "
                f"({self._text_path(quote.source)}); {nearest}. Copy the words as the text has "
                "them: only spacing and the style of quotation marks may differ"
            ),
        )

    def _texts(self) -> Iterator[Problem]:
        """A text file named after no source."""
        for sid in sorted(self.loaded.texts.keys() - self.ids["source"]):
            hint = did_you_mean(sid, sorted(self.ids["source"]))
            yield Problem(
                self._text_path(sid),
                1,
                1,
                (
                    f"text of no source: there is no sources/{sid}.yml{hint}; a source's text is "
                    "named after the source whose words it holds"
                ),
            )

    def _not_after_as_of(
        self, doc: Document, loc: Loc, date: PartialDate, what: str = "a position"
    ) -> Iterator[Problem]:
        explainer = self.facts["explainer"].get("explainer")
        if explainer and date.earliest > explainer.as_of.latest:
            yield doc.problem(
                loc,
                (
                    f"{loc[-1]} {date} is after the explainer's as_of {explainer.as_of}; "
                    f"{what} cannot be attested later than the explainer is current"
                ),
            )


SILENCE = "no public position"
"""A stance that once recorded silence as a position; now an error that says what to write."""


def to_add(kind: str, id: str) -> str:
    """`; to add it: make new KIND=source ID=<id>` for an id a file can have, else nothing.
    Not after a did-you-mean: a close id is most likely a typo, and a file of the misspelled
    id would be a second actor (source...) of one name."""
    return f"; to add it: make new KIND={kind} ID={id}" if ID_RE.fullmatch(id) else ""
