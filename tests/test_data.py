"""The open data files round-trip against the loaded facts; the /data/ page documents them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from site_gen import facts
from site_gen.check import get_content
from site_gen.cli import main
from site_gen.model import Actor, Content, Event, Explainer, Issue, Position, Source
from site_gen.render import data, render_site
from tests.corpora import TALKS

ROOT = Path(__file__).parent.parent
CASES = {"peace-talks": TALKS, "edge": Path(__file__).parent / "fixtures" / "edge"}


@pytest.fixture(scope="module", params=sorted(CASES))
def content(request: pytest.FixtureRequest) -> Content:
    return get_content(CASES[request.param])


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _all_positions(content: Content) -> list[tuple[Issue, Position]]:
    return [(i, p) for i in content.issues.values() for p in i.positions]


def test_json_rebuilds_the_content_exactly(content: Content) -> None:
    got = json.loads(data.explainer_json(content))
    ex = got["explainer"]
    assert ex.pop("id") == data.explainer_uri(content.explainer)
    positions = {}
    issues = {}
    for issue in got["issues"]:
        for p in issue["positions"]:
            positions[p.pop("id")] = (issue["id"], p.pop("current"), p.pop("replaces"))
        issues[issue["id"]] = Issue.model_validate(issue)
    rebuilt = Content(
        explainer=Explainer.model_validate(ex),
        actors={a["id"]: Actor.model_validate(a) for a in got["actors"]},
        issues=issues,
        events={e["id"]: Event.model_validate(e) for e in got["events"]},
        sources={s["id"]: Source.model_validate(s) for s in got["sources"]},
        glossary={g["term"]: g["definition"] for g in got["glossary"]},
        # which sources keep their text beside them is no fact: the text is never published
        source_texts=content.source_texts,
    )
    assert rebuilt == content
    assert list(rebuilt.glossary) == list(content.glossary)  # the glossary's order too
    assert (got["as_of"], got["license"], got["citation"]) == (
        str(content.explainer.as_of),
        content.explainer.license,
        content.explainer.citation,
    )
    # every position once, under its stable id, with its place in its side's history
    expected = {}
    for c in facts.changes(content):
        if c.position is not None:
            older = c.replaced
            replaces = f"{c.issues[0]}/{older.actor}/{older.as_of}" if older else None
            expected[c.id.removeprefix("position/")] = (c.issues[0], c.current, replaces)
    assert positions == expected
    assert len(positions) == len(_all_positions(content))


def test_shipped_json_states_what_is_known_and_no_more() -> None:
    got = json.loads(data.explainer_json(get_content(CASES["peace-talks"])))
    assert got["as_of"] == "2025-12-19"
    assert got["license"] is None  # the seed report gives none
    assert got["citation"].startswith("Ukraine–Russia peace talks explained")
    assert got["explainer"]["id"].startswith("urn:uuid:")
    miami = next(e for e in got["events"] if e["id"] == "miami-talks")
    assert miami["date"] == "2025-12"  # the precision as written


def test_positions_csv_has_one_row_per_position_matching_the_model(content: Content) -> None:
    text = data.positions_csv(content)
    rows = _rows(text)
    assert list(rows[0]) == list(data.POSITION_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows) == len(_all_positions(content))
    changes = {c.id: c for c in facts.changes(content)}
    for issue, p in _all_positions(content):
        row = by_id[f"{issue.id}/{p.actor}/{p.as_of}"]
        assert row["issue"] == issue.id and row["issue_title"] == issue.title
        assert row["actor"] == p.actor and row["actor_name"] == content.actors[p.actor].name
        assert row["stance"] == p.stance
        assert row["detail"] == (p.detail or "")
        assert row["flexibility"] == (p.flexibility or "")
        assert row["as_of"] == str(p.as_of)
        assert tuple(row["sources"].split(";")) == p.sources
        assert row["key_quote"] == (p.quotes[0].text if p.quotes else "")
        assert (row["supports"], row["rejects"]) == (";".join(p.supports), ";".join(p.rejects))
        assert (row["claim"], row["declined"]) == (facts.claim_of(p), str(p.declined).lower())
        change = changes[f"position/{issue.id}/{p.actor}/{p.as_of}"]
        older = change.replaced
        assert row["current"] == ("true" if change.current else "false")
        assert row["replaces"] == (f"{issue.id}/{older.actor}/{older.as_of}" if older else "")


def test_events_csv_has_one_row_per_event_in_date_order(content: Content) -> None:
    rows = _rows(data.events_csv(content))
    assert list(rows[0]) == list(data.EVENT_COLUMNS)
    assert [r["id"] for r in rows] == [e.id for e in facts.events_in_order(content)]
    for row in rows:
        e = content.events[row["id"]]
        assert row["date"] == str(e.date) and row["title"] == e.title
        assert row["summary"] == (e.summary or "")
        for column in ("actors", "issues", "sources"):
            value = getattr(e, column)
            assert row[column] == ";".join(value)
            assert (tuple(row[column].split(";")) if row[column] else ()) == value


def test_csv_quotes_commas_quotes_and_line_breaks_per_rfc_4180() -> None:
    nasty = 'Yes, "maybe"\nnext line'
    content = Content(
        explainer=Explainer(title="T", lede="L", as_of="2025-01"),
        actors={"a": Actor(id="a", name='Ann, "the" Actor', kind="person")},
        issues={
            "i": Issue(
                id="i",
                title="Plain",
                question="Q?",
                status="open",
                summary="S",
                positions=(
                    Position(actor="a", stance="Calm", detail=nasty, as_of="2025", sources=("s",)),
                ),
            )
        },
        events={"e": Event(id="e", date="2025-01", title="E", summary=nasty, sources=("s",))},
        sources={"s": Source(id="s", title="S")},
    )
    text = data.positions_csv(content)
    lines = text.split("\r\n")
    assert lines[-1] == ""  # every record ends with CRLF, the last one too
    assert lines[1] == (
        'i/a/2025,i,Plain,a,"Ann, ""the"" Actor",Calm,"Yes, ""maybe""\nnext line",,2025,true,,s,,,,reported,false'
    )
    assert _rows(text)[0]["detail"] == nasty
    events = data.events_csv(content)
    assert events.split("\r\n")[1] == 'e,2025-01,E,"Yes, ""maybe""\nnext line",,,s'
    assert _rows(events)[0]["summary"] == nasty


def test_timeline_json_is_timelinejs_shaped_with_precision(content: Content) -> None:
    got = json.loads(data.timeline_json(content))
    assert set(got) == {"title", "events"}
    assert set(got["title"]["text"]) == {"headline", "text"}
    events = facts.events_in_order(content)
    assert [e["unique_id"] for e in got["events"]] == [e.id for e in events]
    for entry, event in zip(got["events"], events, strict=True):
        start = entry["start_date"]
        assert start["year"] == event.date.year
        assert start.get("month") == (event.date.month or None)
        assert start.get("day") == (event.date.day or None)
        assert start["display_date"] == event.date.label
        assert set(entry["text"]) == {"headline", "text"}
        assert "<" not in re.sub(r"</?p>", "", entry["text"]["headline"] + entry["text"]["text"])


def test_edge_timeline_escapes_html_in_text() -> None:
    got = json.loads(data.timeline_json(get_content(CASES["edge"])))
    assert got["title"]["text"]["headline"] == "Edge &lt;case&gt; &amp; co"
    assert "&lt;script&gt;" in got["title"]["text"]["text"]
    years = {e["unique_id"]: e["start_date"] for e in got["events"]}
    assert years["first-meeting"] == {"year": 2023, "display_date": "2023"}


def test_data_page_links_every_file_and_documents_every_key_and_column(content: Content) -> None:
    site = render_site(content)
    page = site.pages[data.PAGE]
    assert {"Data": data.PAGE} not in site.nav  # for reusers: a footer link, not a tab
    assert "search:\n  exclude: true" in page.split("\n---\n", 1)[0]
    assert set(data.PATHS.values()) <= set(site.files)
    for path in data.PATHS.values():
        name = path.removeprefix("data/")
        assert f'<a href="{name}" download>{name}</a>' in page  # data.md is served at /data/
    documented = set(re.findall(r"<th scope=\"row\" data-label=\"\w+\"><code>([^<]+)</code>", page))
    got = json.loads(data.explainer_json(content))
    keys = set(got) | set(got["explainer"])
    for kind in ("actors", "issues", "events", "sources"):
        for item in got[kind]:
            keys |= set(item)
    for issue in got["issues"]:
        for p in issue["positions"]:
            keys |= set(p)
            for q in p["quotes"]:
                keys |= set(q)
    assert keys - documented == set()
    assert set(data.POSITION_COLUMNS) | set(data.EVENT_COLUMNS) <= documented
    assert "<dt>License</dt><dd>Not stated</dd>" in page  # neither fixture sets one


def test_data_page_states_the_license_and_citation_when_set() -> None:
    """Neither fixture sets a license (the page says "Not stated", above): here it is set."""
    content = get_content(TALKS)
    terms = {"license": "CC-BY-4.0", "citation": "Newsroom <Desk>, 2025"}
    explainer = content.explainer.model_copy(update=terms)
    page = render_site(content.model_copy(update={"explainer": explainer})).pages[data.PAGE]
    assert (
        "<dt>License</dt><dd>CC-BY-4.0</dd><dt>Cite as</dt><dd>Newsroom &lt;Desk&gt;, 2025</dd>"
        in page
    )


def test_compile_writes_the_data_files_byte_for_byte(tmp_path: Path) -> None:
    assert main(["compile", str(CASES["peace-talks"]), "--out", str(tmp_path)]) == 0
    files = render_site(get_content(CASES["peace-talks"])).files
    for path, text in files.items():
        assert (tmp_path / path).read_bytes() == text.encode("utf-8"), path
    assert b"\r\n" in (tmp_path / "data" / "positions.csv").read_bytes()
