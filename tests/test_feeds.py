"""The Atom feeds: valid, complete, newest first, stable ids, absolute links from site_url."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from site_gen import facts
from site_gen.check import get_content
from site_gen.dates import PartialDate
from site_gen.model import Content
from site_gen.render import data, feeds, render_site
from tests.corpora import TALKS
from tests.sites import ENV, build_in_process, project_copy

ROOT = Path(__file__).parent.parent
CASES = {"peace-talks": TALKS, "edge": Path(__file__).parent / "fixtures" / "edge"}
SITE = "https://example.github.io/explainer/"


@pytest.fixture(scope="module", params=sorted(CASES))
def content(request: pytest.FixtureRequest) -> Content:
    return get_content(CASES[request.param])


def _parse(xml: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def _expected_facts(content: Content, issue: str | None = None) -> set[str]:
    ids = {
        data.fact_uri(content.explainer, f"position/{i.id}/{p.actor}/{p.as_of}")
        for i in content.issues.values()
        for p in i.positions
        if issue in (None, i.id)
    }
    ids |= {
        data.fact_uri(content.explainer, f"event/{e.id}")
        for e in content.events.values()
        if issue is None or issue in e.issues
    }
    return ids


@pytest.mark.parametrize("site_url", [None, SITE])
def test_every_feed_parses_strictly_with_every_dated_fact_once(
    content: Content, site_url: str | None
) -> None:
    files = feeds.render_feeds(content, site_url)
    assert set(files) == {"feed.xml", *(f"issues/{i}/feed.xml" for i in content.issues)}
    for path, xml in files.items():
        ET.fromstring(xml.encode("utf-8"))  # well-formed XML, whatever the YAML held
        parsed = _parse(xml)
        issue = path.split("/")[1] if path != "feed.xml" else None
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids))
        assert set(ids) == _expected_facts(content, issue)
        # entries follow the facts' dates (newest first); `updated` is when each was known
        updated = [e.updated for e in parsed.entries]
        assert parsed.feed.updated == max([*updated, feeds.timestamp(content.explainer.as_of)])


def test_site_feed_order_follows_the_dates_of_the_facts() -> None:
    content = get_content(CASES["edge"])
    parsed = _parse(feeds.render_feeds(content)["feed.xml"])
    # a date known only to the month or year claims no day: the entry is at the publication
    # of its sources (the paper, 3 May 2024), else at the explainer's as_of (June 2024)
    assert [(e.updated, e.title) for e in parsed.entries] == [
        ("2024-05-03T00:00:00Z", "A third meeting, announced"),
        # known to the month: after the days of May, as on the timeline and /changes/
        ("2024-05-03T00:00:00Z", "Second meeting, known to the month"),
        (
            "2024-05-03T00:00:00Z",
            "Changed: Alpha State (Bob Minister) on Borders & <lines>: The minister's line",
        ),
        ("2024-05-02T00:00:00Z", "A signing on a known day"),
        (
            "2024-05-02T00:00:00Z",
            'Changed: Alpha State (Ann "The Leader" O\'Neil) on Borders & <lines>: New line '
            "<b>now</b>",
        ),
        ("2024-06-01T00:00:00Z", "Beta Organization on Borders & <lines>: No line at all"),
        ("2024-06-01T00:00:00Z", "A first meeting in 2023"),
        ("2024-06-01T00:00:00Z", 'Ann "The Leader" O\'Neil on Borders & <lines>: Old line'),
    ]
    second = next(e for e in parsed.entries if e.title.startswith("Second meeting"))
    assert "<p>Date: May 2024 (day not given)</p>" in second.content[0].value
    third = parsed.entries[0].content[0].value
    assert "<p>Expected: July 2024 (day not given)</p>" in third


def test_feed_lists_the_changes_in_the_order_of_the_changes_page(content: Content) -> None:
    parsed = _parse(feeds.render_feeds(content)["feed.xml"])
    news = [c for c in facts.changes(content) if c.nature != "restated"]
    expected = [data.fact_uri(content.explainer, c.id) for c in news]
    assert [e.id for e in parsed.entries] == expected


def test_a_replaced_position_says_what_it_was() -> None:
    content = get_content(CASES["edge"])
    parsed = _parse(feeds.render_feeds(content)["issues/borders/feed.xml"])
    changed = next(e for e in parsed.entries if e.title.startswith("Changed: "))
    html = changed.content[0].value
    # the side's previous stand, voiced by another of its actors: each voice is named
    assert (
        "Was: New line &lt;b&gt;now&lt;/b&gt; (Ann &quot;The Leader&quot; O&#x27;Neil, as of "
        "2 May 2024). Now: The minister&#x27;s line (Bob Minister, as of May 2024)." in (html)
    )
    assert changed.link == "./#position-alpha-minister"
    old = next(e for e in parsed.entries if e.title.endswith(": Old line"))
    assert old.link == "./#history-alpha-leader"  # an earlier position shows in the history


def test_entry_ids_are_stable_and_independent_of_site_url(content: Content) -> None:
    def ids(site_url: str | None) -> list[tuple[str, list[str]]]:
        files = feeds.render_feeds(content, site_url)
        return [
            (p, [e.id for e in _parse(x).entries] + [_parse(x).feed.id]) for p, x in files.items()
        ]

    first = ids(None)
    assert first == ids(None) == ids(SITE) == ids("https://elsewhere.example/")
    assert all(i.startswith("urn:uuid:") for _, found in first for i in found)


def test_entry_ids_build_on_the_explainers_uri() -> None:
    content = get_content(CASES["peace-talks"])
    uri = "tag:newsroom.example,2025:ukraine-talks"
    content = content.model_copy(
        update={"explainer": content.explainer.model_copy(update={"uri": uri})}
    )
    parsed = _parse(feeds.render_feeds(content)["issues/donbas/feed.xml"])
    assert parsed.feed.id == f"{uri}/feed/issues/donbas"
    assert f"{uri}/position/donbas/putin/2025-12-19" in [e.id for e in parsed.entries]


def test_links_are_absolute_with_site_url_and_relative_to_the_feed_without() -> None:
    content = get_content(CASES["peace-talks"])
    with_url = feeds.render_feeds(content, SITE)
    without = feeds.render_feeds(content, None)
    for path in with_url:
        absolute, relative = _parse(with_url[path]), _parse(without[path])
        assert absolute.feed.link == urljoin(SITE, path.removesuffix("feed.xml"))
        selfs = [link.href for link in absolute.feed.links if link.rel == "self"]
        assert selfs == [SITE + path]
        assert [link for link in relative.feed.links if link.rel == "self"] == []
        for a, r in zip(absolute.entries, relative.entries, strict=True):
            assert a.link.startswith(SITE)
            assert not r.link.startswith(("http:", "https:", "/"))
            assert urljoin(SITE + path, r.link) == a.link  # resolved against the feed's address
    donbas = _parse(with_url["issues/donbas/feed.xml"])
    putin = next(
        e
        for e in donbas.entries
        if e.id == data.fact_uri(content.explainer, "position/donbas/putin/2025-12-19")
    )
    assert putin.link == SITE + "issues/donbas/#position-putin"


def test_shipped_month_only_events_take_the_reports_date() -> None:
    content = get_content(CASES["peace-talks"])
    parsed = _parse(feeds.render_feeds(content)["feed.xml"])
    uri = data.fact_uri(content.explainer, "event/berlin-talks")
    berlin = next(e for e in parsed.entries if e.id == uri)
    assert berlin.updated == "2025-12-19T00:00:00Z"  # the report's date, not "2025-12-01"
    assert "<p>Date: December 2025 (day not given)</p>" in berlin.content[0].value


def test_updated_is_the_first_instant_of_the_date_as_written() -> None:
    assert feeds.timestamp(PartialDate(2025, 12, 19)) == "2025-12-19T00:00:00Z"
    assert feeds.timestamp(PartialDate(2025, 12)) == "2025-12-01T00:00:00Z"
    assert feeds.timestamp(PartialDate(2025)) == "2025-01-01T00:00:00Z"


def test_text_from_yaml_is_escaped_never_markup() -> None:
    xml = feeds.render_feeds(get_content(CASES["edge"]))["feed.xml"]
    assert "<b>" not in xml and "<lines>" not in xml
    assert "Borders &amp; &lt;lines&gt;" in xml
    parsed = _parse(xml)
    assert parsed.feed.title == "Edge <case> & co: what changed"


def test_pages_list_their_feeds_in_front_matter(content: Content) -> None:
    pages = render_site(content).pages
    for path, text in pages.items():
        meta = yaml.safe_load(text.split("---\n")[1])
        hrefs = [f["href"] for f in meta["feeds"]]
        issue = re.fullmatch(r"issues/([a-z0-9-]+)\.md", path)
        if issue and issue.group(1) in content.issues:
            assert hrefs == [f"issues/{issue.group(1)}/feed.xml", "feed.xml"]
        else:
            assert hrefs == ["feed.xml"]


def _build(project: Path, site_url: str | None) -> Path:
    env = {k: v for k, v in ENV.items() if k != "SITE_URL"}
    if site_url:
        env["SITE_URL"] = site_url
    result = build_in_process(project, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def built(talks_site: Path) -> Path:
    """The shipped site built as a local `make build` does, without SITE_URL (conftest.py)."""
    return talks_site


def test_strict_build_publishes_feeds_and_data(built: Path) -> None:
    content = get_content(CASES["peace-talks"])
    expected = set(render_site(content).files)
    assert {str(p.relative_to(built)) for p in built.rglob("*.xml")} >= {
        p for p in expected if p.endswith(".xml")
    }
    for path in expected:
        assert (built / path).read_bytes() == render_site(content).files[path].encode(), path
    assert (built / "data" / "index.html").is_file()
    _parse((built / "feed.xml").read_text(encoding="utf-8"))


def test_built_pages_link_their_feeds(built: Path) -> None:
    donbas = (built / "issues" / "donbas" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*>', donbas)
    assert links == [
        '<link rel="alternate feed" type="application/atom+xml" '
        'title="Fate of the Donbas region: what changed" href="feed.xml">',
        '<link rel="alternate feed" type="application/atom+xml" '
        'title="Ukraine–Russia peace talks: what changed" href="../../feed.xml">',
    ]
    home = (built / "index.html").read_text(encoding="utf-8")
    assert (
        'type="application/atom+xml" title="Ukraine–Russia peace talks: what changed" '
        'href="feed.xml">' in home
    )


def test_build_with_site_url_links_absolutely(tmp_path: Path) -> None:
    site = _build(project_copy(tmp_path), SITE)
    parsed = _parse((site / "issues" / "donbas" / "feed.xml").read_text(encoding="utf-8"))
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [
        SITE + "issues/donbas/feed.xml"
    ]
    assert all(e.link.startswith(SITE) for e in parsed.entries)
    assert SITE + "issues/donbas/#position-putin" in [e.link for e in parsed.entries]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml" title="Ukraine–Russia peace talks: what changed" ' in home
