"""The `/data/` page: what the open data files hold (`data.py`), field by field, with the
fields' descriptions taken from the models. Pure: no I/O, no MkDocs."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jinja2 import Environment
from markupsafe import Markup
from pydantic import BaseModel

from site_gen.model import Actor, Content, Event, Explainer, Issue, Position, Quote, Source
from site_gen.render import templating
from site_gen.render.data import EVENT_COLUMNS, FORMAT, POSITION_COLUMNS, VERSION
from site_gen.render.text import esc

_IDS = {
    "explainer": "The explainer's permanent URI: its `uri`, else a `urn:uuid:` made from its title.",
    "positions": "The position's id: `<issue>/<actor>/<as_of>`.",
}
_ADDED = {
    "id": "The id: the fact's file name without `.yml`.",
    "current": "`true` for the actor's newest position on the issue, `false` for history.",
    "replaces": "The id of the stand of its side this one replaced (whoever voiced it), or "
    "`null` for the first on record.",
}
_TOP = {
    "format": f"Always `{FORMAT}`.",
    "version": f"The version of this format: `{VERSION}`.",
    "as_of": Explainer.model_fields["as_of"].description,
    "license": "The license of the facts, or `null`: not stated.",
    "citation": "How to cite the explainer, or `null`: not stated.",
    "explainer": "The explainer: the fields below.",
    "actors": "Every actor, by id.",
    "issues": "Every issue, by title, each with its positions.",
    "events": "Every event, in date order.",
    "sources": "Every source, by id.",
    "glossary": "The terms, each `{term, definition}`, in the glossary's order.",
}
_OBJECTS = [
    ("top", "The file", None, ()),
    ("explainer", "`explainer`", Explainer, ("id",)),
    ("actors", "`actors[]`", Actor, ("id",)),
    ("issues", "`issues[]`", Issue, ("id",)),
    ("positions", "`issues[].positions[]`", Position, ("id", "current", "replaces")),
    ("quotes", "`…quotes[]`", Quote, ()),
    ("events", "`events[]`", Event, ("id",)),
    ("sources", "`sources[]`", Source, ("id",)),
]
_TIMELINE = {
    "title.text.headline": "The explainer's title.",
    "title.text.text": "The lede as plain text, and the as-of date (HTML).",
    "events[].unique_id": "The event's id.",
    "events[].start_date": "`year`, and `month` and `day` only when known; `display_date` "
    "as the site writes it.",
    "events[].text.headline": "The event's title (HTML-escaped).",
    "events[].text.text": "The summary as plain text and the sources' titles (HTML).",
}


def _field_docs(key: str, model: type[BaseModel], added: tuple[str, ...]) -> dict[str, str]:
    docs = {"id": _IDS.get(key, _ADDED["id"])} if "id" in added else {}
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        docs[name] = info.description or ""
    docs.update({name: _ADDED[name] for name in added if name != "id"})
    if model is Quote:
        docs["by"] += " `null` in a position: the position's actor."
    return docs


def json_fields() -> dict[str, Mapping[str, str | None]]:
    """Every key of explainer.json, per object, with what it holds."""
    out: dict[str, Mapping[str, str | None]] = {"top": dict(_TOP)}
    for key, _, model, added in _OBJECTS:
        if model is not None:  # the file's own keys are _TOP
            out[key] = _field_docs(key, model, added)
    return out


def _code(text: str) -> str:
    """Plain text with `code` spans, for an HTML cell."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _table(
    env: Environment, label: str, head: tuple[str, str], docs: Mapping[str, str | None]
) -> str:
    rows = [
        templating.block(
            env, "data_field_row.html", head=head, name=name, what=Markup(_code(text or ""))
        )
        for name, text in docs.items()
    ]
    return templating.table(env, label, "xp-data-fields", list(head), rows)


def page(content: Content, env: Environment) -> str:
    """The body of the `/data/` page (after its title): the files, then every field."""
    ex = content.explainer
    n_positions = sum(len(i.positions) for i in content.issues.values())
    files = [
        (
            "explainer.json",
            "JSON",
            "Every fact: explainer, actors, issues with positions, "
            f"events, sources, glossary ({len(content.issues)} issues, {n_positions} positions).",
        ),
        ("positions.csv", "CSV", f"One row per position: {n_positions} rows."),
        ("events.csv", "CSV", f"One row per event: {len(content.events)} rows."),
        ("timeline.json", "TimelineJS JSON", "The events, for a TimelineJS3 timeline."),
    ]
    rows = [
        templating.block(env, "data_file_row.html", name=name, format=fmt, what=what)
        for name, fmt, what in files
    ]

    def block(name: str, /, **context: object) -> str:
        return templating.block(env, name, **context) + "\n"

    out = [
        block("data_as_of.html", as_of=ex.as_of),
        block("data_terms.html", license=ex.license or "", citation=ex.citation or ""),
        "## Files {#files}\n",
        templating.table(env, "Data files", "xp-data-files", ["File", "Format", "What"], rows),
        block("data_formats.html"),
        "## explainer.json {#explainer-json}\n",
        block("data_json.html"),
    ]
    fields = json_fields()
    for key, title, _, _ in _OBJECTS:
        label = "explainer.json" if key == "top" else re.sub(r"`", "", title)
        out.append(block("data_object.html", key=key, title=Markup(_code(title))))
        out.append(_table(env, f"Keys of {label}", ("Key", "What"), fields[key]))
    out += ["## positions.csv {#positions-csv}\n", block("data_csv.html")]
    out.append(_table(env, "Columns of positions.csv", ("Column", "What"), POSITION_COLUMNS))
    out += ["## events.csv {#events-csv}\n", block("data_csv.html")]
    out.append(_table(env, "Columns of events.csv", ("Column", "What"), EVENT_COLUMNS))
    out.append("## timeline.json {#timeline-json}\n")
    out.append(block("data_timeline.html"))
    out.append(_table(env, "Keys of timeline.json", ("Key", "What"), _TIMELINE))
    return "\n".join(out)
