"""What changed, the age of a position, glossary terms in the text, and sharing metadata:
the pure functions, and what the generated pages show of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from site_gen.check import get_content
from site_gen.dates import PartialDate
from site_gen.facts import age_label, changes, date_key
from site_gen.model import Actor, Content, Explainer, Issue, Source
from site_gen.render import render_site
from site_gen.render.meta import script_json
from site_gen.render.terms import mark_terms
from tests.corpora import TALKS, TALKS_2025_12

ROOT = Path(__file__).parent.parent
EDGE = Path(__file__).parent / "fixtures" / "edge"


@pytest.fixture(scope="module")
def edge_pages() -> dict[str, str]:
    return render_site(get_content(EDGE)).pages


def _front(page: str) -> dict:
    return yaml.safe_load(page.split("---\n")[1])


# -- changes ---------------------------------------------------------------------------------


def test_changes_are_every_dated_fact_newest_first() -> None:
    found = changes(get_content(EDGE))
    assert [(c.id, str(c.date)) for c in found] == [
        ("event/third-meeting", "2024-07"),
        # known to the month: after its days, as on the timeline (`facts.date_key`)
        ("event/second-meeting", "2024-05"),
        ("position/borders/alpha-minister/2024-05", "2024-05"),
        ("event/signing", "2024-05-02"),
        ("position/borders/alpha-leader/2024-05-02", "2024-05-02"),
        ("position/borders/beta-org/2024-01", "2024-01"),
        ("event/first-meeting", "2023"),
        ("position/borders/alpha-leader/2023", "2023"),
    ]
    minister, new, old = found[2], found[4], found[-1]
    assert new.kind == "position" and new.current
    assert new.position and new.position.stance == "New line <b>now</b>"
    # the leader and the minister both speak for alpha-state: one history, whoever voiced it;
    # the minister's May 2024 counts after the leader's 2 May, here as in the matrix
    assert minister.replaced and minister.replaced.stance == "New line <b>now</b>"
    assert new.replaced and new.replaced.stance == "Old line"
    assert (new.side, minister.side, new.latest) == ("alpha-state", "alpha-state", False)
    assert minister.latest
    assert new.issues == ("borders",) and new.actors == ("alpha-leader", "alpha-state")
    assert not old.current and old.replaced is None
    assert found[3].event and found[3].event.id == "signing" and found[3].issues == ()
    assert found[1].issues == ("borders", "tariffs") and found[1].actors == ("alpha-state",)
    assert (new.nature, minister.nature, old.nature) == ("changed", "changed", "first")
    assert found[3].nature == "event"
    assert new.anchor == "change-position-borders-alpha-leader-2024-05-02"


def test_change_ids_are_unique_in_the_shipped_content() -> None:
    found = changes(get_content(TALKS))
    content = get_content(TALKS)
    positions = sum(len(i.positions) for i in content.issues.values())
    assert len(found) == positions + len(content.events)
    assert len({c.id for c in found}) == len(found)
    as_of = content.explainer.as_of
    keys = [date_key(c.date, bool(c.event and c.event.expected), as_of) for c in found]
    assert keys == sorted(keys, reverse=True)


def test_changes_page_shows_was_and_now_with_dates_and_sources(edge_pages) -> None:
    page = edge_pages["changes.md"]
    changed, firsts = page.split("## First on record {#first}")
    item = changed.split('<li id="change-position-borders-alpha-minister-2024-05"')[1]
    item = item.split("</li>")[0]
    assert 'href="../issues/borders/#position-alpha-minister"' in item
    assert '<p class="xp-change__what"><a href="../actors/alpha-state/">Alpha State</a> on ' in item
    was, now = item.split('<div class="xp-now">')
    assert (
        '<dt>Was, as of <time datetime="2024-05-02">2 May 2024</time> (<a href="../actors/'
        'alpha-leader/">Ann &quot;The Leader&quot; O&#x27;Neil</a>)</dt> <dd>'
        '<span class="xp-claim xp-claim--said">Says</span> New ' in was
    )
    assert 'href="#cite-1"' in was
    assert (
        '<dt>Now, as of <time datetime="2024-05">May 2024</time> '
        '(<a href="../actors/alpha-minister/">Bob Minister</a>)</dt> <dd>'
        '<span class="xp-claim xp-claim--reported">Reported</span> The minister' in now
    )
    # the order of May 2024 and 2 May 2024 is the rule's, not the dates': said so
    assert now.endswith(
        '</dl><p class="xp-undated">The day is not given for May 2024: it counts after the '
        "positions dated within it, as on the timeline, though it may have come before them.</p>"
    )
    # the side's two changes; the others are firsts on record, by date; events elsewhere
    assert changed.count('class="xp-change"') == 2
    leader = changed.split("alpha-leader-2024-05-02")[1]
    assert "<dt>Became, as of" in leader and "xp-undated" not in leader.split("</li>")[0]
    assert re.findall(r"^### (.+) \{#first-", firsts, re.M) == ["January 2024", "2023"]
    assert "change-event" not in page
    # the replaced one is the side's first on record, and links to the history
    old = firsts.split('<li id="change-position-borders-alpha-leader-2023"')[1].split("</li>")[0]
    assert 'href="../issues/borders/#history-alpha-leader"' in old
    assert "(since changed)" in old
    assert "changes.md" in str(render_site(get_content(EDGE)).nav)


def test_shipped_changes_page_shows_the_us_change_voiced_by_two_people() -> None:
    """Trump (16 Dec) and Rubio (19 Dec) both speak for the United States."""
    page = render_site(get_content(TALKS_2025_12)).pages["changes.md"]
    changed, firsts = page.split("## First on record {#first}")
    item = changed.split('<li id="change-position-deal-prospects-rubio-2025-12-19"')[1]
    text = re.sub(r" <a class=\"xp-cite\"[^>]*>\[1\]</a>", "", item.split("</li>")[0])
    assert text == (
        ' class="xp-change"><p class="xp-change__date"><time datetime="2025-12-19">19 December'
        ' 2025</time></p><p class="xp-change__what"><a href="../actors/united-states/">United'
        ' States</a> on <a href="../issues/deal-prospects/#position-rubio">Prospects of a peace'
        ' deal</a></p><dl class="xp-was-now"><div class="xp-was"><dt>Was, as of <time'
        ' datetime="2025-12-16">16 Dec 2025</time> (<a href="../actors/trump/">Donald'
        ' Trump</a>)</dt> <dd><span class="xp-claim xp-claim--said">Says</span> A peace deal is'
        " “closer than ever”</dd></div><div"
        ' class="xp-now"><dt>Now, as of <time datetime="2025-12-19">19 Dec 2025</time> (<a'
        ' href="../actors/rubio/">Marco Rubio</a>)</dt> <dd><span class="xp-claim xp-claim--said">Says</span> '
        "Progress made but “a ways to go”;"
        " the timeline is uncertain and a deal may “not be possible”</dd></div></dl>"
    )
    assert re.findall(r'<p class="xp-count">([^<]+)</p>', firsts) == [
        "10 first positions on record",
        "1 first position on record",
    ]
    assert "First statement" not in page and "first statement" not in page


def test_latest_changes_boxes_show_only_real_changes(edge_pages) -> None:
    ids = set(re.findall(r'<li id="(change-[^"]+)"', edge_pages["changes.md"]))
    issue = edge_pages["issues/borders.md"]
    box = issue.split('<aside class="xp-box xp-latest-changes"')[1].split("</aside>")[0]
    targets = re.findall(r'href="\.\./\.\./changes/#([^"]+)"', box)
    assert targets == [
        "change-position-borders-alpha-minister-2024-05",
        "change-position-borders-alpha-leader-2024-05-02",
    ]
    assert set(targets) <= ids
    # who voiced each stand and when; the stances are in the page's table, said once
    assert (
        "Alpha State: a new stand (Bob Minister), replacing that of "
        '<time datetime="2024-05-02">2 May 2024</time> (Ann &quot;The Leader&quot; O&#x27;Neil)'
    ) in box
    assert "The minister&#x27;s line" not in box
    assert "xp-latest-changes" in edge_pages["actors/alpha-leader.md"]
    # a voice the page already names is not said again: Ann's own page, Ann's own two stands
    assert (
        "Borders &amp; &lt;lines&gt;: a new stand, replacing that of "
        '<time datetime="2023">2023</time></a>'
    ) in edge_pages["actors/alpha-leader.md"]
    # first statements and events are no change: no box
    assert "xp-latest-changes" not in edge_pages["actors/beta-org.md"]
    assert "xp-latest-changes" not in edge_pages["actors/gamma-group.md"]
    talks = render_site(get_content(TALKS_2025_12)).pages
    boxed = sorted(path for path, page in talks.items() if "xp-latest-changes" in page)
    assert boxed == ["actors/rubio.md", "actors/united-states.md", "issues/deal-prospects.md"]


# -- the age of a position -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "as_of", "label"),
    [
        ("2025-12-19", "2025-12-19", "same day"),
        ("2025-12-16", "2025-12-19", "3 days"),
        ("2025-12-01", "2025-12-19", "2 weeks"),
        ("2025-09-20", "2025-12-19", "2 months"),  # not yet three
        ("2025-09-19", "2025-12-19", "3 months"),
        ("2023-11-30", "2025-12-19", "2 years"),
        ("2025-12", "2025-12-19", "same month"),  # only the month is known
        ("2025-10", "2025-12-19", "2 months"),
        ("2025-10-30", "2025-12", "2 months"),  # the as-of date known to the month
        ("2024", "2025-12-19", "1 year"),
        ("2025", "2025-12-19", "same year"),
    ],
)
def test_age_is_counted_at_the_coarser_precision(date: str, as_of: str, label: str) -> None:
    assert age_label(PartialDate.parse(date), PartialDate.parse(as_of)) == label


def test_position_cells_show_their_age(edge_pages) -> None:
    page = edge_pages["issues/borders.md"]
    row = page.split('<tr id="position-beta-org">')[1].split("</tr>")[0]
    # as_of 2024-01, explainer as of 2024-06: counted in months
    assert '<span class="xp-age">5 months earlier</span>' in row
    assert "Ages are counted back from" in page


def test_a_stale_position_says_so_in_its_cell(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EDGE, tmp_path / "edge")
    explainer = tmp_path / "edge" / "explainer.yml"
    explainer.write_text(explainer.read_text() + "stale_after_days: 100\n", encoding="utf-8")
    page = render_site(get_content(tmp_path / "edge")).pages["issues/borders.md"]
    row = page.split('<tr id="position-beta-org">')[1].split("</tr>")[0]
    assert "xp-age--stale" in row and "may be out of date" in row


# -- glossary terms in the text --------------------------------------------------------------

GLOSSARY = {"Donbas": 'A region <of> "Ukraine"', "security guarantees": "Promises.", "NATO": "N."}


def test_a_term_is_marked_where_it_first_appears_in_prose() -> None:
    page = (
        '---\ntitle: "Donbas"\ndescription: "Donbas"\n---\n\n# Donbas\n\n'
        '<h2 id="x">Donbas</h2>\n'
        '<p><a href="https://example.org/Donbas" title="Donbas">Donbas</a> and <code>Donbas</code></p>\n'
        '<p class="xp-stance">The donbas and Donbas. Security\nguarantees, NATO-like.</p>\n'
        "<blockquote><p>NATO said</p></blockquote>\n"
    )
    marked = mark_terms(page, GLOSSARY)
    head, body = marked.split("<h2", 1)
    assert head == page.split("<h2", 1)[0]  # front matter and Markdown heading untouched
    assert ' id="x">Donbas</h2>' in body
    assert '<a href="https://example.org/Donbas" title="Donbas">Donbas</a>' in body
    assert "<code>Donbas</code>" in body
    assert (
        '<p class="xp-stance">The <abbr class="xp-term" title="A region &lt;of&gt; &quot;Ukraine&quot;" tabindex="0">donbas'
        '</abbr> and Donbas. <abbr class="xp-term" title="Promises." tabindex="0">Security\nguarantees</abbr>, '
        '<abbr class="xp-term" title="N." tabindex="0">NATO</abbr>-like.</p>'
    ) in body
    assert "<blockquote><p>NATO said</p></blockquote>" in body  # quotes stay as said


def test_longer_terms_win_and_entities_stay_entities() -> None:
    glossary = {"Article 5": "A.", "Article 5-like guarantees": "B.", "Co": "C."}
    page = "<p>Article 5-like guarantees &amp; Article 5 &lt;Co&gt;</p>"
    assert mark_terms(page, glossary) == (
        '<p><abbr class="xp-term" title="B." tabindex="0">Article 5-like guarantees</abbr> &amp; '
        '<abbr class="xp-term" title="A." tabindex="0">Article 5</abbr> &lt;<abbr class="xp-term" title="C." tabindex="0">Co</abbr>&gt;</p>'
    )


def test_shipped_pages_mark_glossary_terms_but_not_the_glossary() -> None:
    """A term that names a fact (the Donbas issue, in the glossary too) is its link only: no
    tooltip anywhere, its definition once on the issue's page, its glossary entry a link there;
    the other terms are tooltips where they first appear."""
    pages = render_site(get_content(TALKS)).pages
    donbas = pages["issues/donbas.md"]
    assert donbas.count('<abbr class="xp-term" title=') >= 1  # free economic zone
    assert ">free economic zone</abbr>" in donbas
    assert not any(">Donbas</abbr>" in page for page in pages.values())
    assert donbas.count('<p class="xp-defined"><dfn>Donbas</dfn>: A region of eastern') == 1
    assert not any(
        'class="xp-defined"><dfn>Donbas' in p for k, p in pages.items() if k != "issues/donbas.md"
    )
    assert '<dt id="term-donbas"><a href="../issues/donbas/">Donbas</a>' in pages["glossary.md"]
    assert "<abbr" not in pages["glossary.md"]
    assert "<abbr" not in donbas.split("\n---\n", 1)[0]


# -- sharing: Open Graph and JSON-LD ---------------------------------------------------------


def test_script_json_cannot_close_its_script_element() -> None:
    data = {"headline": "</script><script>alert(1)</script> <!-- & \u2028"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == data


def test_issue_pages_carry_an_article_with_the_newest_as_of(edge_pages) -> None:
    front = _front(edge_pages["issues/borders.md"])
    assert front["og"] == {
        "type": "article",
        "title": "Borders &amp; &lt;lines&gt;",
        "description": "Where is the line?",
    }
    article = json.loads(front["jsonld"])
    assert article["@type"] == "Article"
    assert article["headline"] == "Borders & <lines>"
    assert article["dateModified"] == "2024-05-02"
    assert "<" not in front["jsonld"]
    assert [m["@type"] for m in article["mentions"]] == ["Person", "Person", "Organization"]
    assert article["citation"][1]["url"] == "https://example.org/paper?id=1&x=<y>"
    assert "jsonld" not in _front(edge_pages["actors/beta-org.md"])


def test_every_generated_page_has_open_graph_front_matter(edge_pages) -> None:
    for path, page in edge_pages.items():
        front = _front(page)
        assert front["og"]["title"] == front["title"], path
        assert front["og"]["type"] in ("website", "article", "profile"), path


def test_two_voices_of_a_side_differing_on_one_date_show_as_a_split() -> None:
    actors = {
        "north": Actor(id="north", name="North", kind="state"),
        "envoy": Actor(id="envoy", name="The Envoy", kind="person", affiliation="north"),
        "chief": Actor(id="chief", name="The Chief", kind="person", affiliation="north"),
    }
    base = {"as_of": "2025-03-04", "sources": ["s"]}
    issue = Issue.model_validate(
        {
            "id": "truce",
            "title": "Truce",
            "question": "A truce?",
            "status": "open",
            "summary": "S.",
            "positions": [
                {"actor": "envoy", "stance": "A truce is near", **base},
                {"actor": "chief", "stance": "No truce yet", **base},
            ],
        }
    )
    content = Content(
        explainer=Explainer(title="E", lede="L", as_of="2025-03-04", principals=("north",)),
        actors=actors,
        issues={"truce": issue},
        sources={"s": Source(id="s", title="A report")},
    )
    page = render_site(content).pages["changes.md"]
    split = page.split("## Sides split {#split}\n\n")[1].split("\n\n")[0]
    split = re.sub(r" <a class=\"xp-cite\"[^>]*>\[1\]</a>", "", split)
    assert split == (
        '<ul class="xp-splits">\n<li class="xp-split"><p class="xp-change__date"><time '
        'datetime="2025-03-04">4 March 2025</time></p><p class="xp-change__what"><a '
        'href="../actors/north/">North</a> on <a href="../issues/truce/">Truce</a>: its voices '
        'differ</p><ul><li id="change-position-truce-chief-2025-03-04"><a href="../actors/chief/">'
        'The Chief</a>: <a href="../issues/truce/#position-chief">No truce yet</a></li><li '
        'id="change-position-truce-envoy-2025-03-04"><a href="../actors/envoy/">The Envoy</a>: <a '
        'href="../issues/truce/#position-envoy">A truce is near</a></li></ul></li>\n</ul>'
    )
    assert "## First on record" not in page  # each voice is listed once, in the split
