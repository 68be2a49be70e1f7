"""Growth: the navigation lists index pages only, the timeline splits, files are read once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import site_gen.render.text as text_module
from site_gen.check import get_content
from site_gen.facts import changes
from site_gen.load import FileCache, load_content
from site_gen.render import render_site
from site_gen.render.paging import PAGE_ITEMS
from site_gen.render.text import MarkdownRenderer
from tests.synthetic import EVENTS_PER_ISSUE, write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # 1,300 events over ten years: 130 a year, so every year splits into months.
    return write_corpus(tmp_path_factory.mktemp("scale") / "content", 130)


def test_navigation_lists_index_pages_only(corpus: Path) -> None:
    site = render_site(get_content(corpus))
    flat = [v for item in site.nav for v in (item.values() if isinstance(item, dict) else [item])]
    assert "issues/index.md" in flat and "actors/index.md" in flat and "timeline.md" in flat
    assert not [p for p in flat if re.match(r"(issues|actors|timeline)/(?!index)", p)]


def test_timeline_splits_by_year_then_month_and_keeps_every_event_once(corpus: Path) -> None:
    content = get_content(corpus)
    pages = render_site(content).pages
    periods = sorted(p for p in pages if p.startswith("timeline/"))
    assert periods[:3] == ["timeline/2016-01.md", "timeline/2016-02.md", "timeline/2016-03.md"]
    assert len(periods) == 10 * 12
    seen: list[str] = []
    for path in periods:
        ids = re.findall(r'<li id="(event-\d+)" class="xp-event">', pages[path])
        assert 0 < len(ids) <= PAGE_ITEMS
        seen += ids
    assert sorted(seen) == sorted(content.events)
    assert len(seen) == 130 * EVENTS_PER_ISSUE
    index = pages["timeline.md"]
    assert '<a href="2016-01/">January 2016</a> (11 events)' in index
    assert '<li id="event-' not in index


def test_event_links_point_at_the_period_page(corpus: Path) -> None:
    content = get_content(corpus)
    pages = render_site(content).pages
    # event-7 is in 2023 (2016 + 7), month 1, day 1: on the January 2023 page.
    assert 'id="event-7" class="xp-event"' in pages["timeline/2023-01.md"]
    assert 'href="../../timeline/2023-01/#event-7"' in pages["issues/issue-0.md"]


def test_a_small_timeline_stays_one_page(tmp_path: Path) -> None:
    pages = render_site(get_content(write_corpus(tmp_path / "content", 5))).pages
    assert "timeline.md" in pages and not [p for p in pages if p.startswith("timeline/")]
    assert pages["timeline.md"].count('class="xp-event"') == 5 * EVENTS_PER_ISSUE


def test_the_cache_reads_only_the_changed_file(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "content", 4)
    cache: FileCache = {}
    load_content(root, cache)
    before = dict(cache)
    issue = root / "issues" / "issue-1.yml"
    issue.write_text(issue.read_text().replace("Stance 0 of", "New stance 0 of"))
    (root / "events" / "event-3.yml").unlink()
    loaded = load_content(root, cache)
    changed = [p for p in cache if cache[p] is not before[p]]
    assert changed == [str(issue)]
    assert str(root / "events" / "event-3.yml") not in cache
    assert loaded.facts["issue"]["issue-1"].positions[0].stance.startswith("New stance 0 of")
    assert "event-3" not in loaded.facts["event"]


_ALPHABET = st.sampled_from(
    [*"ab z1.-+\"'\u00a0é─:/()=%$?,;\u2003\u200b\ufeff«»—", "http://x.org", "www.a.com", "1."]
    + ["[[a]]", "[[b|B & b]]", "[[a| label ]]", "[[b|*x*]]", "[[a|a\u00a0b]]", "[[zz]]", "[["]
    + ["*", "*a*", "*a b*", "**", "* ", " *", "*é,*"]
)
LABELS = {"a": "Actor <A>", "b": 'Issue "b"', "zz": "Z"}


def _resolve(id: str) -> tuple[str, str, str]:
    return ("actors/a.md", "", LABELS[id]) if id in LABELS else ("timeline.md", id, id)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=12).map("".join))
def test_the_plain_text_shortcut_renders_what_markdown_would(text: str) -> None:
    """One-line fields of words, wiki-links and *emphasis* skip Python-Markdown; the shortcut
    must give the very same HTML."""
    fast = MarkdownRenderer(_resolve)(text, "issues/x.md")
    full = MarkdownRenderer(_resolve)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_module, "_PLAIN", re.compile(r"(?!)"))
        assert fast == full(text, "issues/x.md")


def test_changes_page_keeps_the_newest_and_files_the_rest_by_period(corpus: Path) -> None:
    content = get_content(corpus)
    pages = render_site(content).pages
    newest = pages["changes.md"]
    entry = re.compile(r'<li id="(change-position-[^"]+)"')
    assert len(entry.findall(newest)) == PAGE_ITEMS
    assert "## Older changes {#older}" in newest
    archive = sorted(p for p in pages if p.startswith("changes/"))
    entries = [a for path in ["changes.md", *archive] for a in entry.findall(pages[path])]
    # each issue: actor-0 changed its stand once, and the negotiator who speaks for one of
    # the states either changed that state's stand (another date) or split it (the same
    # date); every position is listed once (restated ones are no news); events are on the
    # timeline, not here
    natures = [c.nature for c in changes(content) if c.kind == "position"]
    assert "restated" not in natures
    assert len(entries) == len(set(entries)) == len(natures) == 130 * 5
    changed = [
        a
        for p in ["changes.md", *archive]
        for a in re.findall(r'<li id="([^"]+)" class="xp-change"', pages[p])
    ]
    assert len(changed) == natures.count("changed") > 130
    assert all(len(entry.findall(pages[p])) <= PAGE_ITEMS for p in archive)
    # The box on an issue page links each change where it is filed.
    box = pages["issues/issue-3.md"].split('class="xp-box xp-latest-changes"')[1]
    targets = re.findall(r'href="([^"]+#[^"]+)"', box.split("</aside>")[0])
    assert len(targets) == 2  # actor-0, and its negotiator on the same day: both changed it
    for target in targets:
        path, anchor = target.split("#")
        page = (
            "changes.md" if path == "../../changes/" else "changes/" + path.split("/")[-2] + ".md"
        )
        assert f'<li id="{anchor}" class="xp-change"' in pages[page]


def test_sources_split_into_pages_of_titles(corpus: Path) -> None:
    pages = render_site(get_content(corpus)).pages
    assert '<li><a href="1/">Sources 1 of 2</a>: Report 0 on the talks … ' in pages["sources.md"]
    listed = [
        sid
        for path in ("sources/1.md", "sources/2.md")
        for sid in re.findall(r'<li id="source-([^"]+)">', pages[path])
    ]
    assert sorted(listed) == sorted(f"source-{i}" for i in range(130))
    assert len(re.findall(r'<li id="source-', pages["sources/1.md"])) == PAGE_ITEMS


def test_parts_of_a_period_list_and_page_in_the_order_of_their_items(corpus: Path) -> None:
    """Changes run newest first, so a month's part 1 holds its newest and is listed first."""
    pages = render_site(get_content(corpus)).pages
    listed = re.findall(r">(\w+ 2025(?:, part \d)?)</a>", pages["changes.md"])
    assert listed[:5] == [
        "December 2025",
        "November 2025",
        "November 2025, part 2",
        "October 2025",
        "October 2025, part 2",
    ]
    pager = re.search(r'<nav class="xp-pager".*?</nav>', pages["changes/2025-10-part-2.md"])[0]
    assert ">Earlier: June 2024<" in pager and ">Later: October 2025<" in pager


def test_the_issues_index_lists_past_the_first_hundred_by_question(corpus: Path) -> None:
    """Rows of stands for the first PAGE_ITEMS issues; the rest by link and status, so the
    page does not grow past a megabyte at 1,000 issues. Every issue is linked once."""
    content = get_content(corpus)
    index = render_site(content).pages["issues/index.md"]
    head, more = index.split("## More issues {#more-issues}\n")
    linked = re.findall(r'<a href="(issue-\d+)/">', more)
    assert len(linked) == len(content.issues) - PAGE_ITEMS == 30
    assert not set(linked) & set(re.findall(r'href="(issue-\d+)/"', head))
    assert len(set(re.findall(r'href="(issue-\d+)/"', head))) == PAGE_ITEMS


def test_the_matrix_splits_into_pages_of_issues_in_the_order_of_the_index(corpus: Path) -> None:
    """`positions.md` holds the first PAGE_ITEMS issues of the issues index, `positions/2.md`
    the rest; each issue has one row, and the pager links the pages both ways."""
    content = get_content(corpus)
    pages = render_site(content).pages
    assert sorted(p for p in pages if p.startswith("positions")) == [
        "positions.md",
        "positions/2.md",
    ]
    row = re.compile(r'<tr id="issue-(issue-\d+)">')
    first, second = (row.findall(pages[p]) for p in ("positions.md", "positions/2.md"))
    index = re.findall(r'<li class="xp-row" id="row-(issue-\d+)">', pages["issues/index.md"])
    index += re.findall(r'<li><a href="(issue-\d+)/">', pages["issues/index.md"])
    assert first + second == index and len(first) == PAGE_ITEMS and len(second) == 30
    pager = re.compile(r'<nav class="xp-pager" aria-label="Positions pages">(.*?)</nav>')
    assert pager.findall(pages["positions.md"]) == [
        '<a href="../issues/">All issues</a> <a href="2/">Later: issues 101–130</a>'
    ]
    assert pager.findall(pages["positions/2.md"]) == [
        '<a href="../">Earlier: issues 1–100</a> <a href="../../issues/">All issues</a>'
    ]
    assert "# Positions: issues 101–130" in pages["positions/2.md"]
    assert (
        'Issues 1–100 of 130, in the order of the issues index; pages: <strong aria-current="page">1–100</strong>, <a href="2/">101–130</a>.'
        in pages["positions.md"]
    )


def test_a_small_matrix_stays_one_page(tmp_path: Path) -> None:
    pages = render_site(get_content(write_corpus(tmp_path / "content", 5))).pages
    assert not [p for p in pages if p.startswith("positions/")]
    assert "xp-pager" not in pages["positions.md"] and "pages:" not in pages["positions.md"]


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    content = get_content(write_corpus(tmp_path_factory.mktemp("thousand") / "content", 1000))
    return render_site(content).pages


def test_no_page_grows_past_a_megabyte_at_a_thousand_issues(thousand: dict[str, str]) -> None:
    """The built HTML of a page is its Markdown's HTML inside the theme's chrome (about 60 kB
    here): at 900 kB of Markdown no page reaches 1 MB. The matrix is 10 pages of 100 rows."""
    size, largest = max((len(text.encode()), path) for path, text in thousand.items())
    assert size < 900_000, f"{largest}: {size} bytes"
    matrix = ["positions.md", *(f"positions/{n}.md" for n in range(2, 11))]
    assert sorted(p for p in thousand if p.startswith("positions")) == sorted(matrix)
    for n, path in enumerate(matrix):
        assert thousand[path].count('<tr id="issue-') == PAGE_ITEMS
        later = f">Later: issues {(n + 1) * 100 + 1}–{(n + 2) * 100}</a>"
        assert (later in thousand[path]) == (n < 9)


def test_an_actor_page_lists_a_page_of_positions_and_says_where_the_rest_are(
    corpus: Path,
) -> None:
    """A principal holds a position on each of the 130 issues: its page lists the first
    PAGE_ITEMS in the order of the issues index, then says where the others are."""
    pages = render_site(get_content(corpus), data_files=False).pages
    actor = pages["actors/actor-0.md"]
    rows = re.findall(r'href="\.\./\.\./issues/(issue-\d+)/#position-actor-0"', actor)
    index = re.findall(r'<li class="xp-row" id="row-(issue-\d+)">', pages["issues/index.md"])
    index += re.findall(r'<li><a href="(issue-\d+)/">', pages["issues/index.md"])
    assert rows == index[:PAGE_ITEMS]
    assert (
        '<p class="xp-more">The first 100 of 130 issues, in the order of the issues index; '
        "the others are on each issue’s page and in its column of the "
        '<a href="../../positions/">positions</a>.</p>'
    ) in actor
