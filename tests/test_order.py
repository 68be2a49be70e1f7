"""The order of events whose dates overlap, as their `after` and `before` say: the one sort
(`facts.events_in_order`) and what the timeline and /changes/ show of it. The checks' messages
are in test_problems.py and test_warnings.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from site_gen import facts
from site_gen.check import get_content
from site_gen.model import Content, Event, Explainer
from site_gen.render import feeds, render_site
from tests.corpora import EDGE


def event(id: str, date: str, **more: object) -> Event:
    return Event(id=id, date=date, title=id, sources=("s",), **more)  # type: ignore[arg-type]


def in_order(*events: Event, as_of: str = "2025-12-19") -> list[str]:
    content = Content(
        explainer=Explainer(title="E", lede="L", as_of=as_of),  # type: ignore[arg-type]
        events={e.id: e for e in events},
    )
    return [e.id for e in facts.events_in_order(content)]


def test_a_month_moves_up_to_just_before_the_day_it_precedes_and_nothing_else_moves() -> None:
    assert in_order(
        event("d-10", "2025-12-10"),
        event("d-16", "2025-12-16"),
        event("d-19", "2025-12-19"),
        event("berlin", "2025-12", before="d-16"),
        event("other-month", "2025-12"),
    ) == ["d-10", "berlin", "d-16", "d-19", "other-month"]


def test_after_on_a_day_moves_the_month_it_names_up_before_it() -> None:
    assert in_order(
        event("d-10", "2025-12-10"),
        event("d-16", "2025-12-16", after="month"),
        event("month", "2025-12"),
    ) == ["d-10", "month", "d-16"]


def test_events_of_one_day_and_months_of_one_month_follow_their_links() -> None:
    assert in_order(event("a", "2025-12-19"), event("b", "2025-12-19", before="a")) == ["b", "a"]
    assert in_order(event("a", "2025-12"), event("b", "2025-12", before="a")) == ["b", "a"]
    # a chain moves up whole: c before b before the 16th
    assert in_order(
        event("d-16", "2025-12-16"),
        event("b", "2025-12", before="d-16"),
        event("c", "2025-12", before="b"),
    ) == ["c", "b", "d-16"]


def test_a_year_moves_up_into_the_months_of_its_year() -> None:
    assert in_order(
        event("march", "2025-03-02"),
        event("year", "2025", before="dec"),
        event("dec", "2025-12-16"),
        event("next-year", "2026-01-05"),
    ) == ["march", "year", "dec", "next-year"]


def test_links_the_dates_contradict_or_already_give_change_nothing() -> None:
    # (the checks report them: an error, a warning)
    assert in_order(
        event("nov", "2025-11-30", after="dec"),
        event("dec", "2025-12-01", after="nov"),
    ) == ["nov", "dec"]
    # an event that has happened never follows one still expected
    assert in_order(
        event("held", "2025-12", after="planned"),
        event("planned", "2025-12", expected=True),
    ) == ["held", "planned"]


def test_a_cycle_gets_an_order_with_every_event_once() -> None:
    found = in_order(
        event("a", "2025-12", before="b"),
        event("b", "2025-12", before="a"),
        event("c", "2025-12-10"),
    )
    assert sorted(found) == ["a", "b", "c"] and found[0] == "c"


def test_changes_run_newest_first_in_the_timelines_order() -> None:
    content = Content(
        explainer=Explainer(title="E", lede="L", as_of="2025-12-19"),  # type: ignore[arg-type]
        events={
            e.id: e
            for e in (
                event("d-10", "2025-12-10"),
                event("d-16", "2025-12-16"),
                event("berlin", "2025-12", before="d-16"),
                event("other-month", "2025-12"),
            )
        },
    )
    found = [c.id for c in facts.changes(content)]
    assert found == ["event/other-month", "event/d-16", "event/berlin", "event/d-10"]


# -- on the pages ----------------------------------------------------------------------------


def _ordered_edge(tmp_path: Path) -> Path:
    """The edge fixture with events placed by `after` and `before`: a month before a day of
    it, a year before a day of it, a month of the same month left alone."""
    root = tmp_path / "edge"
    shutil.copytree(EDGE, root)
    events = root / "events"
    with (events / "second-meeting.yml").open("a", encoding="utf-8") as f:
        f.write("before: late-may\n")
    (events / "late-may.yml").write_text(
        "date: 2024-05-20\ntitle: A late-May meeting\nsources: [paper]\n", encoding="utf-8"
    )
    (events / "more-talks.yml").write_text(
        "date: 2024-05\ntitle: More talks in May\nsources: [paper]\n", encoding="utf-8"
    )
    (events / "talks-2024.yml").write_text(
        "date: 2024\ntitle: Talks some time in 2024\nsources: [paper]\nbefore: signing\n",
        encoding="utf-8",
    )
    return root


def test_the_timeline_lists_placed_events_among_the_days_with_what_their_links_say(
    tmp_path: Path,
) -> None:
    content = get_content(_ordered_edge(tmp_path))
    timeline = render_site(content).pages["timeline.md"]
    headings = re.findall(r"^## (.+)$", timeline, re.MULTILINE)
    assert headings == [
        "2023 {#month-2023}",
        "May 2024 {#month-2024-05}",  # the 2024 event moved up before 2 May is listed here
        "July 2024 {#month-2024-07}",
        "Sources {#sources}",
    ]
    may = timeline[timeline.index("## May 2024") : timeline.index("## July 2024")]
    shown = re.findall(r'<li id="([^"]+)"|<p class="(xp-undated|xp-event__order)">(.*?)</p>', may)
    assert [(id or cls, text) for id, cls, text in shown] == [
        ("talks-2024", ""),
        (
            "xp-event__order",
            'Month and day not given: before <a href="#signing">A signing on a known day</a> '
            '(<time datetime="2024-05-02">2 May 2024</time>).',
        ),
        ("signing", ""),
        ("second-meeting", ""),
        (
            "xp-event__order",
            'Day not given: before <a href="#late-may">A late-May meeting</a> '
            '(<time datetime="2024-05-20">20 May 2024</time>).',
        ),
        ("late-may", ""),
        (
            "xp-undated",
            "Some time in May 2024 (day not given): any day of the month, before or after the "
            "dated events above.",
        ),
        ("more-talks", ""),
    ]
    # the frame holds only the event nothing placed
    frame = may[may.index('<div class="xp-span">') :]
    assert 'id="more-talks"' in frame and 'id="second-meeting"' not in frame


def test_events_of_one_day_say_their_order_and_the_frame_says_when_an_entry_does(
    tmp_path: Path,
) -> None:
    root = _ordered_edge(tmp_path)
    events = root / "events"
    (events / "signing-eve.yml").write_text(
        "date: 2024-05-02\ntitle: Drafts exchanged\nsources: [paper]\nbefore: signing\n",
        encoding="utf-8",
    )
    with (events / "more-talks.yml").open("a", encoding="utf-8") as f:
        f.write("after: late-may\n")
    timeline = render_site(get_content(root)).pages["timeline.md"]
    assert (
        '<p class="xp-event__order">On the same day, before <a href="#signing">A signing on a '
        "known day</a>.</p>"
    ) in timeline
    assert (
        '<p class="xp-event__order">On the same day, after <a href="#signing-eve">Drafts '
        "exchanged</a>.</p>"
    ) in timeline
    assert timeline.index('id="signing-eve"') < timeline.index('id="signing"')
    assert (
        "Some time in May 2024 (day not given): any day of the month, before or after the dated "
        "events above except as noted.</p>"
    ) in timeline
    assert (
        'Day not given: after <a href="#late-may">A late-May meeting</a> '
        '(<time datetime="2024-05-20">20 May 2024</time>).'
    ) in timeline


def test_changes_and_feeds_follow_the_timeline(tmp_path: Path) -> None:
    content = get_content(_ordered_edge(tmp_path))
    timeline = [e.id for e in facts.events_in_order(content)]
    assert timeline == [
        "first-meeting",
        "talks-2024",
        "signing",
        "second-meeting",
        "late-may",
        "more-talks",
        "third-meeting",
    ]
    changed = [c.event.id for c in facts.changes(content) if c.event]
    assert changed == timeline[::-1]
    entries = feeds.entries(content)
    assert [e.change.event.id for e in entries if e.change.event] == timeline[::-1]
