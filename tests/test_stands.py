# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""Where things stand: options and stands on them, common ground, status history, key points,
expected events and the change rule. The pure functions on small hand-made facts, and the
exact `site-gen validate` report for every new mistake (as in test_problems.py)."""

from __future__ import annotations

import textwrap

import pytest

from site_gen import facts
from site_gen.check import get_content
from site_gen.dates import PartialDate
from site_gen.model import Actor, Content, Event, Explainer, Issue, Position
from tests.corpora import TALKS, TALKS_2025_12

OPTIONS = [{"id": "a", "label": "Option A"}, {"id": "b", "label": "Option B"}]


def _position(actor: str, as_of: str = "2025-01-01", **more: object) -> dict:
    return {"actor": actor, "stance": f"{actor} says", "as_of": as_of, "sources": ["s"], **more}


def _content(positions: list[dict], principals=("x", "y", "z"), **issue: object) -> Content:
    actors = {
        id: Actor(id=id, name=id.upper(), kind="state") for id in ("x", "y", "z", "w", "x-leader")
    }
    actors["x-leader"] = Actor(id="x-leader", name="XL", kind="person", affiliation="x")
    data = {"title": "T", "question": "Q?", "status": "open", "summary": "S."}
    data |= {"options": OPTIONS, "positions": positions, **issue}
    return Content(
        explainer=Explainer(title="E", lede="L", as_of="2025-06-01", principals=principals),
        actors=actors,
        issues={"t": Issue.model_validate({"id": "t", **data})},
    )


# -- common ground ----------------------------------------------------------------------------


def test_common_ground_names_what_every_principal_supports() -> None:
    content = _content(
        [
            _position("x", supports=["a"]),
            _position("y", supports=["a", "b"]),
            _position("z", supports=["a"], rejects=["b"]),
        ]
    )
    ground = facts.common_ground(content, content.issues["t"])
    assert [o.id for o in ground.agreed] == ["a"]
    assert [(g.option.id, g.supporters, g.rejecters) for g in ground.gaps] == [
        ("b", ("y",), ("z",))
    ]
    assert ground.apart == () and ground.no_stand == ()
    assert [ps.kind for ps in ground.principals] == ["supports", "supports", "supports"]


def test_common_ground_reports_the_gap_and_who_is_not_covered() -> None:
    content = _content([_position("x", supports=["a"]), _position("y", rejects=["a"])])
    ground = facts.common_ground(content, content.issues["t"])
    assert ground.agreed == ()
    assert [(g.option.id, g.supporters, g.rejecters) for g in ground.gaps] == [
        ("a", ("x",), ("y",))
    ]
    # z has no position: not covered, which is no stand at all (not "takes no side")
    assert (ground.no_stand, ground.uncovered) == ((), ("z",))
    assert [ps.kind for ps in ground.principals] == ["supports", "rejects", "uncovered"]


def test_a_declined_position_is_on_record_and_takes_no_side() -> None:
    content = _content(
        [
            _position("x", supports=["a"]),
            _position("y", supports=["a"]),
            _position("z", stance="Declined to say", declined=True),
        ]
    )
    ground = facts.common_ground(content, content.issues["t"])
    assert [ps.kind for ps in ground.principals] == ["supports", "supports", "declined"]
    assert (ground.agreed, ground.no_stand, ground.uncovered) == ((), ("z",), ())


def test_common_ground_is_over_the_principals_on_record() -> None:
    content = _content([_position("x", supports=["a"]), _position("y", supports=["a"])])
    ground = facts.common_ground(content, content.issues["t"])
    assert ([o.id for o in ground.agreed], ground.uncovered) == (["a"], ("z",))
    # one principal on record of three is no common ground
    alone = _content([_position("x", supports=["a"])])
    assert facts.common_ground(alone, alone.issues["t"]).agreed == ()


def test_sides_backing_different_options_are_apart() -> None:
    content = _content(
        [_position("x", supports=["a"]), _position("y", supports=["b"]), _position("z")]
    )
    ground = facts.common_ground(content, content.issues["t"])
    assert [o.option.id for o in ground.apart] == ["a", "b"]
    assert ground.gaps == () and ground.agreed == ()
    # a position that takes no side on the options is a stand, but not on them
    assert [ps.kind for ps in ground.principals] == ["supports", "supports", "stated"]
    assert ground.no_stand == ("z",)


def test_a_principal_stands_by_its_matrix_cell_and_silence_stays_silent() -> None:
    content = _content(
        [
            _position("x", "2025-01-01", rejects=["a"]),
            _position("x-leader", "2025-03-01", supports=["a"]),  # newer: the cell of x
            _position("y", supports=["a"]),
        ]
    )
    ground = facts.common_ground(content, content.issues["t"])
    x, y, z = ground.principals
    assert (x.stand.current.actor, x.supports, x.rejects) == ("x-leader", ("a",), ())
    assert (y.supports, z.stand, z.kind) == (("a",), None, "uncovered")
    # z is not covered: the ground is that of the sides on record, and says so (ground_line)
    assert ([o.id for o in ground.agreed], ground.uncovered) == (["a"], ("z",))
    assert [(o.option.id, o.supporters) for o in ground.options] == [("a", ("x", "y")), ("b", ())]


def test_without_principals_every_actor_with_a_position_counts() -> None:
    content = _content(
        [_position("w", supports=["b"]), _position("y", supports=["b"])], principals=()
    )
    ground = facts.common_ground(content, content.issues["t"])
    assert [ps.principal for ps in ground.principals] == ["w", "y"]
    assert [o.id for o in ground.agreed] == ["b"]


# -- the change rule ---------------------------------------------------------------------------


def _p(stance: str, as_of: str = "2025-01-01", **more: object) -> Position:
    return Position.model_validate(
        {"actor": "x", "stance": stance, "as_of": as_of, "sources": ("s",), **more}
    )


@pytest.mark.parametrize(
    ("position", "earlier", "nature"),
    [
        (_p("Yes"), [], "first"),
        (_p("Yes", "2025-02"), [_p("No")], "changed"),
        (_p("Yes", "2025-02"), [_p("Yes")], "restated"),
        (_p("Yes", "2025-02", supports=("a",)), [_p("Yes")], "changed"),
        (_p("Yes", "2025-02", flexibility="firm"), [_p("Yes")], "changed"),
        (_p("Declined", "2025-02", declined=True), [_p("Yes")], "changed"),
        (_p("Other words", "2025-02", actor="y"), [_p("Yes")], "changed"),
        (
            _p("Other words", "2025-02", actor="y", supports=("a",)),
            [_p("Yes", supports=("a",))],
            "restated",
        ),
    ],
    ids=[
        "first",
        "changed",
        "restated",
        "options-changed",
        "flexibility-changed",
        "declined",
        "another-voice-other-stance",
        "another-voice-same-options",
    ],
)
def test_position_nature(position: Position, earlier: list[Position], nature: str) -> None:
    assert facts.position_nature(position, earlier) == nature


def test_changes_carry_their_nature() -> None:
    content = _content(
        [
            _position("y", "2024-01-01", stance="No"),
            _position("y", "2025-01-01", stance="Yes"),
            _position("z", "2024-01-01", stance="Yes"),
            _position("z", "2025-01-01", stance="Yes"),
        ]
    )
    found = {c.id: (c.nature, c.is_change) for c in facts.changes(content)}
    assert found == {
        "position/t/y/2025-01-01": ("changed", True),
        "position/t/y/2024-01-01": ("first", False),
        "position/t/z/2025-01-01": ("restated", False),
        "position/t/z/2024-01-01": ("first", False),
    }


def test_a_side_changes_whoever_voices_it() -> None:
    """x-leader speaks for x: x's stand of 2024 and the leader's of 2025 are one history."""
    content = _content(
        [_position("x", "2024-01-01", stance="Closer"), _position("x-leader", stance="Far")]
    )
    found = {c.id: c for c in facts.changes(content)}
    now = found["position/t/x-leader/2025-01-01"]
    assert (now.nature, now.side, now.actors, now.latest) == (
        "changed",
        "x",
        ("x-leader", "x"),
        True,
    )
    assert now.replaced is not None and now.replaced.stance == "Closer"
    assert found["position/t/x/2024-01-01"].nature == "first"


def test_two_voices_of_a_side_differing_on_one_date_are_a_split() -> None:
    content = _content(
        [
            _position("x", "2025-01-01", stance="Yes", supports=["a"]),
            _position("x-leader", "2025-01-01", stance="No", rejects=["a"]),
            _position("y", "2025-01-01", stance="Yes", supports=["a"]),
        ]
    )
    found = {c.id: c for c in facts.changes(content)}
    x, leader = found["position/t/x/2025-01-01"], found["position/t/x-leader/2025-01-01"]
    assert (x.nature, [p.actor for p in x.split_with]) == ("split", ["x-leader"])
    assert (leader.nature, [p.actor for p in leader.split_with]) == ("split", ["x"])
    assert found["position/t/y/2025-01-01"].nature == "first"
    # the same options in other words are no split
    agree = _content(
        [
            _position("x", "2025-01-01", stance="Yes", supports=["a"]),
            _position("x-leader", "2025-01-01", stance="Sure", supports=["a"]),
        ]
    )
    assert {c.nature for c in facts.changes(agree)} == {"first"}


def test_the_shipped_report_has_one_change_of_side() -> None:
    """Trump (16 Dec) and Rubio (19 Dec) both speak for the United States: one change."""
    found = facts.changes(get_content(TALKS_2025_12))
    changed = [c for c in found if c.is_change]
    assert [(c.id, c.side, c.replaced and c.replaced.actor) for c in changed] == [
        ("position/deal-prospects/rubio/2025-12-19", "united-states", "trump")
    ]
    assert {c.nature for c in found if c.kind == "position"} == {"first", "changed"}


# -- status history ----------------------------------------------------------------------------


def test_status_trend_says_since_when_and_which_way() -> None:
    history = [
        {"status": "open", "since": "2024-01", "reason": "Talks began", "sources": ["s"]},
        {"status": "narrowing", "since": "2025-03-03", "reason": "Drafts agreed", "sources": ["s"]},
    ]
    content = _content([], status="narrowing", status_history=history)
    trend = facts.status_trend(content.issues["t"])
    assert trend.since and trend.since.since == PartialDate(2025, 3, 3)
    assert trend.previous and trend.previous.status == "open"
    assert trend.direction == "closer"
    assert facts.status_trend(_content([]).issues["t"]).direction == "none"


# -- exact messages ------------------------------------------------------------------------------

ISSUE = textwrap.dedent("""\
    title: Ceasefire
    question: Will there be a ceasefire?
    status: open
    summary: A short summary.
    options:
      - id: ceasefire-now
        label: A ceasefire now
      - id: ceasefire-after-deal
        label: A ceasefire after a deal
    positions:
      - actor: putin
        stance: No ceasefire before a deal
        as_of: 2025-12-19
        sources: [report-rubio-progress]
        supports: [ceasefire-after-deal]
        rejects: [ceasefire-now]
    """)

CASES = [
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "stance: No ceasefire before a deal", "stance: No public position"
            )
        },
        """\
        content/issues/ceasefire.yml:12:13: stance 'No public position' shows silence as a stand: if the sources say nothing of 'putin' on this issue, remove this position and list 'putin' under the issue's 'not_covered'; if they report that it declined to take one, add 'declined: true' and say so in 'stance'
        1 problem found
        """,
        id="silence-as-a-stance",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "stance: No ceasefire before a deal",
                "stance: Declined to say\n    declined: true",
            )
        },
        """\
        content/issues/ceasefire.yml:16:15: a declined position takes no side: remove 'supports', or 'declined: true' if the sources report a stand
        content/issues/ceasefire.yml:17:14: a declined position takes no side: remove 'rejects', or 'declined: true' if the sources report a stand
        2 problems found
        """,
        id="declined-takes-no-side",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE + "not_covered: [ukraine, russia, putni]\n"},
        """\
        content/issues/ceasefire.yml:17:24: 'russia' is listed as not covered, but 'putin', for it, has a position on this issue (line 11); remove it from 'not_covered'
        content/issues/ceasefire.yml:17:32: unknown actor 'putni' (did you mean 'putin'?)
        2 problems found
        """,
        id="not-covered-but-on-record",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "supports: [ceasefire-after-deal]", "supports: [ceasefire-after-dael]"
            )
        },
        """\
        content/issues/ceasefire.yml:15:16: unknown option 'ceasefire-after-dael' (did you mean 'ceasefire-after-deal'?)
        1 problem found
        """,
        id="unknown-option",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("rejects: [ceasefire-now]", "rejects: [truce]")},
        """\
        content/issues/ceasefire.yml:16:15: unknown option 'truce' (the options are 'ceasefire-now', 'ceasefire-after-deal')
        1 problem found
        """,
        id="unknown-option-no-hint",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "rejects: [ceasefire-now]", "rejects: [ceasefire-after-deal]"
            )
        },
        """\
        content/issues/ceasefire.yml:16:15: option 'ceasefire-after-deal' is both supported and rejected; keep it in 'supports' or in 'rejects', as the sources say
        1 problem found
        """,
        id="supported-and-rejected",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "options:\n  - id: ceasefire-now\n    label: A ceasefire now\n  - id: ceasefire-after-deal\n    label: A ceasefire after a deal\n",
                "",
            )
        },
        """\
        content/issues/ceasefire.yml:10:16: unknown option 'ceasefire-after-deal': the issue lists no options; add it under 'options' with an id and a label
        content/issues/ceasefire.yml:11:15: unknown option 'ceasefire-now': the issue lists no options; add it under 'options' with an id and a label
        2 problems found
        """,
        id="options-missing",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("id: ceasefire-after-deal", "id: ceasefire-now")},
        """\
        content/issues/ceasefire.yml:8:9: option 'ceasefire-now' is listed twice; give each option its own id
        content/issues/ceasefire.yml:15:16: unknown option 'ceasefire-after-deal' (did you mean 'ceasefire-now'?)
        2 problems found
        """,
        id="option-twice",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "status: open\n",
                "status: narrowing\nstatus_history:\n  - status: open\n    since: 2025-11\n"
                "    reason: Talks began\n    sources: [report-rubio-progres]\n",
            )
        },
        """\
        content/issues/ceasefire.yml:5:13: the newest status_history entry is 'open' but status is 'narrowing'; the newest entry is the current status
        content/issues/ceasefire.yml:8:15: unknown source 'report-rubio-progres' (did you mean 'report-rubio-progress'?)
        2 problems found
        """,
        id="status-history",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            title: Talks in Geneva
            date: 2025-12-19
            sources: [report-rubio-progress]
            expected: yes
            """
        },
        """\
        content/events/geneva-talks.yml:4:11: expected must be true or false, found text 'yes'
        1 problem found
        """,
        id="expected-not-boolean",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_problem(write, validate, files: dict[str, str | None], expected: str) -> None:
    for rel, text in files.items():
        write(rel, text)
    code, out, err = validate()
    assert (code, out, err) == (1, "", textwrap.dedent(expected))


KEY_POINT = "  - text: A point.\n    sources: [report-rubio-progress]\n"


def test_key_points_without_sources_are_an_error(write, validate) -> None:
    explainer = (TALKS_2025_12 / "explainer.yml").read_text(encoding="utf-8")
    write("explainer.yml", explainer.replace("    sources: [report-rubio-progress]\n", "", 1))
    assert validate() == (
        1,
        "",
        "content/explainer.yml:21:5: missing required key 'sources'; add it, e.g. sources: [a-source-id]\n1 problem found\n",
    )


def test_key_points_are_three_to_six(write, validate) -> None:
    base = (TALKS / "explainer.yml").read_text(encoding="utf-8")
    write("explainer.yml", base + "key_points:\n" + KEY_POINT * 2)
    assert validate() == (
        1,
        "",
        "content/explainer.yml:21:1: key_points lists 2 points; write 3 to 6, the few that say where things stand\n"
        "1 problem found\n",
    )
    write("explainer.yml", base + "key_points:\n" + KEY_POINT * 3)
    assert validate()[:2] == (0, "ok: 9 actors, 5 issues, 5 events, 1 source\n")


EVENT = textwrap.dedent("""\
    title: Talks in Geneva
    date: {date}
    sources: [report-rubio-progress]
    expected: true
    """)


def test_an_expected_event_long_past_is_a_warning(write, validate) -> None:
    write("events/geneva-talks.yml", EVENT.format(date="2025-11"))
    assert validate() == (
        0,
        "ok: 9 actors, 5 issues, 6 events, 1 source\n",
        "content/events/geneva-talks.yml:4:11: warning: the event is expected but its date 2025-11 is before the explainer's as_of 2025-12-19: did it happen? If so, remove 'expected: true' and cite a source that reports it; if not, give its new date\n"
        "1 warning\n",
    )


def test_an_expected_event_after_its_source_is_no_warning(write, validate) -> None:
    write("events/geneva-talks.yml", EVENT.format(date="2025-12-21"))  # announced on the 19th
    assert validate() == (0, "ok: 9 actors, 5 issues, 6 events, 1 source\n", "")
    write("events/geneva-talks.yml", EVENT.format(date="2025-12").replace("expected: true", ""))
    assert validate() == (0, "ok: 9 actors, 5 issues, 6 events, 1 source\n", "")


# -- partial dates ---------------------------------------------------------------------------


def test_month_only_events_follow_the_days_and_expected_ones_follow_as_of() -> None:
    def event(id: str, date: str, expected: bool = False) -> Event:
        return Event(id=id, date=date, title=id, sources=("s",), expected=expected)

    events = [
        event("month", "2025-12"),
        event("expected-day", "2025-12-18", expected=True),  # announced, due before as_of
        event("next", "2025-12", expected=True),
        event("day", "2025-12-16"),
        event("as-of", "2025-12-19"),
        event("year", "2025"),
        event("november", "2025-11-30"),
    ]
    content = Content(
        explainer=Explainer(title="E", lede="L", as_of="2025-12-19"),
        events={e.id: e for e in events},
    )
    assert [e.id for e in facts.events_in_order(content)] == [
        "november",
        "day",
        "as-of",
        "expected-day",  # not happened by as_of: after it
        "month",  # December, no day: after December's days
        "next",  # expected, no day: after the month's other events
        "year",  # 2025, no month: after its months
    ]
