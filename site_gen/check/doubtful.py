"""Facts that may mislead readers though nothing is broken -> warnings."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from site_gen import facts, lookalike
from site_gen.check.order import ORDER_KEYS, ORDER_RULE, dated_reason
from site_gen.errors import Problem, display_path
from site_gen.load import Document, Loaded, Loc
from site_gen.model import Content, Event, Issue, Quote


def warnings(loaded: Loaded, content: Content) -> list[Problem]:
    """Facts that may mislead readers though nothing is broken, as warnings: a current position
    older than the explainer's `stale_after_days`, an event dated after its source was
    published, an expected event dated before the explainer's `as_of`, a principal with no
    position on an issue that other actors have positions on, two actors, issues or events
    whose names readers cannot tell apart. Only for content without errors."""
    # The warnings judge what readers will see (current positions, matrix cells), so they use
    # the pages' own derivation of them.
    return list(_Warnings(loaded, content).problems())


class _Warnings:
    def __init__(self, loaded: Loaded, content: Content) -> None:
        self.loaded = loaded
        self.c = content

    def problems(self) -> Iterator[Problem]:
        for issue in self.c.issues.values():
            doc = self.loaded.document("issue", issue.id)
            stands = facts.stands(issue)
            yield from self._stale(doc, issue, stands)
            yield from self._silent_principals(doc, issue, stands)
            yield from self._said_without_words(doc, issue)
            yield from self._after_sources(doc, issue)
        for event in self.c.events.values():
            doc = self.loaded.document("event", event.id)
            if event.expected:
                yield from self._expected_past(doc, event)
            else:  # an announced event is dated after the source that announces it
                yield from self._after_source(doc, event)
            for j, quote in enumerate(event.quotes):
                yield from self._quote_after_source(doc, ("quotes", j, "date"), quote)
            yield from self._needless_order(doc, event)
        yield from self._look_alikes()

    def _needless_order(self, doc: Document, event: Event) -> Iterator[Problem]:
        """An `after` or `before` the dates already say: it orders nothing."""
        for key in ORDER_KEYS:
            other = self.c.events.get(getattr(event, key) or "")
            if other is not None and facts.dated_order(event, other) == key:
                yield self._warn(
                    doc,
                    (key,),
                    (
                        f"{dated_reason(event, other, key)}, so '{key}: {other.id}' changes "
                        f"nothing: the dates already order the two; {ORDER_RULE}: remove it"
                    ),
                )

    def _look_alikes(self) -> Iterator[Problem]:
        """Two actors, issues or events (of one date) whose names or titles readers cannot tell
        apart (`lookalike.skeleton`): a warning at the later file's, naming the first."""
        kinds = (
            ("actor", "name", self.c.actors),
            ("issue", "title", self.c.issues),
            ("event", "title", self.c.events),
        )
        for kind, field, by_id in kinds:
            first: dict[tuple[str, str], str] = {}
            for id, fact in by_id.items():
                text = getattr(fact, field)
                date = str(fact.date) if isinstance(fact, Event) else ""
                other_id = first.setdefault((lookalike.skeleton(text), date), id)
                if other_id == id:
                    continue
                other = getattr(by_id[other_id], field)
                where = display_path(self.loaded.root / f"{kind}s" / f"{other_id}.yml")
                of = f"{kind} of the same date" if date else kind
                if text == other:
                    same = f"{field} '{text}' is also the {field} of the {of} in {where}"
                else:
                    mine = ", ".join(lookalike.differences(text, other))
                    theirs = ", ".join(lookalike.differences(other, text))
                    how = (
                        f"this one has {mine} where the other has {theirs}"
                        if mine and theirs
                        else f"this one has {mine}"
                        if mine
                        else f"the other has {theirs}"
                        if theirs
                        else "they differ only in case or spacing"
                    )
                    same = (
                        f"{field} '{text}' looks the same as '{other}', the {field} of the {of} "
                        f"in {where} ({how})"
                    )
                yield self._warn(
                    self.loaded.document(kind, id),
                    (field,),
                    (
                        f"{same}: readers cannot tell the two apart; if they are one {kind}, "
                        f"merge the files; if not, make the {field}s differ"
                    ),
                )

    def _expected_past(self, doc: Document, event: Event) -> Iterator[Problem]:
        as_of = self.c.explainer.as_of
        if event.date.latest < as_of.earliest:
            yield self._warn(
                doc,
                ("expected",),
                (
                    f"the event is expected but its date {event.date} is before the "
                    f"explainer's as_of {as_of}: did it happen? If so, remove 'expected: true' "
                    "and cite a source that reports it; if not, give its new date"
                ),
            )

    @staticmethod
    def _warn(doc: Document, loc: Loc, message: str, *, key: bool = False) -> Problem:
        return dataclasses.replace(doc.problem(loc, message, key=key), warning=True)

    def _stale(self, doc: Document, issue: Issue, stands: list[facts.Stand]) -> Iterator[Problem]:
        ex = self.c.explainer
        if ex.concluded:  # a concluded negotiation's last positions are final, not stale
            return
        for stand in stands:
            p = stand.current
            fewest, _ = facts.days_before(p.as_of, ex.as_of)
            if fewest <= ex.stale_after_days:
                continue
            exact = p.as_of.precision == ex.as_of.precision == "day"
            days = f"{fewest} days" if exact else f"at least {fewest} days"
            i = issue.positions.index(p)
            yield self._warn(
                doc,
                ("positions", i, "as_of"),
                (
                    f"the current position of '{p.actor}' is as of {p.as_of}, {days} before the "
                    f"explainer's as_of {ex.as_of} (stale_after_days: {ex.stale_after_days}); "
                    "add a newer position if the sources show one still holds or has changed; "
                    "if it is intended, raise stale_after_days in explainer.yml, or set "
                    "'concluded: true' there once the negotiation is over"
                ),
            )

    def _said_without_words(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        for i, p in enumerate(issue.positions):
            if p.claim == "said" and not any(facts.quote_author(q, p) == p.actor for q in p.quotes):
                yield self._warn(
                    doc,
                    ("positions", i, "claim"),
                    (
                        f"claim: said, but no quote is by '{p.actor}'; add the actor's own words "
                        "as a quote, or write 'claim: reported' (the source reports the position) "
                        "or 'claim: assessed' (the source's own assessment)"
                    ),
                )

    def _after_sources(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        for i, p in enumerate(issue.positions):
            dates = [self.c.sources[sid].published for sid in p.sources]
            if dates and all(dates):
                newest = max(d for d in dates if d)
                if p.as_of.earliest > newest.latest:
                    yield self._warn(
                        doc,
                        ("positions", i, "as_of"),
                        (
                            f"as_of {p.as_of} is after every source of the position was "
                            f"published (the newest on {newest}); a source cannot attest what "
                            "came after it: check the date, or cite a source published since"
                        ),
                    )
            for j, quote in enumerate(p.quotes):
                yield from self._quote_after_source(
                    doc, ("positions", i, "quotes", j, "date"), quote
                )

    def _quote_after_source(self, doc: Document, loc: Loc, quote: Quote) -> Iterator[Problem]:
        published = self.c.sources[quote.source].published
        if quote.date and published and quote.date.earliest > published.latest:
            yield self._warn(
                doc,
                loc,
                (
                    f"the quote is dated {quote.date}, after source '{quote.source}' that "
                    f"carries it was published ({published}); check the date, or cite the "
                    "source the words are taken from"
                ),
            )

    def _silent_principals(
        self, doc: Document, issue: Issue, all_stands: list[facts.Stand]
    ) -> Iterator[Problem]:
        """One warning for the issue, naming every principal without a position on it."""
        if not all_stands:
            return
        silent = [
            principal
            for principal in self.c.explainer.principals
            if principal not in issue.not_covered
            and facts.matrix_cell(self.c, all_stands, principal) is None
        ]
        if not silent:
            return
        # The names as readers see them; the ids where the file needs them.
        names = [self._name(p) for p in silent]
        holders = _listed([self._name(s.current.actor) for s in all_stands])
        has = "has" if len(all_stands) == 1 else "have"
        if len(silent) == 1:
            yield self._warn(
                doc,
                ("positions",),
                (
                    f"principal {names[0]} has no position here, while {holders} "
                    f"{has} one; add its position if the sources give one; if they say nothing "
                    f"of it here, list it under 'not_covered' (not_covered: [{silent[0]}]): "
                    "pages show it as not covered either way"
                ),
                key=True,
            )
            return
        yield self._warn(
            doc,
            ("positions",),
            (
                f"principals without a position here: {_listed(names)}, while "
                f"{holders} {has} one; add their positions if the sources give them; for those "
                "they say nothing of here, list them under 'not_covered' "
                f"(not_covered: [{', '.join(silent)}]): pages show them as not covered either way"
            ),
            key=True,
        )

    def _name(self, actor_id: str) -> str:
        """The actor's name as readers see it, or its id in quotes if it did not load."""
        actor = self.c.actors.get(actor_id)
        return actor.name if actor else f"'{actor_id}'"

    def _after_source(self, doc: Document, event: Event) -> Iterator[Problem]:
        """One warning for the event, naming every source published before its date."""
        before = []
        for sid in dict.fromkeys(event.sources):
            published = self.c.sources[sid].published
            if published and event.date.earliest > published.latest:
                before.append((sid, published))
        if not before:
            return
        if len(before) == 1:
            sources = f"source '{before[0][0]}' was published ({before[0][1]})"
        else:
            dated = [f"'{sid}' ({published})" for sid, published in before]
            sources = f"sources {_listed(dated)} were published"
        yield self._warn(
            doc,
            ("date",),
            (
                f"date {event.date} is after {sources}; check the date, or cite a source "
                "published after the event; if the source announced an event still to come, add "
                "'expected: true'"
            ),
        )


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
