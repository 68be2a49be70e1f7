# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""Warnings: facts that may mislead readers though nothing is broken. `site-gen validate` on a
copy of content/ with one doubtful fact dropped in: the whole output, as in test_problems.py.

`validate` prints them as `file:line:col: warning: message` and still succeeds; with
`--strict` it fails, as `mkdocs build --strict` does (the plugin logs them as warnings).
"""

from __future__ import annotations

import glob
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from site_gen.cli import main
from site_gen.errors import Problem
from site_gen.lookalike import skeleton
from tests.corpora import ROOT, TALKS
from tests.sites import build_in_process, project_copy

OK = "ok: 9 actors, 6 issues, 5 events, 1 source\n"

# An issue on which every principal (united-states, ukraine, russia) has a position.
ISSUE = textwrap.dedent("""\
    title: Ceasefire
    question: Will there be a ceasefire?
    status: open
    summary: A short summary.
    positions:
      - actor: united-states
        stance: A ceasefire first
        as_of: 2025-12-19
        sources: [report-rubio-progress]
      - actor: zelenskyy
        stance: A ceasefire with guarantees
        as_of: 2025-12-19
        sources: [report-rubio-progress]
      - actor: putin
        stance: No ceasefire before a deal
        as_of: 2025-12-19
        sources: [report-rubio-progress]
    """)

EVENT = textwrap.dedent("""\
    title: Talks in Geneva
    date: 2025-12-19
    sources: [report-rubio-progress]
    """)

BERLIN = (TALKS / "events" / "berlin-talks.yml").read_text(encoding="utf-8")
MIAMI = (TALKS / "events" / "miami-talks.yml").read_text(encoding="utf-8")

CASES = [
    # --- a current position older than stale_after_days ----------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "as_of: 2025-12-19\n    sources: [report-rubio-progress]\n  - actor: zelenskyy",
                "as_of: 2025-06-01\n    sources: [report-rubio-progress]\n  - actor: zelenskyy",
            )
        },
        """\
        content/issues/ceasefire.yml:8:12: warning: the current position of 'united-states' is as of 2025-06-01, 201 days before the explainer's as_of 2025-12-19 (stale_after_days: 180); add a newer position if the sources show one still holds or has changed; if it is intended, raise stale_after_days in explainer.yml, or set 'concluded: true' there once the negotiation is over
        1 warning
        """,
        id="stale-position",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "as_of: 2025-12-19\n    sources: [report-rubio-progress]\n  - actor: putin",
                "as_of: 2025-05\n    sources: [report-rubio-progress]\n  - actor: putin",
            )
        },
        """\
        content/issues/ceasefire.yml:12:12: warning: the current position of 'zelenskyy' is as of 2025-05, at least 202 days before the explainer's as_of 2025-12-19 (stale_after_days: 180); add a newer position if the sources show one still holds or has changed; if it is intended, raise stale_after_days in explainer.yml, or set 'concluded: true' there once the negotiation is over
        1 warning
        """,
        id="stale-position-known-to-the-month",
    ),
    pytest.param(
        # June 2025 may be the 30th: 172 days, not past 180, so not (certainly) stale
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "as_of: 2025-12-19\n    sources: [report-rubio-progress]\n  - actor: putin",
                "as_of: 2025-06\n    sources: [report-rubio-progress]\n  - actor: putin",
            )
        },
        "",
        id="month-that-may-be-recent-enough",
    ),
    pytest.param(
        # the old position is history: only the current one counts
        {
            "issues/ceasefire.yml": ISSUE
            + textwrap.indent(
                "- actor: putin\n  stance: Maybe a ceasefire\n  as_of: 2024-01-10\n  sources: [report-rubio-progress]\n",
                "  ",
            )
        },
        "",
        id="old-position-replaced-by-a-newer-one",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "as_of: 2025-12-19\n    sources: [report-rubio-progress]\n  - actor: zelenskyy",
                "as_of: 2025-06-01\n    sources: [report-rubio-progress]\n  - actor: zelenskyy",
            ),
            "explainer.yml": (TALKS / "explainer.yml").read_text(encoding="utf-8")
            + "stale_after_days: 365\n",
        },
        "",
        id="stale-after-days-raised",
    ),
    # --- an event dated after its source was published -----------------------------------
    pytest.param(
        {"events/geneva-talks.yml": EVENT.replace("2025-12-19", "2025-12-20")},
        """\
        content/events/geneva-talks.yml:2:7: warning: date 2025-12-20 is after source 'report-rubio-progress' was published (2025-12-19); check the date, or cite a source published after the event; if the source announced an event still to come, add 'expected: true'
        1 warning
        """,
        id="event-after-its-source",
    ),
    pytest.param(
        {"events/geneva-talks.yml": EVENT.replace("2025-12-19", "2026")},
        """\
        content/events/geneva-talks.yml:2:7: warning: date 2026 is after source 'report-rubio-progress' was published (2025-12-19); check the date, or cite a source published after the event; if the source announced an event still to come, add 'expected: true'
        1 warning
        """,
        id="event-year-after-its-source",
    ),
    pytest.param(
        # December 2025 may be the 19th or earlier: not after the source
        {"events/geneva-talks.yml": EVENT.replace("2025-12-19", "2025-12")},
        "",
        id="event-month-of-its-source",
    ),
    # --- an after / before the dates already give -----------------------------------------
    pytest.param(
        {"events/geneva-talks.yml": EVENT + "after: trump-closer-than-ever\n"},
        """\
        content/events/geneva-talks.yml:4:8: warning: 'trump-closer-than-ever' is dated 2025-12-16, certainly earlier than this event (2025-12-19), so 'after: trump-closer-than-ever' changes nothing: the dates already order the two; 'after' and 'before' order only events whose dates overlap, such as a month and a day of it or two events of one day: remove it
        1 warning
        """,
        id="order-the-dates-give",
    ),
    pytest.param(
        # events of one day, a month and a day of it, a month and an expected event of it: the
        # dates cannot order them
        {
            "events/geneva-talks.yml": EVENT + "before: rubio-briefing\n",
            "events/berlin-talks.yml": BERLIN + "before: trump-closer-than-ever\n",
            "events/miami-talks.yml": MIAMI + "after: berlin-talks\n",
        },
        "",
        id="order-where-the-dates-overlap",
    ),
    # --- a principal without a position ---------------------------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "  - actor: united-states\n    stance: A ceasefire first\n    as_of: 2025-12-19\n    sources: [report-rubio-progress]\n",
                "",
            )
        },
        """\
        content/issues/ceasefire.yml:5:1: warning: principal United States has no position here, while Volodymyr Zelenskyy and Vladimir Putin have one; add its position if the sources give one; if they say nothing of it here, list it under 'not_covered' (not_covered: [united-states]): pages show it as not covered either way
        1 warning
        """,
        id="principal-without-position",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": """\
            title: Ceasefire
            question: Will there be a ceasefire?
            status: open
            summary: A short summary.
            positions:
              - actor: putin
                stance: No ceasefire before a deal
                as_of: 2025-12-19
                sources: [report-rubio-progress]
            """
        },
        """\
        content/issues/ceasefire.yml:5:1: warning: principals without a position here: United States and Ukraine, while Vladimir Putin has one; add their positions if the sources give them; for those they say nothing of here, list them under 'not_covered' (not_covered: [united-states, ukraine]): pages show them as not covered either way
        1 warning
        """,
        id="two-principals-without-position-one-warning",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "  - actor: united-states\n    stance: A ceasefire first\n    as_of: 2025-12-19\n    sources: [report-rubio-progress]\n",
                "",
            )
            + "not_covered: [united-states]\n"
        },
        "",
        id="not-covered-on-purpose",
    ),
    # --- whose claim: "said" needs the actor's own words ---------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "stance: No ceasefire before a deal",
                "stance: No ceasefire before a deal\n    claim: said",
            )
        },
        """\
        content/issues/ceasefire.yml:16:12: warning: claim: said, but no quote is by 'putin'; add the actor's own words as a quote, or write 'claim: reported' (the source reports the position) or 'claim: assessed' (the source's own assessment)
        1 warning
        """,
        id="said-without-words",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "stance: No ceasefire before a deal",
                "stance: No ceasefire before a deal\n    claim: said\n    quotes:\n      - text: by force\n        source: report-rubio-progress",
            )
        },
        "",
        id="said-with-own-words",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": """\
            title: Ceasefire
            question: Will there be a ceasefire?
            status: open
            summary: Nobody has said anything yet.
            positions: []
            """
        },
        "",
        id="issue-without-positions",
    ),
    # --- all at once, sorted ----------------------------------------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "  - actor: united-states\n    stance: A ceasefire first\n    as_of: 2025-12-19\n    sources: [report-rubio-progress]\n",
                "",
            ).replace("as_of: 2025-12-19", "as_of: 2024-12-19", 1),
            "events/geneva-talks.yml": EVENT.replace("2025-12-19", "2025-12-31"),
        },
        """\
        content/events/geneva-talks.yml:2:7: warning: date 2025-12-31 is after source 'report-rubio-progress' was published (2025-12-19); check the date, or cite a source published after the event; if the source announced an event still to come, add 'expected: true'
        content/issues/ceasefire.yml:5:1: warning: principal United States has no position here, while Volodymyr Zelenskyy and Vladimir Putin have one; add its position if the sources give one; if they say nothing of it here, list it under 'not_covered' (not_covered: [united-states]): pages show it as not covered either way
        content/issues/ceasefire.yml:8:12: warning: the current position of 'zelenskyy' is as of 2024-12-19, 365 days before the explainer's as_of 2025-12-19 (stale_after_days: 180); add a newer position if the sources show one still holds or has changed; if it is intended, raise stale_after_days in explainer.yml, or set 'concluded: true' there once the negotiation is over
        3 warnings
        """,
        id="several-warnings-sorted",
    ),
]


IRAN = "name: Iran\nkind: state\n"

LOOK_ALIKES = [
    pytest.param(
        {"actors/iran.yml": IRAN, "actors/iran-2.yml": IRAN.replace("Iran", "Ir\u0430n")},
        """\
        content/actors/iran-2.yml:1:7: warning: name 'Irаn' looks the same as 'Iran', the name of the actor in content/actors/iran.yml (this one has U+0430 CYRILLIC SMALL LETTER A where the other has U+0061 LATIN SMALL LETTER A): readers cannot tell the two apart; if they are one actor, merge the files; if not, make the names differ
        1 warning
        """,
        id="cyrillic-a",
    ),
    pytest.param(
        {
            "actors/iran.yml": IRAN,
            "actors/iran-2.yml": IRAN.replace("Iran", "IRAN"),
            "actors/iran-3.yml": IRAN.replace("Iran", "Ir\u0430n"),
        },
        """\
        content/actors/iran-2.yml:1:7: warning: name 'IRAN' looks the same as 'Iran', the name of the actor in content/actors/iran.yml (they differ only in case or spacing): readers cannot tell the two apart; if they are one actor, merge the files; if not, make the names differ
        content/actors/iran-3.yml:1:7: warning: name 'Irаn' looks the same as 'Iran', the name of the actor in content/actors/iran.yml (this one has U+0430 CYRILLIC SMALL LETTER A where the other has U+0061 LATIN SMALL LETTER A): readers cannot tell the two apart; if they are one actor, merge the files; if not, make the names differ
        2 warnings
        """,
        id="three-names-one-look",
    ),
    pytest.param(
        {"actors/putin-2.yml": "name: Vladimir Putin\nkind: person\n"},
        """\
        content/actors/putin-2.yml:1:7: warning: name 'Vladimir Putin' is also the name of the actor in content/actors/putin.yml: readers cannot tell the two apart; if they are one actor, merge the files; if not, make the names differ
        1 warning
        """,
        id="the-same-name-twice",
    ),
    pytest.param(
        {"actors/iran.yml": IRAN, "actors/iran-2.yml": IRAN.replace("Iran", "Ira\u0301n")},
        "",
        id="an-accent-is-no-look-alike",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("Ceasefire", "Fate of the D\u043enbas  region", 1)},
        """\
        content/issues/donbas.yml:2:8: warning: title 'Fate of the Donbas region' looks the same as 'Fate of the Dоnbas  region', the title of the issue in content/issues/ceasefire.yml (the other has U+043E CYRILLIC SMALL LETTER O): readers cannot tell the two apart; if they are one issue, merge the files; if not, make the titles differ
        1 warning
        """,
        id="issue-title-with-a-cyrillic-o-and-two-spaces",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": EVENT,
            "events/geneva-talks-2.yml": EVENT.replace("Talks", "TALKS"),
        },
        """\
        content/events/geneva-talks-2.yml:1:8: warning: title 'TALKS in Geneva' looks the same as 'Talks in Geneva', the title of the event of the same date in content/events/geneva-talks.yml (they differ only in case or spacing): readers cannot tell the two apart; if they are one event, merge the files; if not, make the titles differ
        1 warning
        """,
        id="events-of-one-date",
    ),
]


@pytest.mark.parametrize(("files", "expected"), LOOK_ALIKES)
def test_look_alike_names(write, validate, files: dict[str, str], expected: str) -> None:
    for rel, text in files.items():
        write(rel, text)
    code, _, err = validate()
    assert (code, err) == (0, textwrap.dedent(expected))


def test_events_of_other_dates_may_share_a_title(write, validate) -> None:
    """A round of talks in the same city each month is no look-alike: the timeline dates them."""
    write("events/geneva-talks.yml", EVENT)
    write("events/geneva-talks-2.yml", EVENT.replace("2025-12-19", "2025-12-01"))
    assert validate() == (0, "ok: 9 actors, 5 issues, 7 events, 1 source\n", "")


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_warning(write, validate, files: dict[str, str], expected: str) -> None:
    for rel, text in files.items():
        write(rel, text)
    code, out, err = validate()
    issues = 6 if any(rel.startswith("issues/") for rel in files) else 5
    events = 6 if any(rel.startswith("events/") for rel in files) else 5
    ok = f"ok: 9 actors, {issues} issues, {events} events, 1 source\n"
    assert (code, out, err) == (0, ok, textwrap.dedent(expected))


def test_warnings_block_only_where_the_newsroom_opts_in(write, content: Path, capsys) -> None:
    """`validate --strict` agrees with `mkdocs build --strict`: warnings are shown, and fail
    only with `block_on_warnings: true` in explainer.yml."""
    write("events/geneva-talks.yml", EVENT.replace("2025-12-19", "2025-12-20"))
    assert main(["validate", "--strict", str(content)]) == 0
    assert capsys.readouterr().err.endswith("1 warning\n")
    explainer = (TALKS / "explainer.yml").read_text(encoding="utf-8")
    write("explainer.yml", explainer + "block_on_warnings: true\n")
    assert main(["validate", str(content)]) == 0
    capsys.readouterr()
    assert main(["validate", "--strict", str(content)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith(
        "1 warning\nthe warnings fail the check: explainer.yml sets 'block_on_warnings: true'\n"
    )
    write("events/geneva-talks.yml", EVENT)
    assert main(["validate", "--strict", str(content)]) == 0


def test_a_concluded_explainer_has_no_stale_positions(write, validate) -> None:
    write(
        "issues/ceasefire.yml",
        ISSUE.replace("as_of: 2025-12-19", "as_of: 2013-06-01"),
    )
    explainer = (TALKS / "explainer.yml").read_text(encoding="utf-8")
    code, _, err = validate()
    assert (code, err.splitlines()[-1]) == (0, "3 warnings")
    write("explainer.yml", explainer + "concluded: true\n")
    assert validate() == (0, "ok: 9 actors, 6 issues, 5 events, 1 source\n", "")


def test_warnings_wait_for_errors_to_be_fixed(write, validate) -> None:
    """With errors, only the errors: warnings judge facts that loaded and hold together."""
    write("events/geneva-talks.yml", EVENT.replace("2025-12-19", "2025-12-20") + "titel: x\n")
    code, out, err = validate()
    assert (code, out) == (1, "")
    assert "warning" not in err
    assert err.endswith("1 problem found\n")


def test_problem_prints_its_severity_and_sorts_with_errors() -> None:
    error = Problem("a.yml", 2, 1, "unknown actor 'x'")
    warning = Problem("a.yml", 1, 1, "stale", warning=True)
    assert str(warning) == "a.yml:1:1: warning: stale"
    assert str(error) == "a.yml:2:1: unknown actor 'x'"
    assert sorted([error, warning]) == [warning, error]


def test_shipped_content_has_no_warnings(validate) -> None:
    assert validate() == (0, "ok: 9 actors, 5 issues, 5 events, 1 source\n", "")


def test_strict_build_shows_warnings_and_fails_only_when_they_block(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "content" / "events" / "geneva-talks.yml").write_text(
        EVENT.replace("2025-12-19", "2025-12-20"), encoding="utf-8"
    )
    message = (
        "content/events/geneva-talks.yml:2:7: warning: date 2025-12-20 is after "
        "source 'report-rubio-progress' was published (2025-12-19); check the date, or cite a "
        "source published after the event"
    )
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    assert f"INFO    -  {message}" in result.stderr
    explainer = project / "content" / "explainer.yml"
    explainer.write_text(explainer.read_text("utf-8") + "block_on_warnings: true\n", "utf-8")
    result = build_in_process(project)
    assert result.returncode == 1
    assert f"WARNING -  {message}" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr


def test_skeletons_of_names_readers_cannot_tell_apart() -> None:
    same = ["Iran", "IRAN", "Ir\u0430n", "Iran\u200b", "Ir\u00adan", "\u2110ran", " Iran  "]
    assert {skeleton(name) for name in same} == {"iran"}
    assert skeleton("B0B") == skeleton("bob")  # a digit zero, whose prototype is a capital O
    assert len({skeleton(name) for name in ["Iran", "Irán", "Iraq", "I ran"]}) == 4


def test_the_confusables_table_is_what_its_script_makes() -> None:
    """site_gen/confusables.txt is generated from ICU's copy of Unicode's table; where that ICU
    is installed (Debian's libicu72), the script makes the same file again."""
    source = (ROOT / "site_gen" / "confusables.txt").read_text("utf-8").splitlines()[4]
    major = re.search(r"ICU (\d+)\.", source)
    assert major, source
    if not glob.glob(f"/usr/lib/*/libicui18n.so.{major[1]}"):
        pytest.skip(f"ICU {major[1]} is not installed (apt-get install libicu{major[1]})")
    check = [sys.executable, str(ROOT / "scripts" / "confusables.py"), "--check"]
    result = subprocess.run(check, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "the vendored table is up to date\n")


def test_a_position_or_quote_dated_after_its_sources_is_a_warning(write, validate) -> None:
    write("sources/memo.yml", "title: A memo\npublished: 2025-12-01\n")
    write(
        "issues/ceasefire.yml",
        ISSUE.replace("sources: [report-rubio-progress]", "sources: [memo]", 1).replace(
            "stance: No ceasefire before a deal",
            "stance: No ceasefire before a deal\n    quotes:\n      - text: No ceasefire\n"
            "        date: 2025-12-10\n        source: memo",
        ),
    )
    code, out, err = validate()
    assert (code, out) == (0, "ok: 9 actors, 6 issues, 5 events, 2 sources\n")
    assert err == textwrap.dedent("""\
        content/issues/ceasefire.yml:8:12: warning: as_of 2025-12-19 is after every source of the position was published (the newest on 2025-12-01); a source cannot attest what came after it: check the date, or cite a source published since
        content/issues/ceasefire.yml:18:15: warning: the quote is dated 2025-12-10, after source 'memo' that carries it was published (2025-12-01); check the date, or cite the source the words are taken from
        2 warnings
        """)


def test_an_event_after_several_sources_is_one_warning(write, validate) -> None:
    write("sources/memo.yml", "title: A memo\npublished: 2025-12-01\n")
    write("sources/note.yml", "title: A note\npublished: 2026-01-05\n")
    sources = "sources: [report-rubio-progress, memo, note]"
    write(
        "events/geneva-talks.yml",
        EVENT.replace("2025-12-19", "2025-12-20").replace(
            "sources: [report-rubio-progress]", sources
        ),
    )
    code, out, err = validate()
    assert (code, out) == (0, "ok: 9 actors, 5 issues, 6 events, 3 sources\n")
    assert err == textwrap.dedent("""\
        content/events/geneva-talks.yml:2:7: warning: date 2025-12-20 is after sources 'report-rubio-progress' (2025-12-19) and 'memo' (2025-12-01) were published; check the date, or cite a source published after the event; if the source announced an event still to come, add 'expected: true'
        1 warning
        """)


def test_warnings_of_sound_files_are_shown_after_the_errors(write, validate) -> None:
    """An error in one file does not hide the warnings of the files that can still be judged:
    the event dated after its source is warned of; the issue with an error, and the event that
    cites the broken source, are not judged until they are fixed."""
    write("events/geneva-talks.yml", EVENT.replace("2025-12-19", "2025-12-20"))
    write("events/oslo-talks.yml", EVENT.replace("report-rubio-progress", "memo"))
    write("sources/memo.yml", "title: A memo\npublished: someday\n")
    write("issues/ceasefire.yml", ISSUE.replace("actor: putin", "actor: erdogan"))
    code, out, err = validate()
    assert (code, out) == (1, "")
    assert err == textwrap.dedent("""\
        content/issues/ceasefire.yml:14:12: unknown actor 'erdogan': no file content/actors/erdogan.yml; to add it: make new KIND=actor ID=erdogan
        content/sources/memo.yml:2:12: published: invalid date 'someday': write YYYY-MM-DD, YYYY-MM or YYYY
        2 problems found
        content/events/geneva-talks.yml:2:7: warning: date 2025-12-20 is after source 'report-rubio-progress' was published (2025-12-19); check the date, or cite a source published after the event; if the source announced an event still to come, add 'expected: true'
        1 warning
        """)


def test_no_warnings_while_explainer_yml_has_an_error(write, validate) -> None:
    write("events/geneva-talks.yml", EVENT.replace("2025-12-19", "2025-12-20"))
    explainer = (TALKS / "explainer.yml").read_text(encoding="utf-8")
    write("explainer.yml", explainer + "stale_after_days: 0\n")
    code, out, err = validate()
    assert (code, out) == (1, "")
    assert err.endswith("stale_after_days must be at least 1, found 0\n1 problem found\n")
