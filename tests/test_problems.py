# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""`site-gen validate` on a copy of content/ with one mistake dropped in: the whole output.

Every case writes (or deletes) files in a fresh copy of the shipped content/, runs
`site-gen validate content` from the folder above it, and compares stderr with the exact
report an editor would read: `file:line:col: message` lines, sorted, then the count.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from site_gen import preview
from site_gen.errors import Problem

LIBYAML = pytest.mark.skipif(not yaml.__with_libyaml__, reason="syntax error wording is libyaml's")

# A valid issue; the cases that change a line of it refer to these line numbers.
ISSUE = textwrap.dedent("""\
    title: Ceasefire
    question: Will there be a ceasefire?
    status: open
    summary: A short summary.
    positions:
      - actor: putin
        stance: No ceasefire before a deal
        as_of: 2025-12-19
        sources: [report-rubio-progress]
    """)

EVENTS = Path(__file__).parent / "fixtures" / "peace-talks" / "events"
BERLIN = (EVENTS / "berlin-talks.yml").read_text(encoding="utf-8")
RUBIO = (EVENTS / "rubio-briefing.yml").read_text(encoding="utf-8")
EVENT = textwrap.dedent("""\
    title: Talks in Geneva
    date: "{date}"
    sources: [report-rubio-progress]
    {more}
    """)

CASES = [
    # --- keys -----------------------------------------------------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": """\
            title: Ceasefire
            question: Will there be a ceasefire?
            status: open
            summary: A short summary.
            status: agreed
            positions:
              - actor: putin
                stance: No ceasefire before a deal
                as_of: 2025-12-19
                sources: [report-rubio-progress]
            """
        },
        """\
        content/issues/ceasefire.yml:5:1: duplicate key 'status' (first set on line 3); YAML would silently keep only the last one
        1 problem found
        """,
        id="duplicate-key",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("positions:", "postions:")},
        """\
        content/issues/ceasefire.yml:1:1: missing required key 'positions'; add it, e.g. positions: []
        content/issues/ceasefire.yml:5:1: unknown key 'postions' (did you mean 'positions'?)
        2 problems found
        """,
        id="unknown-key-typo",
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
                flexibilty: firm
                sources: [report-rubio-progress]
            """
        },
        """\
        content/issues/ceasefire.yml:9:5: unknown key 'flexibilty' (did you mean 'flexibility'?)
        1 problem found
        """,
        id="unknown-key-in-position",
    ),
    pytest.param(
        {
            "actors/lavrov.yml": """\
            name: Sergey Lavrov
            kind: person
            id: lavrov
            """
        },
        """\
        content/actors/lavrov.yml:3:1: unknown key 'id': the id is the file name ('lavrov')
        1 problem found
        """,
        id="id-key",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: 2025-12-19
            title: Talks in Geneva
            sources: [report-rubio-progress]
            quotes:
              - text: "No"
                by: putin
                sorce: report-rubio-progress
            """
        },
        """\
        content/events/geneva-talks.yml:5:5: missing required key 'source'; add it, e.g. source: a-source-id
        content/events/geneva-talks.yml:7:5: unknown key 'sorce' (did you mean 'source'?)
        2 problems found
        """,
        id="unknown-key-in-quote",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": """\
            title: Ceasefire
            status: open
            summary: A short summary.
            positions: []
            """
        },
        """\
        content/issues/ceasefire.yml:1:1: missing required key 'question'; add it, e.g. question: "Who will control the border?"
        1 problem found
        """,
        id="missing-required-key",
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
              - actor: zelenskyy
                stance: A ceasefire first
                as_of: 2025-12-19
            """
        },
        """\
        content/issues/ceasefire.yml:10:5: missing required key 'sources'; add it, e.g. sources: [a-source-id]
        1 problem found
        """,
        id="missing-required-key-in-second-position",
    ),
    # --- references -----------------------------------------------------------------------
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("actor: putin", "actor: zelensky")},
        """\
        content/issues/ceasefire.yml:6:12: unknown actor 'zelensky' (did you mean 'zelenskyy'?)
        1 problem found
        """,
        id="unknown-actor",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("actor: putin", "actor: report-rubio-progress")},
        """\
        content/issues/ceasefire.yml:6:12: unknown actor 'report-rubio-progress' ('report-rubio-progress' is a source)
        1 problem found
        """,
        id="actor-that-is-a-source",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "[report-rubio-progress]", "[report-rubio-progress, the-guardian]"
            )
        },
        """\
        content/issues/ceasefire.yml:9:38: unknown source 'the-guardian': no file content/sources/the-guardian.yml; to add it: make new KIND=source ID=the-guardian
        1 problem found
        """,
        id="unknown-source",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("actor: putin", "actor: erdogan")},
        """\
        content/issues/ceasefire.yml:6:12: unknown actor 'erdogan': no file content/actors/erdogan.yml; to add it: make new KIND=actor ID=erdogan
        1 problem found
        """,
        id="unknown-actor-with-no-close-id",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE + "related: [sanctions-relief]\n"},
        """\
        content/issues/ceasefire.yml:10:11: unknown issue 'sanctions-relief': no file content/issues/sanctions-relief.yml; to add it: make new KIND=issue ID=sanctions-relief
        1 problem found
        """,
        id="unknown-issue-with-no-close-id",
    ),
    pytest.param(
        {"events/berlin-talks.yml": BERLIN + "after: ankara-summit\n"},
        """\
        content/events/berlin-talks.yml:13:8: unknown event 'ankara-summit': no file content/events/ankara-summit.yml; to add it: make new KIND=event ID=ankara-summit
        1 problem found
        """,
        id="unknown-event-with-no-close-id",
    ),
    pytest.param(
        {
            "explainer.yml": """\
            title: Peace talks
            lede: The talks go on.
            as_of: 2025-12-19
            principals: [united-states, ukraine, rusia]
            """
        },
        """\
        content/explainer.yml:4:38: unknown actor 'rusia' (did you mean 'russia'?)
        1 problem found
        """,
        id="unknown-principal",
    ),
    pytest.param(
        {
            "explainer.yml": """\
            title: Peace talks
            lede: The talks go on.
            as_of: 2025-12-19
            principals: [united-states, ukraine, russia]
            stale_after_days: half a year
            concluded: maybe
            """
        },
        """\
        content/explainer.yml:5:19: stale_after_days must be a whole number, found text 'half a year'
        content/explainer.yml:6:12: concluded must be true or false, found text 'maybe'
        2 problems found
        """,
        id="number-and-yes-no-in-plain-words",
    ),
    pytest.param(
        {
            "explainer.yml": """\
            title: Peace talks
            lede: The talks go on.
            as_of: 2025-12-19
            principals: [united-states, ukraine, russia]
            stale_after_days: 0
            """
        },
        """\
        content/explainer.yml:5:19: stale_after_days must be at least 1, found 0
        1 problem found
        """,
        id="number-under-its-bound",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE + "related: [ceasefire]\n"},
        """\
        content/issues/ceasefire.yml:10:11: an issue cannot be related to itself
        1 problem found
        """,
        id="related-to-itself",
    ),
    pytest.param(
        {"issues/putin.yml": ISSUE},
        """\
        content/issues/putin.yml:1:1: id 'putin' is also the id of the actor in content/actors/putin.yml; wiki-links [[putin]] need ids unique across actors, issues and events: rename one file
        1 problem found
        """,
        id="id-of-actor-and-issue",
    ),
    pytest.param(
        {
            "actors/bloc-a.yml": """\
            name: Bloc A
            kind: group
            affiliation: bloc-b
            """,
            "actors/bloc-b.yml": """\
            name: Bloc B
            kind: group
            affiliation: bloc-a
            """,
        },
        """\
        content/actors/bloc-a.yml:3:14: affiliation cycle: bloc-a -> bloc-b -> bloc-a
        content/actors/bloc-b.yml:3:14: affiliation cycle: bloc-b -> bloc-a -> bloc-b
        2 problems found
        """,
        id="affiliation-cycle",
    ),
    # --- the order of events: after / before ---------------------------------------------
    pytest.param(
        {"events/berlin-talks.yml": BERLIN + "before: trump-closer-then-ever\n"},
        """\
        content/events/berlin-talks.yml:13:9: unknown event 'trump-closer-then-ever' (did you mean 'trump-closer-than-ever'?)
        1 problem found
        """,
        id="order-unknown-event",
    ),
    pytest.param(
        {"events/berlin-talks.yml": BERLIN + "after: putin\n"},
        """\
        content/events/berlin-talks.yml:13:8: unknown event 'putin' ('putin' is an actor)
        1 problem found
        """,
        id="order-names-an-actor",
    ),
    pytest.param(
        {"events/berlin-talks.yml": BERLIN + "before: berlin-talks\n"},
        """\
        content/events/berlin-talks.yml:13:9: an event cannot be before itself
        1 problem found
        """,
        id="order-the-event-itself",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": EVENT.format(
                date="2025-12-16", more="after: putin-press-conference"
            )
        },
        """\
        content/events/geneva-talks.yml:4:8: 'putin-press-conference' is dated 2025-12-19, certainly later than this event (2025-12-16), so this event cannot come after it; 'after' and 'before' order only events whose dates overlap, such as a month and a day of it or two events of one day: check the dates, or remove 'after: putin-press-conference'
        1 problem found
        """,
        id="order-against-the-dates",
    ),
    pytest.param(
        {"events/geneva-talks.yml": EVENT.format(date="2026", more="before: miami-talks")},
        """\
        content/events/geneva-talks.yml:4:9: 'miami-talks' is dated 2025-12, certainly earlier than this event (2026), so this event cannot come before it; 'after' and 'before' order only events whose dates overlap, such as a month and a day of it or two events of one day: check the dates, or remove 'before: miami-talks'
        1 problem found
        """,
        id="order-a-year-against-a-month",
    ),
    pytest.param(
        {"events/geneva-talks.yml": EVENT.format(date="2025-12", more="after: miami-talks")},
        """\
        content/events/geneva-talks.yml:4:8: 'miami-talks' is expected and this event is not, so this event cannot come after it: an event that has happened came before one still expected at the explainer's as_of; check 'expected', or remove 'after: miami-talks'
        1 problem found
        """,
        id="order-after-an-expected-event",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": EVENT.format(
                date="2025-12-19", more="before: rubio-briefing"
            ),
            "events/rubio-briefing.yml": RUBIO + "before: geneva-talks\n",
        },
        """\
        content/events/geneva-talks.yml:4:9: order cycle: 'geneva-talks' before 'rubio-briefing' ('before' of geneva-talks), 'rubio-briefing' before 'geneva-talks' ('before' of rubio-briefing); no order satisfies them all: remove one of these 'after' or 'before', or fix a date
        content/events/rubio-briefing.yml:27:9: order cycle: 'rubio-briefing' before 'geneva-talks' ('before' of rubio-briefing), 'geneva-talks' before 'rubio-briefing' ('before' of geneva-talks); no order satisfies them all: remove one of these 'after' or 'before', or fix a date
        2 problems found
        """,
        id="order-cycle",
    ),
    pytest.param(
        # each link fits the dates; with the dates (the 16th before the 19th) they go round
        {
            "events/geneva-talks.yml": EVENT.format(
                date="2025-12", more="before: trump-closer-than-ever\nafter: putin-press-conference"
            )
        },
        """\
        content/events/geneva-talks.yml:4:9: order cycle: 'geneva-talks' before 'trump-closer-than-ever' ('before' of geneva-talks), 'trump-closer-than-ever' before 'putin-press-conference' (by date: 2025-12-16 before 2025-12-19), 'putin-press-conference' before 'geneva-talks' ('after' of geneva-talks); no order satisfies them all: remove one of these 'after' or 'before', or fix a date
        content/events/geneva-talks.yml:5:8: order cycle: 'geneva-talks' before 'trump-closer-than-ever' ('before' of geneva-talks), 'trump-closer-than-ever' before 'putin-press-conference' (by date: 2025-12-16 before 2025-12-19), 'putin-press-conference' before 'geneva-talks' ('after' of geneva-talks); no order satisfies them all: remove one of these 'after' or 'before', or fix a date
        2 problems found
        """,
        id="order-cycle-through-the-dates",
    ),
    pytest.param(
        {
            "actors/kremlin.yml": """\
            name: The Kremlin
            kind: organization
            affiliation: kremlin
            """
        },
        """\
        content/actors/kremlin.yml:3:14: affiliation cycle: kremlin -> kremlin
        1 problem found
        """,
        id="self-affiliation",
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
              - actor: putin
                stance: A ceasefire only after a deal
                as_of: 2025-12-19
                sources: [report-rubio-progress]
            """
        },
        """\
        content/issues/ceasefire.yml:12:12: 'putin' already has a position as of 2025-12-19 (line 6); give each of an actor's positions its own as_of
        1 problem found
        """,
        id="duplicate-position",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("as_of: 2025-12-19", "as_of: 2025-12-20")},
        """\
        content/issues/ceasefire.yml:8:12: as_of 2025-12-20 is after the explainer's as_of 2025-12-19; a position cannot be attested later than the explainer is current
        1 problem found
        """,
        id="position-after-explainer-as-of",
    ),
    pytest.param(
        {"explainer.yml": None},
        """\
        content/explainer.yml:1:1: missing file: every explainer needs explainer.yml with title, lede and as_of
        1 problem found
        """,
        id="missing-explainer",
    ),
    # --- positions, located ---------------------------------------------------------------
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
              - actor: zelenskyy
                stance: A ceasefire first
                as_of: 2025-12-19
                sources: [report-rubio-progress]
                quotes:
                  - text: "by force"
                    source: report-rubio-progress
                  - text: "not be possible"
                    by: zelensky
                    source: report-rubio-progress
            """
        },
        """\
        content/issues/ceasefire.yml:18:13: unknown actor 'zelensky' (did you mean 'zelenskyy'?)
        1 problem found
        """,
        id="second-position-second-quote-reference",
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
              - actor: zelenskyy
                stance: A ceasefire first
                as_of: 2025-12-19
                sources: [report-rubio-progress]
                quotes:
                  - text: "ceasefire first"
                    source: report-rubio-progress
                  - text: "now"
                    date: 2025-02-30
                    source: report-rubio-progress
            """
        },
        """\
        content/issues/ceasefire.yml:18:15: date: invalid date '2025-02-30': February 2025 has days 1 to 28
        1 problem found
        """,
        id="second-position-second-quote-value",
    ),
    # --- Markdown -------------------------------------------------------------------------
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "A short summary.", "Russia wants all of [[dunbas]]."
            )
        },
        """\
        content/issues/ceasefire.yml:4:30: wiki-link [[dunbas]] points to no actor, issue or event (did you mean 'donbas'?)
        1 problem found
        """,
        id="unknown-wiki-link",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "A short summary.", "See [the map](javascript:alert(document.cookie))."
            )
        },
        """\
        content/issues/ceasefire.yml:4:24: link to 'javascript:alert(document.cookie)' is not allowed: links are http(s):// or mailto:, and [[id]] for actors, issues and events
        1 problem found
        """,
        id="javascript-link-in-summary",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": """\
            title: Ceasefire
            question: Will there be a ceasefire?
            status: open
            summary: |
              See <javascript:alert(1)> and [the map][m].

              [m]: data:text/html,x
            positions:
              - actor: putin
                stance: No ceasefire before a deal
                as_of: 2025-12-19
                sources: [report-rubio-progress]
            """
        },
        """\
        content/issues/ceasefire.yml:5:8: link to 'javascript:alert(1)' is not allowed: links are http(s):// or mailto:, and [[id]] for actors, issues and events
        content/issues/ceasefire.yml:7:8: link to 'data:text/html,x' is not allowed: links are http(s):// or mailto:, and [[id]] for actors, issues and events
        2 problems found
        """,
        id="autolink-and-reference-link-schemes",
    ),
    # --- values ---------------------------------------------------------------------------
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: 2025-13-45
            title: Talks in Geneva
            sources: [report-rubio-progress]
            """
        },
        """\
        content/events/geneva-talks.yml:1:7: date: invalid date '2025-13-45': month 13 is not between 1 and 12
        1 problem found
        """,
        id="bad-date-unquoted",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: "2025-13-45"
            title: Talks in Geneva
            sources: [report-rubio-progress]
            """
        },
        """\
        content/events/geneva-talks.yml:1:7: date: invalid date '2025-13-45': month 13 is not between 1 and 12
        1 problem found
        """,
        id="bad-date-quoted",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: 2025-02-30
            title: Talks in Geneva
            sources: [report-rubio-progress]
            """
        },
        """\
        content/events/geneva-talks.yml:1:7: date: invalid date '2025-02-30': February 2025 has days 1 to 28
        1 problem found
        """,
        id="bad-date-february-30",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: 19 December 2025
            title: Talks in Geneva
            sources: [report-rubio-progress]
            """
        },
        """\
        content/events/geneva-talks.yml:1:7: date: invalid date '19 December 2025': write it as 2025-12-19
        1 problem found
        """,
        id="bad-date-form",
    ),
    pytest.param(
        {"issues/ceasefire.yml": ISSUE.replace("status: open", "status: closed")},
        """\
        content/issues/ceasefire.yml:3:9: invalid status 'closed': expected one of open, narrowing, agreed, deadlocked
        1 problem found
        """,
        id="bad-status",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "as_of: 2025-12-19", "flexibility: soft\n    as_of: 2025-12-19"
            )
        },
        """\
        content/issues/ceasefire.yml:8:18: invalid flexibility 'soft': expected one of red-line, firm, open, unclear
        1 problem found
        """,
        id="bad-flexibility",
    ),
    pytest.param(
        {
            "actors/lavrov.yml": """\
            name: Sergey Lavrov
            kind: minister
            """
        },
        """\
        content/actors/lavrov.yml:2:7: invalid kind 'minister': expected one of person, state, organization, group
        1 problem found
        """,
        id="bad-kind",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": ISSUE.replace(
                "No ceasefire before a deal", "No ceasefire " + "before a deal, " * 7 + "ok!"
            )
        },
        """\
        content/issues/ceasefire.yml:7:13: stance is 121 characters, over the limit of 120; keep the label short and put the rest in 'detail'
        1 problem found
        """,
        id="stance-too-long",
    ),
    pytest.param(
        {
            "events/geneva-talks.yml": """\
            date: 2025-12-19
            title: true
            sources: [report-rubio-progress]
            """
        },
        """\
        content/events/geneva-talks.yml:2:8: title must be text, found the boolean true; put it in quotes
        1 problem found
        """,
        id="boolean-title",
    ),
    pytest.param(
        {
            "sources/the-guardian.yml": """\
            title: A report
            url: javascript:alert(1)
            """
        },
        """\
        content/sources/the-guardian.yml:2:6: url: 'javascript:alert(1)' is not a web address: it must start with http:// or https://
        1 problem found
        """,
        id="javascript-url-in-source",
    ),
    # --- files ----------------------------------------------------------------------------
    pytest.param(
        {"issues/Donbas_Region.yml": ISSUE},
        """\
        content/issues/Donbas_Region.yml:1:1: bad file name 'Donbas_Region.yml': the name is the id, made of lowercase letters, digits and single hyphens, e.g. 'donbas-region.yml'
        1 problem found
        """,
        id="bad-file-name",
    ),
    pytest.param(
        {"issues/ceasefire.yaml": ISSUE},
        """\
        content/issues/ceasefire.yaml:1:1: rename to 'ceasefire.yml': fact files end in .yml
        1 problem found
        """,
        id="yaml-extension",
    ),
    pytest.param(
        {"actor/x.yml": "name: X\nkind: person\n"},
        """\
        content/actor/x.yml:1:1: unknown folder 'actor' (did you mean 'actors'?): fact files go directly in actors/, issues/, events/, sources/
        1 problem found
        """,
        id="unknown-folder",
    ),
    pytest.param(
        {"actors/lavrov.yml": ""},
        """\
        content/actors/lavrov.yml:1:1: the file is empty: it should hold keys and values such as name: Jane Doe
        1 problem found
        """,
        id="empty-file",
    ),
    pytest.param(
        {"actors/lavrov.yml": "# Sergey Lavrov, to do\n# name: Sergey Lavrov\n"},
        """\
        content/actors/lavrov.yml:1:1: the file has only comments: it should hold keys and values such as name: Jane Doe
        1 problem found
        """,
        id="comments-only-file",
    ),
    pytest.param(
        {"actors/lavrov.yml": "- name: Sergey Lavrov\n  kind: person\n"},
        """\
        content/actors/lavrov.yml:1:1: the file holds a list: it should hold keys and values, one per line, such as name: Jane Doe
        1 problem found
        """,
        id="top-level-list",
    ),
    pytest.param(
        {"actors/lavrov.yml": b"name: Sergey Lavrov\nkind: person\nrole: Minist\xe8re\n"},
        """\
        content/actors/lavrov.yml:3:13: this file is saved in a Windows encoding (cp1252?): save it as UTF-8
        1 problem found
        """,
        id="not-utf8",
    ),
    pytest.param(
        {"actors/lavrov.yml": b"name: Sergey Lavrov\nkind: person\nrole: Russia\x92s minister\n"},
        """\
        content/actors/lavrov.yml:3:13: this file is saved in a Windows encoding (cp1252?): save it as UTF-8
        1 problem found
        """,
        id="windows-curly-apostrophe",
    ),
    pytest.param(
        {"actors/lavrov.yml": "name: Sergey Lavrov\nkind: person\naffiliation: {id: russia}\n"},
        """\
        content/actors/lavrov.yml:3:14: affiliation must be text, found keys and values
        1 problem found
        """,
        id="keys-where-text-goes",
    ),
    pytest.param(
        {
            "issues/talks.yml": "title: T\nquestion: Q?\nstatus: open\nsummary: S.\npositions: [putin]\n"
        },
        """\
        content/issues/talks.yml:5:13: each item of positions must hold keys and values, found text 'putin'
        1 problem found
        """,
        id="text-where-keys-go",
    ),
    pytest.param(
        {"actors/lavrov.yml": b"name: Sergey Lavrov\nkind: person\nrole: \x00\x81\xff\n"},
        """\
        content/actors/lavrov.yml:3:8: this file is not saved as UTF-8 text: save it as UTF-8
        1 problem found
        """,
        id="not-utf8-nor-windows",
    ),
    pytest.param(
        {"issues/talks.yml": ""},
        """\
        content/issues/talks.yml:1:1: the file is empty: it should hold keys and values such as title: Ceasefire talks
        1 problem found
        """,
        id="empty-issue",
    ),
    pytest.param(
        {"explainer.yml": "\n"},
        """\
        content/explainer.yml:1:1: the file is empty: it should hold keys and values such as title: Ceasefire talks
        1 problem found
        """,
        id="empty-explainer",
    ),
    pytest.param(
        {"glossary.yml": "# terms to come\n"},
        """\
        content/glossary.yml:1:1: the file has only comments: it should hold keys and values such as Ceasefire: "A halt to the fighting that both sides agree to."
        1 problem found
        """,
        id="glossary-of-comments-only",
    ),
    pytest.param(
        {"events/talks.yml": "Talks in Geneva\n"},
        """\
        content/events/talks.yml:1:1: the file holds a single value: it should hold keys and values, one per line, such as title: Ceasefire talks
        1 problem found
        """,
        id="top-level-single-value",
    ),
    pytest.param(
        {"actors/lavrov.yml": "name: Sergey Lavrov\nkind: person\nrole: “Minister” \x07\n"},
        """\
        content/actors/lavrov.yml:3:18: character U+0007 is not allowed in YAML
        1 problem found
        """,
        id="control-character-after-non-ascii",
    ),
    # --- YAML syntax ----------------------------------------------------------------------
    pytest.param(
        {
            "actors/lavrov.yml": """\
            name: Sergey Lavrov
            kind: person
            aliases:
            \t- Lavrov
            """
        },
        """\
        content/actors/lavrov.yml:4:1: a tab character indents this line, and YAML indents with spaces only: replace the tab with spaces
        1 problem found
        """,
        id="tab-indentation",
        marks=LIBYAML,
    ),
    pytest.param(
        {
            "actors/lavrov.yml": """\
            name: Sergey Lavrov
            kind: person
            aliases: [Lavrov, Russia's top diplomat
            """
        },
        """\
        content/actors/lavrov.yml:4:1: invalid YAML: did not find expected ',' or ']' (in the list in brackets that opens at line 3)
        1 problem found
        """,
        id="unclosed-bracket",
        marks=LIBYAML,
    ),
    pytest.param(
        {
            "actors/lavrov.yml": """\
            name: Sergey Lavrov
            kind: person
            ---
            name: Maria Zakharova
            kind: person
            """
        },
        """\
        content/actors/lavrov.yml:3:1: invalid YAML: a second document starts here; a fact file holds one set of keys and values, so remove the '---' or move what follows to a file of its own
        1 problem found
        """,
        id="two-documents",
    ),
    # --- several at once ------------------------------------------------------------------
    pytest.param(
        {
            "sources/Reuters.yml": "title: Reuters\n",
            "events/summit.yml": """\
            date: 2025-12-19
            title: A summit
            sources: [report-rubio]
            actors: [putin, zelensky]
            summary: >-
              One.
              Two.
              Three.
              See [[dunbas]].
              And [[kremlin]].
            """,
            "actors/lavrov.yml": """\
            nmae: Sergey Lavrov
            kind: minister
            """,
        },
        """\
        content/actors/lavrov.yml:1:1: missing required key 'name'; add it, e.g. name: Jane Doe
        content/actors/lavrov.yml:1:1: unknown key 'nmae' (did you mean 'name'?)
        content/actors/lavrov.yml:2:7: invalid kind 'minister': expected one of person, state, organization, group
        content/events/summit.yml:3:11: unknown source 'report-rubio' (did you mean 'report-rubio-progress'?)
        content/events/summit.yml:4:17: unknown actor 'zelensky' (did you mean 'zelenskyy'?)
        content/events/summit.yml:9:7: wiki-link [[dunbas]] points to no actor, issue or event (did you mean 'donbas'?)
        content/events/summit.yml:10:7: wiki-link [[kremlin]] points to no actor, issue or event
        content/sources/Reuters.yml:1:1: bad file name 'Reuters.yml': the name is the id, made of lowercase letters, digits and single hyphens, e.g. 'reuters.yml'
        8 problems found
        """,
        id="several-problems-in-several-files",
    ),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_problem(write, validate, files: dict[str, str | bytes | None], expected: str) -> None:
    for rel, text in files.items():
        write(rel, text)
    code, out, err = validate()
    assert (code, out, err) == (1, "", textwrap.dedent(expected))


def test_shipped_content_is_valid(validate) -> None:
    """The baseline every case changes: the copy as shipped validates."""
    assert validate() == (0, "ok: 9 actors, 5 issues, 5 events, 1 source\n", "")


def test_stance_of_120_characters_is_allowed(write, validate) -> None:
    stance = "No ceasefire " + "before a deal, " * 7 + "ok"
    assert len(stance) == 120
    write("issues/ceasefire.yml", ISSUE.replace("No ceasefire before a deal", stance))
    # (stderr warns that two principals have no position: tests/test_warnings.py)
    assert validate()[:2] == (0, "ok: 9 actors, 6 issues, 5 events, 1 source\n")


def test_python_tag_is_reported_and_not_run(write, validate, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'name: !!python/object/apply:os.system ["touch {marker}"]\nkind: person\n'
    write("actors/lavrov.yml", text)

    code, out, err = validate()

    assert (code, out, err) == (
        1,
        "",
        "content/actors/lavrov.yml:1:7: YAML tag '!!python/object/apply:os.system' is not "
        "allowed: fact files hold only text, lists, and keys with values\n"
        "1 problem found\n",
    )
    assert not marker.exists()
    # The control: the same text does run the command under PyYAML's unsafe loader.
    yaml.unsafe_load(text)
    assert marker.exists()


def test_other_tags_are_reported(write, validate) -> None:
    write("actors/lavrov.yml", "name: !!binary U2VyZ2V5\nkind: !custom person\n")
    assert validate() == (
        1,
        "",
        "content/actors/lavrov.yml:1:7: YAML tag '!!binary' is not allowed: fact files hold "
        "only text, lists, and keys with values\n"
        "1 problem found\n",
    )


def test_javascript_href_in_raw_html_is_shown_as_text(write, validate) -> None:
    # Raw HTML in YAML text is not an error: it is shown as text, never made a link.
    from site_gen.check import get_content
    from site_gen.render import render_site

    write(
        "issues/ceasefire.yml",
        ISSUE.replace("A short summary.", """'See <a href="javascript:alert(1)">the map</a>.'"""),
    )
    assert validate()[0] == 0
    page = render_site(get_content(Path("content"))).pages["issues/ceasefire.md"]
    assert 'See &lt;a href="javascript:alert(1)"&gt;the map&lt;/a&gt;.' in page
    assert '<a href="javascript' not in page


def test_the_problems_page_shows_warnings_alone_in_the_warning_tone(tmp_path: Path) -> None:

    path = tmp_path / "event.yml"
    path.write_text("date: 2026-01-05\n", encoding="utf-8")
    warning = Problem(str(path), 1, 7, "date is after its source", warning=True)
    error = Problem(str(path), 1, 1, "missing key 'title'")
    alone = preview.problems_page(preview.locate([warning]))
    both = preview.problems_page(preview.locate([error, warning]))
    assert alone.splitlines()[5:8] == [
        "# Warnings",
        "",
        '<div class="xp-problems xp-problems--warnings" role="alert">',
    ]
    assert both.splitlines()[5:8] == [
        "# The content has problems",
        "",
        '<div class="xp-problems" role="alert">',
    ]


# --- quotes checked against the source's own text (sources/<id>.txt) --------------------------

_RUBIO = "I think we’ve made progress, but we have a ways to go."


def _requote(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_quote_changed_by_one_word_is_located_with_the_nearest_passage(
    content: Path, validate
) -> None:
    _requote(
        content,
        "events/rubio-briefing.yml",
        f'text: "{_RUBIO}',
        f'text: "{_RUBIO.replace("a ways", "a long way")}',
    )
    _requote(content, "issues/donbas.yml", 'text: "by force"', 'text: "by forces"')
    text = "content/sources/report-rubio-progress.txt"
    assert validate() == (
        1,
        "",
        "content/events/rubio-briefing.yml:15:11: the quote is not in the text of source "
        f"'report-rubio-progress' ({text}); the nearest passage reads: \"I think we’ve made "
        "progress, but we have a ways to go. And obviously the hardest issues are always the "
        'last issues". Copy the words as the text has them: only spacing and the style of '
        "quotation marks may differ\n"
        "content/issues/donbas.yml:41:15: the quote is not in the text of source "
        f"'report-rubio-progress' ({text}); the nearest passage reads: \"by force\". Copy the "
        "words as the text has them: only spacing and the style of quotation marks may differ\n"
        "2 problems found\n",
    )


def test_only_spacing_and_the_style_of_quotation_marks_may_differ(content: Path, validate) -> None:
    # Straight marks for curly ones, a line break and two spaces for one space: the same words.
    _requote(
        content,
        "events/rubio-briefing.yml",
        f'text: "{_RUBIO}',
        "text: \"I think we've made  progress,\n    but we have a ways to go.",
    )
    assert validate()[:2] == (0, "ok: 9 actors, 5 issues, 5 events, 1 source\n")
    # Case, a hyphen for a space, and part of a word are not the source's words.
    for old, new in [
        ('text: "by force"', 'text: "By force"'),
        ('text: "free economic zone"', 'text: "free‑economic zone"'),
        ('text: "closer than ever"', 'text: "loser than ever"'),
    ]:
        issue = "deal-prospects" if "ever" in old else "donbas"
        _requote(content, f"issues/{issue}.yml", old, new)
    code, _, err = validate()
    assert code == 1
    assert [line.split(": the quote")[0] for line in err.splitlines()[:-1]] == [
        "content/issues/deal-prospects.yml:23:15",
        "content/issues/donbas.yml:23:15",
        "content/issues/donbas.yml:41:15",
    ]


def test_a_source_without_text_is_not_checked(content: Path, write, validate) -> None:
    write("sources/report-rubio-progress.txt", None)
    _requote(content, "issues/donbas.yml", 'text: "by force"', 'text: "by forces"')
    assert validate()[:2] == (0, "ok: 9 actors, 5 issues, 5 events, 1 source\n")


def test_a_text_file_is_checked_as_a_fact_file_is(write, validate) -> None:
    write("sources/report-rubio.txt", "The words.\n")
    write("sources/Memo.txt", "The words.\n")
    write("sources/report-rubio-progress.txt", "Line one.\nA bell \x07 rings.\n")
    assert validate() == (
        1,
        "",
        "content/sources/Memo.txt:1:1: bad file name 'Memo.txt': a source's text is named after "
        "its source, sources/<id>.txt, e.g. 'memo.txt'\n"
        "content/sources/report-rubio-progress.txt:2:8: control character U+0007 is not "
        "allowed in text; remove it\n"
        "content/sources/report-rubio.txt:1:1: text of no source: there is no "
        "sources/report-rubio.yml (did you mean 'report-rubio-progress'?); a source's text is "
        "named after the source whose words it holds\n"
        "3 problems found\n",
    )
    write("sources/Memo.txt", None)
    write("sources/report-rubio.txt", None)
    write("sources/report-rubio-progress.txt", b"caf\xe9\n")
    assert validate()[2] == (
        "content/sources/report-rubio-progress.txt:1:4: this file is saved in a Windows encoding "
        "(cp1252?): save it as UTF-8\n1 problem found\n"
    )
