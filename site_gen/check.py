"""References and semantics across fact files -> every problem, never just the first."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown

from site_gen import facts, lookalike
from site_gen.dates import PartialDate
from site_gen.errors import ContentError, Problem, display_path
from site_gen.load import Document, FileCache, Loaded, Loc, did_you_mean, load_content
from site_gen.markup import WIKI_LINK, defuse_brackets, safe_markdown
from site_gen.model import ID_RE, Actor, Content, Event, Explainer, Issue, Position, Quote

_LINK_TARGETS = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))*)"  # [text](target), with balanced (parens)
    r"|^(?:[ \t]*(?:[>*+-]|\d{1,9}[.)])[ \t])*[ \t]*\[[^\[\]]+\]:\s*<?(\S+?)>?(?:\s|$)"  # [ref]: target, in lists and quotes too
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>",  # <scheme:autolink>
    re.MULTILINE,
)
_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
_REFERABLE = ("actor", "issue", "event", "source")
KEY_POINTS = (3, 6)
"""How many key points an explainer may list: enough to say where things stand, few enough
to read first."""


def get_content(root: Path, cache: FileCache | None = None) -> Content:
    """Load and check everything under `root`; raise `ContentError` listing every problem.
    With a `cache`, files unchanged since the last call are not read again."""
    return get_checked(root, cache)[0]


def get_checked(root: Path, cache: FileCache | None = None) -> tuple[Content, list[Problem]]:
    """`get_content`, and the warnings about the content that loaded (see `warnings`), sorted."""
    loaded = load_content(root, cache)
    problems = loaded.problems + check(loaded)
    if problems:
        raise ContentError(problems, loaded.warnings + _warnings_despite(loaded, problems))
    content = _content(loaded, loaded.facts["issue"], loaded.facts["event"])
    return content, sorted(loaded.warnings + warnings(loaded, content))


def _content(loaded: Loaded, issues: dict[str, Issue], events: dict[str, Event]) -> Content:
    facts = loaded.facts
    return Content.model_construct(
        explainer=facts["explainer"]["explainer"],
        actors=dict(sorted(facts["actor"].items())),
        issues=dict(sorted(issues.items())),
        events=dict(sorted(events.items())),
        sources=dict(sorted(facts["source"].items())),
        glossary=dict(sorted(loaded.glossary.items(), key=lambda kv: kv[0].casefold())),
        source_texts=frozenset(loaded.texts),
    )


def _warnings_despite(loaded: Loaded, problems: list[Problem]) -> list[Problem]:
    """The warnings about the issues and events whose files have no error and whose actors
    (with their affiliations) and sources all loaded: what can be judged while other files are
    being fixed. None while explainer.yml has an error (the warnings judge by its as_of)."""
    broken = {p.path for p in problems if not p.warning}
    facts = loaded.facts
    if (
        "explainer" not in facts["explainer"]
        or display_path(loaded.root / "explainer.yml") in broken
    ):
        return []
    actors = dict(facts["actor"])
    while bad := [id for id, a in actors.items() if a.affiliation and a.affiliation not in actors]:
        for id in bad:
            del actors[id]
    sources = facts["source"]

    def sound(kind: str, id: str, cited: list[str], by: list[str | None]) -> bool:
        return (
            loaded.document(kind, id).display not in broken
            and all(s in sources for s in cited)
            and all(a is None or a in actors for a in by)
        )

    issues = {
        id: issue
        for id, issue in facts["issue"].items()
        if sound(
            "issue",
            id,
            [s for p in issue.positions for s in (*p.sources, *(q.source for q in p.quotes))],
            [a for p in issue.positions for a in (p.actor, *(q.by for q in p.quotes))],
        )
    }
    events = {
        id: event
        for id, event in facts["event"].items()
        if sound("event", id, [*event.sources, *(q.source for q in event.quotes)], [])
    }
    content = _content(loaded, issues, events)
    content = content.model_copy(update={"actors": dict(sorted(actors.items()))})
    return warnings(loaded, content)


RESERVED_IDS = frozenset(
    [
        "actors",
        "change",
        "changes",
        "cite",
        "events",
        "events-csv",
        "explainer-json",
        "files",
        "glossary",
        "issue",
        "issues",
        "json-actors",
        "json-events",
        "json-explainer",
        "json-issues",
        "json-positions",
        "json-quotes",
        "json-sources",
        "json-top",
        "latest-changes",
        "latest-events",
        "open-data",
        "person",
        "position",
        "positions",
        "positions-csv",
        "principals",
        "quotes",
        "related",
        "sources",
        "state",
        "term",
        "timeline",
        "timeline-json",
        "what-changed",
    ]
)
"""Anchors the pages make for their own sections, which an actor, issue or event id (an anchor
too, on the timeline and elsewhere) must not repeat."""
RESERVED_EVENT_IDS = re.compile(
    r"(?:cite|month|year|position|history|term|change|source|issue)-[a-z0-9-]+"
)
"""Anchors the pages number or name after other facts (`cite-1`, `month-2025-12`,
`position-<actor>`), which an event id, shown beside them, must not take."""


def reserved_ids(loaded: Loaded) -> Iterator[Problem]:
    """A problem for each actor, issue or event id that is an anchor the pages make."""
    for kind in ("actor", "issue", "event"):
        for id in sorted(loaded.ids[kind]):
            if id in RESERVED_IDS or (kind == "event" and RESERVED_EVENT_IDS.fullmatch(id)):
                path = loaded.root / f"{kind}s" / f"{id}.yml"
                message = (
                    f"id '{id}' is an anchor the pages make for themselves (a section, a "
                    f"citation, a month); rename the file, e.g. to '{kind}-{id}.yml'"
                )
                yield Problem(display_path(path), 1, 1, message)


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
        yield from self._order_cycles()
        yield from self._texts()

    def _ref(self, doc: Document, loc: Loc, kind: str, id: str | None) -> Iterator[Problem]:
        if id is None or id in self.ids[kind]:
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
                message += f": no file {folder}" + _to_add(kind, id)
        yield doc.problem(loc, message)

    def _refs(self, doc: Document, loc: Loc, kind: str, ids: tuple[str, ...]) -> Iterator[Problem]:
        seen: set[str] = set()
        for i, id in enumerate(ids):
            yield from self._ref(doc, (*loc, i), kind, id)
            if id in seen:
                yield doc.problem((*loc, i), f"'{id}' is listed twice")
            seen.add(id)

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
        reported = set()
        for m in _LINK_TARGETS.finditer(text):
            target = next(g for g in m.groups() if g is not None)
            if target and not _SAFE_LINK.match(target):
                reported.add(html.unescape(target))
                yield doc.problem(loc, _unsafe_link(target), text=target)
        # Links the patterns miss, e.g. a reference defined inside a list item or a quote.
        for target in _rendered_links(text):
            if not _SAFE_LINK.match(target) and target not in reported:
                reported.add(target)
                yield doc.problem(loc, _unsafe_link(target), text=target)

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
        yield from self._refs(doc, ("principals",), "actor", explainer.principals)
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
            yield from self._refs(doc, ("key_points", i, "sources"), "source", point.sources)

    def _actor(self, doc: Document, actor: Actor) -> Iterator[Problem]:
        yield from self._markdown(doc, ("summary",), actor.summary)
        yield from self._ref(doc, ("affiliation",), "actor", actor.affiliation)
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
            yield from self._ref(doc, (*loc, "actor"), "actor", position.actor)
            yield from self._stand(doc, loc, issue, position)
            yield from self._silence(doc, loc, position)
            yield from self._refs(doc, (*loc, "sources"), "source", position.sources)
            yield from self._markdown(doc, (*loc, "detail"), position.detail)
            yield from self._not_after_as_of(doc, (*loc, "as_of"), position.as_of)
            for j, quote in enumerate(position.quotes):
                yield from self._ref(doc, (*loc, "quotes", j, "by"), "actor", quote.by)
                yield from self._ref(doc, (*loc, "quotes", j, "source"), "source", quote.source)
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
        yield from self._refs(doc, ("related",), "issue", issue.related)

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
        yield from self._refs(doc, ("not_covered",), "actor", issue.not_covered)
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

    def _stand(
        self, doc: Document, loc: Loc, issue: Issue, position: Position
    ) -> Iterator[Problem]:
        ids = [o.id for o in issue.options]
        for key in ("supports", "rejects"):
            seen: set[str] = set()
            for j, oid in enumerate(getattr(position, key)):
                where = (*loc, key, j)
                if oid in seen:
                    yield doc.problem(where, f"'{oid}' is listed twice")
                seen.add(oid)
                if oid in ids:
                    if key == "rejects" and oid in position.supports:
                        yield doc.problem(
                            where,
                            (
                                f"option '{oid}' is both supported and rejected; keep it in "
                                "'supports' or in 'rejects', as the sources say"
                            ),
                        )
                    continue
                if not ids:
                    message = (
                        f"unknown option '{oid}': the issue lists no options; add it under "
                        "'options' with an id and a label"
                    )
                else:
                    hint = did_you_mean(oid, ids)
                    listed = ", ".join(f"'{i}'" for i in ids)
                    message = f"unknown option '{oid}'{hint or f' (the options are {listed})'}"
                yield doc.problem(where, message)

    def _status_history(self, doc: Document, issue: Issue) -> Iterator[Problem]:
        history = issue.status_history
        held: dict[PartialDate, int] = {}
        for i, entry in enumerate(history):
            loc: Loc = ("status_history", i)
            yield from self._refs(doc, (*loc, "sources"), "source", entry.sources)
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
        yield from self._refs(doc, ("actors",), "actor", event.actors)
        yield from self._refs(doc, ("issues",), "issue", event.issues)
        yield from self._refs(doc, ("sources",), "source", event.sources)
        for j, quote in enumerate(event.quotes):
            yield from self._ref(doc, ("quotes", j, "by"), "actor", quote.by)
            yield from self._ref(doc, ("quotes", j, "source"), "source", quote.source)
            yield from self._in_text(doc, ("quotes", j), quote)
        for key in ORDER_KEYS:
            other_id = getattr(event, key)
            yield from self._ref(doc, (key,), "event", other_id)
            other = self.facts["event"].get(other_id or "")
            if other is event:
                yield doc.problem((key,), f"an event cannot be {key} itself")
            elif other is not None and (message := order_against(event, key, other)):
                yield doc.problem((key,), message)

    def _order_cycles(self) -> Iterator[Problem]:
        """Events whose `after` and `before`, with the order of their dates, go round: each
        link of the cycle, at the event that sets it."""
        events: dict[str, Event] = self.facts["event"]
        links: dict[tuple[str, str], tuple[str, str]] = {}  # (earlier, later) -> (event, key)
        for first, then in facts.order_links(events.values()):
            setter = (then.id, "after") if then.after == first.id else (first.id, "before")
            links.setdefault((first.id, then.id), setter)
        linked = sorted({id for link in links for id in link})
        follows: dict[str, list[str]] = {id: [] for id in linked}
        for a, b in links:
            follows[a].append(b)
        for a in linked:
            follows[a] += [b for b in linked if facts.dated_order(events[a], events[b]) == "before"]
        left = _on_cycles(follows)
        for (a, b), (event_id, key) in sorted(links.items(), key=lambda kv: kv[1]):
            path = _path(follows, b, a, left) if a in left and b in left else None
            if path is None:
                continue
            cycle = [a, *path]
            if key == "after":  # start at the event that sets the link
                cycle = [*cycle[1:], cycle[1]]
            steps = ", ".join(
                f"'{x}' before '{y}' ({self._link_reason(links, events, x, y)})"
                for x, y in zip(cycle, cycle[1:], strict=False)
            )
            yield self.loaded.document("event", event_id).problem(
                (key,),
                (
                    f"order cycle: {steps}; no order satisfies them all: remove one of these "
                    "'after' or 'before', or fix a date"
                ),
            )

    @staticmethod
    def _link_reason(
        links: dict[tuple[str, str], tuple[str, str]], events: dict[str, Event], a: str, b: str
    ) -> str:
        if (a, b) in links:
            event_id, key = links[(a, b)]
            return f"'{key}' of {event_id}"
        return f"by date: {events[a].date} before {events[b].date}"

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


ORDER_KEYS = ("after", "before")
ORDER_RULE = (
    "'after' and 'before' order only events whose dates overlap, such as a month and a day of "
    "it or two events of one day"
)


def order_against(event: Event, key: str, other: Event) -> str:
    """What is wrong with `key: <other>` on `event` (`after` or `before`) when it contradicts
    the dates or `expected`; "" when it does not."""
    dated = facts.dated_order(event, other)
    if dated is not None and dated != key:
        return (
            f"{_dated_reason(event, other, dated)}, so this event cannot come {key} it; "
            f"{ORDER_RULE}: check the dates, or remove '{key}: {other.id}'"
        )
    late = other if key == "after" else event
    early = event if key == "after" else other
    if dated is None and late.expected and not early.expected:
        which = f"'{other.id}' is" if late is other else "this event is"
        other_is = "this event is not" if late is other else f"'{other.id}' is not"
        return (
            f"{which} expected and {other_is}, so this event cannot come {key} it: an event "
            "that has happened came before one still expected at the explainer's as_of; check "
            f"'expected', or remove '{key}: {other.id}'"
        )
    return ""


def _dated_reason(event: Event, other: Event, dated: str) -> str:
    when = "later" if dated == "before" else "earlier"
    return f"'{other.id}' is dated {other.date}, certainly {when} than this event ({event.date})"


def _on_cycles(follows: dict[str, list[str]]) -> set[str]:
    """The nodes left once every node that nothing left precedes is taken away, again and
    again: those on a cycle, and those after one."""
    waiting = dict.fromkeys(follows, 0)
    for b in (b for a in follows for b in follows[a]):
        waiting[b] += 1
    taken = [a for a, n in waiting.items() if n == 0]
    for a in taken:
        for b in follows[a]:
            waiting[b] -= 1
            if waiting[b] == 0:
                taken.append(b)
    return set(follows) - set(taken)


def _path(
    follows: dict[str, list[str]], start: str, end: str, within: set[str]
) -> list[str] | None:
    """The shortest path from `start` to `end` through `within`, both ends included."""
    came_from: dict[str, str] = {start: start}
    queue = [start]
    for node in queue:
        if node == end:
            path = [end]
            while path[-1] != start:
                path.append(came_from[path[-1]])
            return path[::-1]
        for nxt in follows[node]:
            if nxt in within and nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def _unsafe_link(target: str) -> str:
    return (
        f"link to '{target}' is not allowed: links are http(s):// or mailto:, "
        "and [[id]] for actors, issues and events"
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [v for k, v in attrs if k in ("href", "src") and v is not None]


def _rendered_links(text: str) -> list[str]:
    """Every link and image address Markdown makes of `text` (raw HTML off, as rendered)."""
    if not _MAY_LINK.search(text):
        return []  # most fields: no link syntax, nothing to render
    global _MD
    if _MD is None:
        _MD = safe_markdown()
    parser = _Links()
    parser.feed(_MD.reset().convert(defuse_brackets(text)))
    parser.close()
    return parser.found


_MD: markdown.Markdown | None = None
_MAY_LINK = re.compile(r"\]\s*[(\[:]|<")
"""What every Markdown link needs: `](` inline, `][` or `]:` by reference, `<` autolink."""


SILENCE = "no public position"
"""A stance that once recorded silence as a position; now an error that says what to write."""


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
                        f"{_dated_reason(event, other, key)}, so '{key}: {other.id}' changes "
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
        quoted = [f"'{principal}'" for principal in silent]
        holders = _listed([f"'{s.current.actor}'" for s in all_stands])
        has = "has" if len(all_stands) == 1 else "have"
        if len(silent) == 1:
            yield self._warn(
                doc,
                ("positions",),
                (
                    f"principal '{silent[0]}' has no position on this issue, while {holders} "
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
                f"principals without a position on this issue: {_listed(quoted)}, while "
                f"{holders} {has} one; add their positions if the sources give them; for those "
                "they say nothing of here, list them under 'not_covered' "
                f"(not_covered: [{', '.join(silent)}]): pages show them as not covered either way"
            ),
            key=True,
        )

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


def _to_add(kind: str, id: str) -> str:
    """`; to add it: make new KIND=source ID=<id>` for an id a file can have, else nothing.
    Not after a did-you-mean: a close id is most likely a typo, and a file of the misspelled
    id would be a second actor (source...) of one name."""
    return f"; to add it: make new KIND={kind} ID={id}" if ID_RE.fullmatch(id) else ""


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
