"""Facts -> open data files (`data/explainer.json`, two CSVs, a TimelineJS timeline) and the
`/data/` page that documents them. Pure: no I/O, no MkDocs.

Every fact keeps a stable id: actors, issues, events and sources by their file name, a position
by `<issue>/<actor>/<as_of>` (check.py allows one position per actor, issue and as_of).
Dates stay in the form editors wrote, whose length is the precision.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.markup import slug
from site_gen.model import Actor, Content, Event, Explainer, Issue, Position, Source
from site_gen.render.text import esc, plain

LIST_SEPARATOR = ";"
"""Joins the ids of a list field in one CSV cell; ids never contain it."""
FORMAT = "site-gen explainer data"
VERSION = 1
PATHS = {
    "json": "data/explainer.json",
    "positions": "data/positions.csv",
    "events": "data/events.csv",
    "timeline": "data/timeline.json",
}
PAGE = "data.md"
TITLE = "Open data"
DESCRIPTION = "Every fact of the explainer as JSON and CSV, with stable ids, for reuse."


@dataclass(frozen=True)
class Dated:
    """A position with its place in its actor's history on the issue."""

    id: str
    issue: Issue
    position: Position
    current: bool
    replaces: Position | None
    """The actor's previous position on the issue, which this one replaced."""


def explainer_uri(explainer: Explainer) -> str:
    """The explainer's permanent name: its `uri`, else a UUID URN derived from its title, so
    that ids survive a move of the site (but not a new title: set `uri` before retitling)."""
    if explainer.uri:
        return explainer.uri
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'site-gen:' + slug(explainer.title))}"


def fact_uri(explainer: Explainer, name: str) -> str:
    """A permanent URI for a change or a feed, e.g. for Atom entry ids, from its stable name
    (`position/<issue>/<actor>/<as_of>`, `event/<id>`, `feed`, `feed/issues/<id>`)."""
    if explainer.uri:
        return f"{explainer.uri}/{name}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'site-gen:{slug(explainer.title)}/{name}')}"


def position_id(issue: Issue, position: Position) -> str:
    return f"{issue.id}/{position.actor}/{position.as_of}"


def dated_positions(content: Content, changes: list[facts.Change] | None = None) -> list[Dated]:
    """Every position, issue by issue (by title), in file order, with what it replaced (as
    `facts.changes` says, or `changes` when given, so that the data agree with the /changes/
    page and the feeds)."""
    by_position = {
        id(c.position): c for c in changes or facts.changes(content) if c.position is not None
    }
    dated = []
    for issue in facts.issues_in_order(content):
        for p in issue.positions:
            change = by_position[id(p)]
            dated.append(Dated(position_id(issue, p), issue, p, change.current, change.replaced))
    return dated


def render_data(content: Content, changes: list[facts.Change] | None = None) -> dict[str, str]:
    """The data files, by path under the site root (`changes`: `facts.changes(content)`,
    if the caller has it already)."""
    dated = dated_positions(content, changes)
    return {
        PATHS["json"]: explainer_json(content, dated),
        PATHS["positions"]: positions_csv(content, dated),
        PATHS["events"]: events_csv(content),
        PATHS["timeline"]: timeline_json(content),
    }


# -- explainer.json --------------------------------------------------------------------------


def _stored(fact: Actor | Issue | Event | Source) -> dict:
    return {"id": fact.id, **fact.model_dump(mode="json")}


def explainer_data(content: Content, positions: list[Dated] | None = None) -> dict:
    """Every fact as plain JSON values (`positions`: `dated_positions(content)`)."""
    ex = content.explainer
    dated = {id(d.position): d for d in positions or dated_positions(content)}
    issues = []
    for issue in facts.issues_in_order(content):
        data = _stored(issue)
        data["positions"] = [
            {
                "id": dated[id(p)].id,
                **p.model_dump(mode="json"),
                "current": dated[id(p)].current,
                "replaces": _replaced_id(dated[id(p)]),
            }
            for p in issue.positions
        ]
        issues.append(data)
    return {
        "format": FORMAT,
        "version": VERSION,
        "as_of": str(ex.as_of),
        "license": ex.license,
        "citation": ex.citation,
        "explainer": {"id": explainer_uri(ex), **ex.model_dump(mode="json")},
        "actors": [_stored(a) for a in sorted(content.actors.values(), key=lambda a: a.id)],
        "issues": issues,
        "events": [_stored(e) for e in facts.events_in_order(content)],
        "sources": [_stored(s) for s in sorted(content.sources.values(), key=lambda s: s.id)],
        "glossary": [{"term": t, "definition": d} for t, d in content.glossary.items()],
    }


def explainer_json(content: Content, positions: list[Dated] | None = None) -> str:
    data = explainer_data(content, positions)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _replaced_id(d: Dated) -> str | None:
    return position_id(d.issue, d.replaces) if d.replaces else None


# -- CSV ---------------------------------------------------------------------------------------

POSITION_COLUMNS = {
    "id": "The position's id: `<issue>/<actor>/<as_of>`.",
    "issue": "The issue's id.",
    "issue_title": "The issue's title.",
    "actor": Position.model_fields["actor"].description,
    "actor_name": "The actor's name.",
    "stance": Position.model_fields["stance"].description,
    "detail": "The position in full, in Markdown with `[[id]]` wiki-links; empty if not given.",
    "flexibility": "red-line, firm, open or unclear; empty if not stated.",
    "as_of": Position.model_fields["as_of"].description,
    "current": "`true` for the actor's newest position on the issue, `false` for history.",
    "replaces": "The id of the previous stand of the actor's side on the issue, whoever voiced "
    "it (the principal or an actor that speaks for it); empty for the first on record.",
    "sources": "Source ids, joined with `;`.",
    "key_quote": "The first quote's exact words (all quotes are in explainer.json); may be empty.",
    "supports": "Ids of the issue's options the position supports, joined with `;`; may be empty.",
    "rejects": "Ids of the issue's options the position rejects, joined with `;`; may be empty.",
    "claim": "Whose claim the position is: `said` (the actor's own words), `reported` (as the "
    "source reports it) or `assessed` (the source's own assessment).",
    "declined": "`true` when the sources report that the actor declined to take a position.",
}
EVENT_COLUMNS = {
    "id": "The event's id.",
    "date": Event.model_fields["date"].description,
    "title": Event.model_fields["title"].description,
    "summary": "What happened, in Markdown with `[[id]]` wiki-links; empty if not given.",
    "actors": "Actor ids that took part, joined with `;`.",
    "issues": "Issue ids the event bears on, joined with `;`.",
    "sources": "Source ids, joined with `;`.",
}


def _csv(columns: Mapping[str, str | None], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    # RFC 4180: CRLF line ends; fields with a comma, quote or line break are quoted.
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _join(ids: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(ids)


def positions_csv(content: Content, positions: list[Dated] | None = None) -> str:
    """One row per position, current and earlier ones alike."""
    rows = []
    for d in positions or dated_positions(content):
        p = d.position
        rows.append(
            {
                "id": d.id,
                "issue": d.issue.id,
                "issue_title": d.issue.title,
                "actor": p.actor,
                "actor_name": content.actors[p.actor].name,
                "stance": p.stance,
                "detail": p.detail or "",
                "flexibility": p.flexibility or "",
                "as_of": str(p.as_of),
                "current": "true" if d.current else "false",
                "replaces": _replaced_id(d) or "",
                "sources": _join(p.sources),
                "key_quote": p.quotes[0].text if p.quotes else "",
                "supports": _join(p.supports),
                "rejects": _join(p.rejects),
                "claim": facts.claim_of(p),
                "declined": "true" if p.declined else "false",
            }
        )
    return _csv(POSITION_COLUMNS, rows)


def events_csv(content: Content) -> str:
    """One row per event, in date order."""
    rows = [
        {
            "id": e.id,
            "date": str(e.date),
            "title": e.title,
            "summary": e.summary or "",
            "actors": _join(e.actors),
            "issues": _join(e.issues),
            "sources": _join(e.sources),
        }
        for e in facts.events_in_order(content)
    ]
    return _csv(EVENT_COLUMNS, rows)


# -- timeline.json -------------------------------------------------------------------------


def _timeline_date(date: PartialDate) -> dict:
    # TimelineJS shows only the parts given, so a month-precise date reads "December 2025".
    parts: dict[str, int | str] = {"year": date.year}
    if date.month:
        parts["month"] = date.month
    if date.day:
        parts["day"] = date.day
    parts["display_date"] = date.label
    return parts


def timeline_data(content: Content) -> dict:
    """The events in TimelineJS3's JSON format; `text` fields are HTML, so text is escaped."""
    ex = content.explainer
    events = []
    for e in facts.events_in_order(content):
        body = f"<p>{esc(plain(e.summary, content))}</p>" if e.summary else ""
        sources = ", ".join(esc(content.sources[s].title) for s in e.sources)
        events.append(
            {
                "unique_id": e.id,
                "start_date": _timeline_date(e.date),
                "text": {"headline": esc(e.title), "text": f"{body}<p>Sources: {sources}</p>"},
            }
        )
    return {
        "title": {
            "text": {
                "headline": esc(ex.title),
                "text": f"<p>{esc(plain(ex.lede, content))}</p><p>As of {ex.as_of.label}</p>",
            }
        },
        "events": events,
    }


def timeline_json(content: Content) -> str:
    return json.dumps(timeline_data(content), ensure_ascii=False, separators=(",", ":")) + "\n"
