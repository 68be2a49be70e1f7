"""Golden snapshots of the generated Markdown, and what readers must be able to trust in it.

Rewrite the snapshots with `make goldens` (UPDATE_GOLDENS=1) and review them in `git diff`.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from site_gen.check import get_content
from site_gen.model import Actor, Content, Explainer, Issue, Source
from site_gen.render import render_problems, render_site
from site_gen.render.text import href, plain
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
    # minister (2024-05) counts after leader (2024-05-02), both affiliated with alpha-state:
    # a month after its days, as on the timeline, /changes/ and the feeds (`facts.date_key`)
    assert 'href="../issues/borders/#position-alpha-minister">Reported</a>' in alpha
    assert '<span class="xp-who">Bob Minister</span>' in alpha
    assert "The minister&#x27;s line" in alpha and "Supports" not in alpha
    assert 'href="../issues/borders/#position-beta-org">Rejects</a>' in beta
    assert alpha.count("<a ") == beta.count("<a ") == 1  # linked once per cell
    tariffs = matrix.split('<tr id="issue-tariffs">')[1].split("</tr>")[0]
    assert tariffs.count('<span class="xp-said__word">Not covered by our sources</span>') == 2
    assert "<a " not in tariffs.split("</th>", 1)[1]  # not covered: no stand, no link


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
    # within a month, the event known only to the month closes it, in a frame that says it may
    # fall on any day: it claims no day before the dated ones
    month = timeline[timeline.index("## May 2024") : timeline.index("## July 2024")]
    assert (
        month.index('id="signing"')
        < month.index('<div class="xp-span">')
        < month.index(
            "Some time in May 2024 (day not given): any day of the month, before or after the "
            "dated events above."
        )
        < month.index('id="second-meeting"')
        < month.index("</div>")
    )
    july = timeline[timeline.index("## July 2024") :]
    assert '<li id="third-meeting" class="xp-event xp-event--expected">' in july
    assert '<span class="xp-badge xp-expected-badge">Expected</span>' in july


def test_sources_are_numbered_per_page_in_order_of_first_citation() -> None:
    page = _pages("edge")["issues/borders.md"]
    # the paper is cited first (the status reason), the memo next (the status history)
    cited = re.findall(r'href="#cite-(\d)"', page)
    assert list(dict.fromkeys(cited)) == ["1", "2"]
    assert re.findall(r'<li id="cite-(\d)"><cite>(.*?)</cite>', page) == [
        (
            "1",
            '<a href="https://example.org/paper?id=1&amp;x=&lt;y&gt;" rel="noopener">A paper with a link</a>',
        ),
        ("2", "An internal memo"),
    ]
    assert cited.count("2") >= 2  # a source cited again keeps its number


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


# -- say no more than the sources: whose claim, and who is not covered ------------------------


def _claims() -> dict[str, str]:
    """One principal per kind of claim: own words, reported, the source's assessment, declined,
    and one the sources do not cover; a second issue with an option only one side rejects."""
    actors = {i: Actor(id=i, name=i.title(), kind="state") for i in ("aa", "bb", "cc", "dd", "ee")}
    base = {"as_of": "2025-01-02", "sources": ["s"]}
    quote = {"text": "We want a deal", "source": "s"}
    deal = {
        "title": "Deal",
        "question": "A deal?",
        "status": "open",
        "summary": "S.",
        "not_covered": ["ee"],
        "positions": [
            {"actor": "aa", "stance": "Wants a deal", "quotes": [quote], **base},
            {"actor": "bb", "stance": "Wants a deal later", **base},
            {"actor": "cc", "stance": "Offered nothing new", "claim": "assessed", **base},
            {"actor": "dd", "stance": "Declined to say", "declined": True, **base},
        ],
    }
    troops = {
        "title": "Troops",
        "question": "Troops?",
        "status": "open",
        "summary": "S.",
        "options": [{"id": "troops", "label": "Troops in the country"}],
        "positions": [{"actor": "bb", "stance": "No troops", "rejects": ["troops"], **base}],
    }
    content = Content(
        explainer=Explainer(
            title="E", lede="L", as_of="2025-01-02", principals=("aa", "bb", "cc", "dd", "ee")
        ),
        actors=actors,
        issues={
            "deal": Issue.model_validate({"id": "deal", **deal}),
            "troops": Issue.model_validate({"id": "troops", **troops}),
        },
        sources={"s": Source(id="s", title="A report")},
    )
    return render_site(content).pages


def test_each_kind_of_claim_is_worded_apart_and_silence_is_no_stand() -> None:
    pages = _claims()
    issue = pages["issues/deal.md"]
    for line in (
        '<td data-label="Position"><p class="xp-stance">'
        '<span class="xp-index-only">Aa: </span><span class="xp-claim xp-claim--said">'
        "Says</span> Wants a deal</p>",
        '<td data-label="Position"><p class="xp-stance">'
        '<span class="xp-index-only">Bb: </span><span class="xp-claim xp-claim--reported">'
        "Reported</span> Wants a deal later</p></td>",
        '<td data-label="Position"><p class="xp-stance">'
        '<span class="xp-index-only">Cc: </span><span class="xp-claim xp-claim--assessed">'
        "In the source’s assessment</span> Offered nothing new</p></td>",
        '<td data-label="Position"><p class="xp-stance">'
        '<span class="xp-index-only">Dd: </span><span class="xp-claim xp-claim--reported">'
        'Reported</span> Declined to say</p><p class="xp-stance-facts"><span class="xp-said '
        'xp-said--declined"><span class="xp-said__word">Declined</span></span></p></td>',
        '<p class="xp-uncovered"><span class="xp-said xp-said--uncovered"><span class="xp-said__'
        'word">Not covered by our sources</span></span> Ee</p>',
    ):
        assert line in issue
    assert '<tr id="position-ee"' not in issue
    row = pages["positions.md"].split('<tr id="issue-deal">')[1].split("</tr>")[0]
    assert re.findall(r"<td [^>]*>(.*?)</td>", row) == [
        '<span class="xp-said xp-said--stated"><a class="xp-cell" href="../issues/deal/#position-'
        'aa">Says</a> <span class="xp-said__text">Wants a deal</span></span>',
        '<span class="xp-said xp-said--stated"><a class="xp-cell" href="../issues/deal/#position-'
        'bb">Reported</a> <span class="xp-said__text">Wants a deal later</span></span>',
        '<span class="xp-said xp-said--stated"><a class="xp-cell" href="../issues/deal/#position-'
        'cc">In the source’s assessment</a> <span class="xp-said__text">Offered nothing new'
        "</span></span>",
        '<span class="xp-said xp-said--declined"><a class="xp-cell" href="../issues/deal/#position'
        '-dd">Declined</a> <span class="xp-said__text">Declined to say</span></span>',
        '<span class="xp-said xp-said--uncovered"><span class="xp-said__word">Not covered by our '
        "sources</span></span>",
    ]
    home = pages["index.md"]
    assert (
        '<li class="xp-stand xp-stand--uncovered"><span class="xp-stand__who">Ee'
        '<span class="xp-index-only">:</span></span> <span '
        'class="xp-said xp-said--uncovered"><span class="xp-said__word">Not covered by our '
        "sources</span></span></li>"
    ) in home
    assert (
        '<li class="xp-stand xp-stand--rejects"><span class="xp-stand__who">Bb'
        '<span class="xp-index-only">:</span></span> <span '
        'class="xp-said xp-said--rejects xp-opt xp-opt--0"><span class="xp-said__word">Rejects'
        '</span> <span class="xp-said__text">Troops in the country</span> <span class="xp-claim">'
        "(reported)</span></span></li>"
    ) in home
    # a derived sentence is about the sides on record, and says who is not covered
    assert (
        '<p class="xp-ground"><strong>No support:</strong> Troops in the country, rejected by Bb; '
        "of the sides on record, none supports it. Aa, Cc, Dd and Ee are not covered by our "
        "sources.</p>"
    ) in home
    assert "no principal supports" not in home
    actor = pages["actors/cc.md"]
    assert (
        '<td data-label="Stance"><span class="xp-claim xp-claim--assessed">In the source’s '
        "assessment</span> Offered nothing new</td>"
    ) in actor
    # actor pages count positions, not blanks
    index = pages["actors/index.md"]
    assert 'Ee</a></h3>\n<p class="xp-side-about">State</p>' in index
    assert 'Bb</a></h3>\n<p class="xp-side-about">State · positions on 2 issues</p>' in index


def test_a_status_shows_its_reason_and_source_where_it_is_shown() -> None:
    pages = _pages("edge")
    reason = (
        '<p class="xp-row__reason">The leaders met &amp; signed <a class="xp-cite" '
        'href="#cite-{n}" id="cite-ref-{n}-1" title="The Paper &amp; Co, 3 May 2024: A paper '
        'with a link" aria-label="Source {n}: A paper with a link">[{n}]</a></p>'
    )
    assert reason.format(n=2) in pages["index.md"]
    index = pages["issues/index.md"]
    assert reason.format(n=1) in index and '<li id="cite-1"><cite>' in index
    # an issue without a status history has no reason to show
    tariffs = index.split('id="row-tariffs"')[1].split("</li>")[0]
    assert "xp-row__reason" not in tariffs


def test_sources_are_cited_in_full_and_say_what_is_not_given() -> None:
    page = _pages("edge")["issues/borders.md"]
    assert (
        '<li id="cite-2"><cite>An internal memo</cite> — outlet not given. <span class="xp-source'
        '-address" data-search-exclude>No web address given.</span> <span class="xp-back"><a href="#cite-ref-2-1" '
        'aria-label="Back to mark 1 of 4">↑1</a>'
    ) in page
    # a back-link to each mark of the source on the page
    marks = re.findall(r'<a class="xp-cite" href="#cite-2" id="(cite-ref-2-\d)"', page)
    assert marks == [f"cite-ref-2-{k}" for k in range(1, 5)]
    assert re.findall(r'href="#(cite-ref-2-\d)"', page) == marks
    full = Source(
        id="s",
        title="Talks resume",
        publisher="Daily",
        author="A. Writer",
        url="https://daily.example/a",
        archived_url="https://web.archive.org/web/2025/https://daily.example/a",
        published="2025-03",
    )
    content = Content(
        explainer=Explainer(title="E", lede="L", as_of="2025-03", key_points=()),
        sources={"s": full},
    )
    item = render_site(content).pages["sources.md"].split('<li id="source-s">')[1]
    assert item.split("<ul")[0].split("</li>")[0] == (
        '<cite><a href="https://daily.example/a" rel="noopener">Talks resume</a></cite> — by A. '
        'Writer — Daily, published <time datetime="2025-03">March 2025</time>. <span class="xp-'
        'source-address" data-search-exclude><a href="https://daily.example/a" rel="noopener">https://daily.example/a'
        '</a>; <a class="xp-archived" href="https://web.archive.org/web/2025/https://daily.example/a" '
        'rel="noopener">archived copy</a>.</span>'
    )


CHECKED = (
    ' <span class="xp-checked" title="These words were found, as quoted, in the text of the '
    'source cited"><span aria-hidden="true">✓</span> checked against the source text</span>'
    "</figcaption>"
)


def test_a_quote_checked_against_its_source_s_text_says_so_and_no_other() -> None:
    content = get_content(TALKS)
    assert content.source_texts == {"report-rubio-progress"}
    page = render_site(content).pages["issues/deal-prospects.md"]
    assert page.count("<figure") == page.count(CHECKED) == 2
    # Short quotes run inline, with the same mark, shorter.
    timeline = render_site(content).pages["timeline.md"]
    assert timeline.count('<p class="xp-quote-inline">') == 3
    assert timeline.count("checked</span></p>") == 3
    # Without the source's text nothing was checked, and no quote says it was.
    unchecked = content.model_copy(update={"source_texts": frozenset()})
    pages = render_site(unchecked).pages
    assert pages["issues/deal-prospects.md"].count("<figure") == 2
    assert "xp-checked" not in pages["issues/deal-prospects.md"] + pages["timeline.md"]


# -- each thing once ------------------------------------------------------------------------


def _sentences(content: Content) -> set[str]:
    """The sentences of the facts' prose (of five words or more), as pages show them: the
    lede, bottom line and key points, summaries, reasons, stances, details, quotes. Titles and
    option labels are not: they are the names links and marks point to."""
    ex = content.explainer
    texts = [ex.lede, ex.bottom_line or "", *(k.text for k in ex.key_points)]
    for issue in content.issues.values():
        texts += [issue.summary, *(h.reason for h in issue.status_history)]
        for p in issue.positions:
            texts += [p.stance, p.detail or "", *(q.text for q in p.quotes)]
    for e in content.events.values():
        texts += [e.summary or "", *(q.text for q in e.quotes)]
    texts += [a.summary or "" for a in content.actors.values()]
    out = set()
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", plain(text, content)):
            if len(sentence.split()) >= 5:
                out.add(sentence.rstrip(".!?"))
    return out


def _main_text(page: str) -> str:
    """A page's text as readers read it: no front matter, no markup, entities decoded."""
    body = page.split("\n---\n", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_sentence_of_the_facts_is_said_twice_on_a_page(case: str) -> None:
    content = get_content(CASES[case])
    sentences = _sentences(content)
    twice = []
    for path, page in _pages(case).items():
        text = _main_text(page)
        twice += [f"{path}: {s}" for s in sorted(sentences) if text.count(s) > 1]
    assert twice == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_back_link_of_a_source_finds_its_mark(case: str) -> None:
    for path, page in _pages(case).items():
        marks = set(re.findall(r'id="(cite-ref-\d+-\d+)"', page))
        links = set(re.findall(r'href="#(cite-ref-\d+-\d+)"', page))
        assert links == marks, path
