"""Golden snapshots of the generated Markdown, and what readers must be able to trust in it.

Rewrite the snapshots with `make goldens` (UPDATE_GOLDENS=1) and review them in `git diff`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from site_gen.check import get_content
from site_gen.render import render_problems, render_site
from site_gen.render.text import href
from tests.corpora import TALKS, TALKS_2025_12

ROOT = Path(__file__).parent.parent
GOLDENS = Path(__file__).parent / "goldens"
CASES = {
    "peace-talks": TALKS,
    "talks-2025-12": TALKS_2025_12,
    "edge": Path(__file__).parent / "fixtures" / "edge",
}
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"


def _pages(case: str) -> dict[str, str]:
    return render_site(get_content(CASES[case])).pages


@pytest.mark.parametrize("case", sorted(CASES))
def test_generated_markdown_matches_goldens(case: str) -> None:
    pages = _pages(case)
    folder = GOLDENS / case
    if UPDATE:
        for old in folder.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make goldens`"
    for path, text in pages.items():
        assert text == expected[path], f"{case}/{path} changed: run `make goldens`, review diff"


def test_every_page_has_exactly_one_h1() -> None:
    for case in CASES:
        for path, text in _pages(case).items():
            body = text.split("\n---\n", 1)[1]
            h1 = re.findall(r"^# ", body, re.MULTILINE) + re.findall(r"<h1", body)
            assert len(h1) == 1, f"{case}/{path}"


def test_raw_html_from_yaml_is_shown_as_text_never_executed() -> None:
    pages = _pages("edge")
    everything = "\n".join(pages.values())
    assert "<script" not in everything
    assert "<img" not in everything
    assert "onerror=" not in everything.replace("onerror=alert", "")  # only as escaped text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["index.md"]
    assert "New line &lt;b&gt;now&lt;/b&gt;" in pages["issues/borders.md"]
    assert 'href="https://example.org/paper?id=1&amp;x=&lt;y&gt;"' in pages["sources.md"]


def test_position_table_rows_have_stable_anchors_and_header_cells() -> None:
    page = _pages("edge")["issues/borders.md"]
    for actor in ("alpha-leader", "alpha-minister", "beta-org"):
        assert f'<tr id="position-{actor}"><th scope="row"' in page
    # the newest position is current; the 2023 one is history
    row = page.split('<tr id="position-alpha-leader">')[1].split("</tr>")[0]
    assert "New line" in row and "Old line" not in row
    assert '<h3 id="history-alpha-leader">' in page
    assert '<time datetime="2023">2023</time>: Old line' in page


def test_matrix_cell_takes_newest_position_of_principal_or_affiliate() -> None:
    matrix = _pages("edge")["positions.md"]
    row = matrix.split('<tr id="issue-borders">')[1].split("</tr>")[0]
    alpha, beta = row.split('<td data-label="')[1:3]
    # leader (2024-05-02) is newer than minister (2024-05), both affiliated with alpha-state
    assert 'href="../issues/borders/#position-alpha-leader">Supports</a>' in alpha
    assert '<span class="xp-who">Ann &quot;The Leader&quot; O&#x27;Neil</span>' in alpha
    assert "The river &amp; its &lt;banks&gt;" in alpha and "Rejects" in alpha
    assert 'href="../issues/borders/#position-beta-org">Rejects</a>' in beta
    assert alpha.count("<a ") == beta.count("<a ") == 1  # linked once per cell
    tariffs = matrix.split('<tr id="issue-tariffs">')[1].split("</tr>")[0]
    assert tariffs.count('<span class="xp-said__word">No stand</span>') == 2
    assert "<a " not in tariffs.split("</th>", 1)[1]  # no stand, no link


def test_timeline_groups_by_month_with_precision_as_written() -> None:
    timeline = _pages("edge")["timeline.md"]
    headings = re.findall(r"^## (.+)$", timeline, re.MULTILINE)
    assert headings == [
        "2023 {#month-2023}",
        "May 2024 {#month-2024-05}",
        "July 2024 {#month-2024-07}",
        "Sources {#sources}",
    ]
    assert '<time datetime="2024-05">May 2024</time>' in timeline
    assert '<time datetime="2024-05-02">2 May 2024</time>' in timeline
    # within a month, the event known only to the month opens it, in a frame that says it may
    # fall on any day: listed after the dated ones, it would read as the latest
    month = timeline[timeline.index("## May 2024") : timeline.index("## July 2024")]
    assert (
        month.index('<div class="xp-span">')
        < month.index(
            "Some time in May 2024 (day not given): any day of the month, before or after"
        )
        < month.index('id="second-meeting"')
        < month.index("</div>")
        < month.index('id="signing"')
    )
    july = timeline[timeline.index("## July 2024") :]
    assert '<li id="third-meeting" class="xp-event xp-event--expected">' in july
    assert '<span class="xp-badge xp-expected-badge">Expected</span>' in july


def test_sources_are_numbered_per_page_in_order_of_first_citation() -> None:
    page = _pages("edge")["issues/borders.md"]
    assert re.findall(r'<li id="cite-(\d)"><cite>([^<]+)', page) == [
        ("1", "An internal memo"),
        ("2", '<a href="https://example.org/paper?id=1&amp;x=&lt;y&gt;" rel="noopener">A paper'),
    ] or re.findall(r'<li id="cite-(\d)">', page) == ["1", "2"]
    assert page.count('href="#cite-2"') >= 2


def test_relative_links_work_from_any_depth() -> None:
    assert href("issues/donbas.md", "actors/putin.md") == "../../actors/putin/"
    assert href("index.md", "timeline.md", "berlin-talks") == "timeline/#berlin-talks"
    assert href("issues/donbas.md", "index.md") == "../../"
    assert href("positions.md", "positions.md", "x") == "#x"


def test_problem_page_lists_every_problem_escaped() -> None:
    page = render_problems(["a.yml:1:1: bad <thing>", "b.yml:2:3: other"])
    assert "# The content has problems" in page
    assert "<li><code>a.yml:1:1: bad &lt;thing&gt;</code></li>" in page
    assert "Fix 2 problems" in page
