"""The explainer's design and trust signals: overridable block templates (in a real build and
in `site-gen compile`), corrections (page, feed, JSON-LD), the footer's facts, the timeline
drawn at build time, compact dates, and /data/ kept out of the reader tabs and search."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_gen.check import get_checked, get_content
from site_gen.cli import main
from site_gen.dates import PartialDate
from site_gen.model import Event
from site_gen.render import axis, render_site, trust
from site_gen.render.templating import environment
from tests.corpora import EDGE, RIVER, TALKS
from tests.sites import ROOT, build_in_process, project_copy

ATOM = "{http://www.w3.org/2005/Atom}"
MARK = "<!-- newsroom quote -->"
OVERRIDE = MARK + '<figure class="newsroom-quote"><blockquote>{{ text }}</blockquote></figure>\n'


# -- templates a site overrides -----------------------------------------------------------


def test_a_template_in_the_theme_overrides_the_packaged_one_in_a_real_build(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path)
    (project / "theme" / "explainer").mkdir()
    (project / "theme" / "explainer" / "quote.html").write_text(OVERRIDE, encoding="utf-8")
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "issues" / "deal-prospects" / "index.html").read_text(
        encoding="utf-8"
    )
    said = "I think we’ve made progress, but we have a ways to go."
    assert f'<figure class="newsroom-quote"><blockquote>{said}' in page
    assert 'class="xp-quote"' not in page
    # the other blocks still come from the package
    assert 'class="xp-corrections' in (project / "site" / "corrections" / "index.html").read_text(
        encoding="utf-8"
    )


def test_compile_takes_a_templates_folder(tmp_path: Path, capsys) -> None:
    templates = tmp_path / "blocks"
    templates.mkdir()
    (templates / "quote.html").write_text(OVERRIDE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compile", str(TALKS), "--out", str(out), "--templates", str(templates)]) == 0
    assert MARK in (out / "issues" / "deal-prospects.md").read_text(encoding="utf-8")
    missing = tmp_path / "nowhere"
    assert main(["compile", str(TALKS), "--out", str(out), "--templates", str(missing)]) == 2
    assert capsys.readouterr().err == f"site-gen: error: --templates: no folder '{missing}'\n"


def test_override_text_is_still_escaped(tmp_path: Path) -> None:
    (tmp_path / "quote.html").write_text("<q>{{ text }}</q>", encoding="utf-8")
    env = environment(tmp_path)
    html = env.get_template("quote.html").render(text='<script>"x"</script>')
    assert html == "<q>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</q>"


# -- trust: publisher, corrections ---------------------------------------------------------

CORRECTED = """
publisher:
  name: The Daily <Example>
  url: https://daily.example/
corrections:
  - date: "2025-12-20"
    wrong: The Berlin talks were dated 17 December
    now: The Berlin talks are dated to December 2025, as the report gives no day
  - date: "2025-12-21"
    wrong: Rubio was called "Secretary of Defense"
    now: Rubio is Secretary of State
"""


def corrected_content(tmp_path: Path):
    folder = tmp_path / "content"
    shutil.copytree(TALKS, folder)
    with (folder / "explainer.yml").open("a", encoding="utf-8") as f:
        f.write(CORRECTED)
    return get_content(folder)


def test_corrections_page_lists_newest_first_with_stable_anchors(tmp_path: Path) -> None:
    content = corrected_content(tmp_path)
    page = render_site(content).pages["corrections.md"]
    assert page.startswith('---\ntitle: "Corrections"\n')
    first, second = page.index('id="correction-2"'), page.index('id="correction-1"')
    assert first < second
    assert (
        '<li id="correction-2" class="xp-correction"><p class="xp-correction__date">'
        '<time datetime="2025-12-21">21 December 2025</time></p><dl><div class="xp-was">'
        "<dt>What was wrong</dt><dd>Rubio was called &quot;Secretary of Defense&quot;</dd>"
        '</div><div class="xp-now"><dt>What it says now</dt><dd>Rubio is Secretary of State'
        "</dd></div></dl></li>"
    ) in page


def test_no_corrections_says_so() -> None:
    page = render_site(get_content(TALKS)).pages["corrections.md"]
    assert '<p class="xp-none">No corrections so far.</p>' in page
    assert "<ol" not in page


def test_corrections_are_in_the_site_feed_and_the_json_ld(tmp_path: Path) -> None:
    content = corrected_content(tmp_path)
    site = render_site(content, site_url="https://news.example/talks/")
    feed = ET.fromstring(site.files["feed.xml"])
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[:2] == [
        "Correction: Rubio is Secretary of State",
        "Correction: The Berlin talks are dated to December 2025, as the report gives no day",
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}updated") == "2025-12-21T00:00:00Z"
    link = first.find(f"{ATOM}link")
    assert link is not None
    assert link.get("href") == "https://news.example/talks/corrections/#correction-2"
    assert "What was wrong: Rubio was called" in (first.findtext(f"{ATOM}content") or "")
    # issue feeds carry their issue's changes only
    assert "Correction" not in site.files["issues/donbas/feed.xml"]
    front = site.pages["issues/donbas.md"].split("\n---\n", 1)[0]
    jsonld = json.loads(json.loads(re.search(r"^jsonld: (.*)$", front, re.M)[1]))
    assert jsonld["publisher"] == {
        "@type": "Organization",
        "name": "The Daily <Example>",
        "url": "https://daily.example/",
    }
    assert jsonld["isPartOf"]["correction"][0] == {
        "@type": "CorrectionComment",
        "datePublished": "2025-12-21",
        "text": 'Rubio was called "Secretary of Defense". Now: Rubio is Secretary of State',
    }


def test_the_footer_facts(tmp_path: Path) -> None:
    content = corrected_content(tmp_path)
    assert trust.footer(content, about=True) == {
        "publisher": {"name": "The Daily <Example>", "url": "https://daily.example/"},
        "license": None,
        "as_of": {"iso": "2025-12-19", "label": "19 December 2025"},
        "about": "about/",
        "corrections": "corrections/",
        "corrected": 2,
        "sources": "sources/",
        "data": "data/",
        "feed": "feed.xml",
    }
    assert trust.footer(get_content(TALKS), about=False)["about"] is None


def test_the_footer_in_a_real_build(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "content" / "about.md").write_text("# About\n\nHow it is made.\n", "utf-8")
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "issues" / "donbas" / "index.html").read_text(encoding="utf-8")
    footer = page[page.index('<footer class="md-footer xp-footer">') :]
    for link in (
        '<a href="../../about/">About and methods</a>',
        '<a href="../../corrections/">Corrections</a>',
        '<a href="../../feed.xml">Atom feed of changes</a>',
        '<a href="../../data/">Open data (JSON, CSV)</a>',
    ):
        assert link in footer
    assert "Every cell is sourced and dated." in footer
    assert "Licence of the facts: not stated." in footer
    assert "Made with" not in footer
    # /data/ is for reusers: linked from the footer, not a tab, not in the reader search
    assert 'href="../../data/" class="md-tabs__link"' not in page
    index = json.loads((project / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("data/")]
    # the matrix repeats the issue pages: its page is found, its cells are not one run-on blob
    matrix = [d for d in index["docs"] if d["location"].startswith("positions/")]
    assert matrix and not any("Not covered by our sources" in d["text"] for d in matrix)
    assert any("Not covered by our sources" in d["text"] for d in index["docs"])


# -- the timeline drawn ----------------------------------------------------------------------


def event(id: str, date: str, *, expected: bool = False) -> Event:
    return Event(id=id, date=date, title=id, sources=("s",), expected=expected)


def test_axis_places_events_by_date_and_tells_precision_apart() -> None:
    events = [
        event("month", "2025-11"),
        event("a", "2025-11-16"),
        event("b", "2025-12-01"),
        event("c", "2025-12-01", expected=True),
    ]
    drawn = axis.layout(events)
    marks, ticks, lanes = drawn.marks, drawn.ticks, drawn.lanes
    # 1 Nov to 1 Jan: 61 days
    assert [(m.event.id, m.x, m.width, m.lane, m.precision) for m in marks] == [
        ("month", 0.0, 49.18, 0, "month"),
        ("a", 25.41, 0.0, 1, "day"),
        ("b", 50.0, 0.0, 1, "day"),  # not right after the month: a band's target juts out
        ("c", 50.0, 0.0, 2, "day"),
    ]
    assert [m.narrow_lane for m in marks] == [0, 1, 1, 2]
    assert lanes == 3 and drawn.narrow_lanes == 3
    labelled = [(t.label, t.x) for t in ticks if t.label]
    assert labelled[:2] == [("Nov 2025", 0.0), ("8", 11.475)]
    assert ("Dec", 49.18) in labelled
    assert drawn.as_of is None
    html = axis.timeline_axis(environment(), events, lambda e: f"#{e.id}")
    # not hidden from assistive technology: its marks are links, named by date and title
    assert html.startswith('<figure class="xp-axis" aria-label="The events on a time axis, ')
    assert "aria-hidden" not in html.split("\n")[0] and "tabindex" not in html
    assert (
        '<li class="xp-axis__mark xp-axis__mark--day xp-axis__mark--expected" '
        'style="--x: 50.0%; --w: 0.0%; --lane: 2; --lane-n: 2"><a href="#c"><span class="xp-axis__label">'
        '<time datetime="2025-12-01">1 Dec 2025</time>: c (expected)</span></a></li>'
    ) in html
    assert "xp-axis__mark--month" in html and "> Expected</span>" in html
    assert "> Month only</span>" in html and "xp-axis__as-of" not in html
    assert "\n\n" not in html


def test_marks_a_phone_s_target_apart_take_more_rows_on_a_narrow_axis() -> None:
    """Dots 5 days apart on an axis of 120 days: 4.2 % of it, 24 px from 580 px on; on a wide
    axis (706 px and more) they share a row, on a narrow one (down to 256 px) they take
    turns in three."""
    days = [f"2025-11-{d:02}" for d in (1, 6, 11, 16, 21, 26)]
    drawn = axis.layout(
        [event(f"e{i}", d) for i, d in enumerate(days)], PartialDate.parse("2026-02")
    )
    assert [m.lane for m in drawn.marks] == [0, 0, 0, 0, 0, 0]
    assert [m.narrow_lane for m in drawn.marks] == [0, 1, 2, 0, 1, 2]
    assert (drawn.lanes, drawn.narrow_lanes) == (1, 3)
    css = (ROOT / "theme" / "assets" / "explainer.css").read_text(encoding="utf-8")
    assert f"@container (width < {axis.WIDE}px)" in css  # the width the narrow rows are for
    events = [event(f"e{i}", d) for i, d in enumerate(days)]
    html = axis.timeline_axis(
        environment(), events, lambda e: f"#{e.id}", PartialDate.parse("2026-02")
    )
    assert 'style="--xp-lanes: 1; --xp-lanes-n: 3"' in html
    assert 'style="--x: 4.583%; --w: 0.0%; --lane: 0; --lane-n: 1"><a href="#e1">' in html


def test_the_axis_marks_the_as_of_date_and_takes_it_in() -> None:
    events = [event("a", "2025-11-16"), event("year", "2025")]
    # as of a day after the last event: the axis runs on to the end of its month
    drawn = axis.layout(events[:1], PartialDate.parse("2025-12-19"))
    assert drawn.as_of == 79.508  # 1 Nov to 1 Jan, the middle of 19 Dec
    assert [t.label for t in drawn.ticks if t.major] == ["Nov 2025", "Dec"]
    assert axis.layout(events[:1], PartialDate.parse("2025-11")).as_of == 100.0  # its end
    html = axis.timeline_axis(environment(), events, lambda e: f"#{e.id}", as_of=None)
    assert "xp-axis__as-of" not in html and "> Year only</span>" in html
    html = axis.timeline_axis(
        environment(), events, lambda e: f"#{e.id}", PartialDate.parse("2025-12-19")
    )
    assert (
        '<p class="xp-axis__as-of" style="--x: 96.575%"><span class="xp-axis__as-of-label">'
        'As of <time datetime="2025-12-19">19 Dec 2025</time></span></p>'
    ) in html


def test_a_long_history_labels_years_and_gets_an_overview_strip() -> None:
    events = [event(f"e{y}-{m}", f"{y}-{m:02d}-10") for y in range(2016, 2026) for m in (3, 9)]
    events += [event(f"x{n}", "2020-03-11") for n in range(120)]
    ticks = axis.layout(events).ticks
    assert [t.label for t in ticks if t.label][:3] == ["2016", "2017", "2018"]
    site = render_site(get_content(TALKS))  # the shipped history fits on one page: no strip
    assert "xp-overview" not in site.pages["timeline.md"]
    assert 'class="xp-axis"' in site.pages["timeline.md"]


def test_split_timeline_pages_show_the_overview(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(EDGE, folder)
    for n in range(100):  # 50 in 2021, 50 in 2022, with the fixture's 3: split by year
        (folder / "events" / f"extra-{n}.yml").write_text(
            f'date: "{2021 + n % 2}-0{n % 9 + 1}-0{n % 9 + 1}"\ntitle: Extra {n}\n'
            "sources: [memo]\n",
            encoding="utf-8",
        )
    pages = render_site(get_content(folder)).pages
    index = pages["timeline.md"]
    assert '<nav class="xp-overview" aria-label="The whole timeline, by year">' in index
    year = pages["timeline/2022.md"]
    assert '<li><a href="./" aria-current="page">' in year
    assert (
        '<span class="xp-overview__year">2022</span><span class="xp-overview__count">50 events'
        in year
    )
    assert '<li><a href="../2021/"><span' in year


def test_compact_dates() -> None:
    assert [PartialDate.parse(d).short for d in ("2025-12-19", "2025-09", "2025")] == [
        "19 Dec 2025",
        "Sep 2025",
        "2025",
    ]


# -- the rich fixture: every page where there is a lot to show --------------------------------


@pytest.fixture(scope="module")
def river_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/river-talks built with --strict in this process: its site/ folder."""
    project = project_copy(tmp_path_factory.mktemp("river"), RIVER)
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def test_the_rich_fixture_is_rich_and_validates_without_a_warning() -> None:
    content, warnings = get_checked(RIVER)
    assert warnings == []
    assert len(content.sources) >= 10 and len(content.explainer.principals) == 5
    years = {e.date.year for e in content.events.values()}
    assert len(content.events) >= 20 and max(years) - min(years) >= 2
    changed = [
        (i.id, a)
        for i in content.issues.values()
        for a in {p.actor for p in i.positions}
        if sum(p.actor == a for p in i.positions) > 1
    ]
    assert len(changed) >= 3
    kinds = {(bool(i.options), i.options_ordered) for i in content.issues.values()}
    assert kinds == {(True, True), (True, False), (False, False)}
    assert len(content.issues) >= 6 and any(a.aliases for a in content.actors.values())


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_rich_fixture_shows_its_tally_changes_and_scale(river_site: Path) -> None:
    home = _page(river_site, "")
    assert "2 of 7 agreed" in home and "1 deadlocked" in home
    changes = _page(river_site, "changes")
    assert changes.count('class="xp-change"') == 8  # each was -> now, newest first
    assert changes.index("change-position-water-quota-sudria-2026-09-25") < changes.index(
        "change-position-fishing-rights-castell-2025-08-28"
    )
    quota = _page(river_site, "issues/water-quota")
    assert "xp-options--ordered" in quota and "xp-move__arrow" in quota  # a move on the scale
    assert "xp-options--ordered" not in _page(river_site, "issues/monitoring")
    timeline = _page(river_site, "timeline")
    assert timeline.count('<li class="xp-axis__mark') == 23  # one page, a mark per event
    # Apart says who backs which option, grouped: four on one, one on another (not "the five
    # back different options", which would read as five options).
    assert (
        "<strong>Apart:</strong> Norland, Sudria, Ostmark and Coastal Union back one option, "
        "Varn Hill Council another; no option has the support of every principal."
    ) in _page(river_site, "issues/orra-dam")


def test_a_term_that_names_a_fact_is_its_link_with_its_definition_on_its_page(
    river_site: Path,
) -> None:
    """'Coastal Union' (an actor) and 'Orra Dam' (an issue) are glossary terms too: never a
    tooltip; the glossary line on the fact's page; the glossary entry links there."""
    pages = {p: p.read_text(encoding="utf-8") for p in river_site.rglob("*.html")}
    for term in ("Coastal Union", "Orra Dam"):
        assert not any(re.search(rf"<abbr[^>]*>{term}</abbr>", t, re.I) for t in pages.values())
    assert "<dfn>Coastal Union</dfn>: A regional" in _page(river_site, "actors/coastal-union")
    assert "<dfn>Orra Dam</dfn>: The dam" in _page(river_site, "issues/orra-dam")
    glossary = _page(river_site, "glossary")
    assert '<a href="../actors/coastal-union/">Coastal Union</a>' in glossary
    assert '<a href="../issues/orra-dam/">Orra Dam</a>' in glossary
    assert re.search(r"<abbr[^>]*>dry-season flow</abbr>", _page(river_site, "issues/water-quota"))


def test_the_search_index_keeps_labels_apart_and_reads_rows_as_actor_colon_stance(
    river_site: Path,
) -> None:
    index = json.loads((river_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert text["actors/sudria/#sudria"].startswith(
        "Members: Mira Castell Also called: Castelport, the Sudrian government <p>"
    )
    positions = text["issues/water-quota/#positions"]
    assert "<p>Norland: Reported Backs an even split" in positions  # one line in a snippet
    # the notes on method are not what a reader searches for ("current" found every issue)
    assert not [loc for loc, t in text.items() if "Ages are counted back" in t]
    assert not [loc for loc, t in text.items() if "A change is a side" in t]
    # nor a source's address and the pages that cite it (a word of a URL found the whole list)
    sources = " ".join(t for loc, t in text.items() if loc.startswith("sources/"))
    assert "Norland offers Sudria 40 percent" in sources
    assert "example.org" not in sources and "Cited on" not in sources
    assert "ActorPosition" not in positions and "More" not in positions
    assert "Actors: " in " ".join(t for loc, t in text.items() if loc.startswith("timeline/"))
