# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""Plain-language hints for the YAML mistakes editors make, at the line and column to fix:
`site-gen validate` on a copy of the peace-talks fixture with one file dropped in, and its
whole output (the message is part of the interface)."""

from __future__ import annotations

import pytest

from site_gen.dates import suggest_date

OK = "ok: {actors} actors, 5 issues, {events} events, 1 source\n"

CASES = [
    # PyYAML's own words for what it was reading, in plain ones: no flow sequence, no mapping
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\nkind: {person\n"},
        1,
        "content/actors/envoy.yml:3:1: invalid YAML: did not find expected ',' or '}' (in the braces that open at line 2)\n1 problem found\n",
        id="unclosed-braces",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\nkind: person\n- a\n"},
        1,
        "content/actors/envoy.yml:3:1: invalid YAML: did not find expected key (in the keys that start at line 1)\n1 problem found\n",
        id="list-item-among-keys",
    ),
    pytest.param(
        {"actors/envoy.yml": "- name: Special envoy\nkind: person\n"},
        1,
        "content/actors/envoy.yml:2:1: invalid YAML: did not find expected '- ' of a list item (in the list that starts at line 1)\n1 problem found\n",
        id="key-after-list",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy: Gulf\nkind: person\n"},
        1,
        "content/actors/envoy.yml:1:20: the value of 'name' holds ': ', which YAML reads as the start of a key: put the whole value in quotes: name: \"Special envoy: Gulf\"\n1 problem found\n",
        id="unquoted-colon",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\n  kind: person\n"},
        1,
        "content/actors/envoy.yml:2:3: 'kind' is indented more than 'name' on line 1, so YAML reads it as part of the value of 'name': start it in the same column as 'name'\n1 problem found\n",
        id="over-indented-key",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": "title: Ceasefire\nquestion: Will there be a ceasefire?\nstatus: open\nsummary: A summary.\npositions:\n  - actor: putin\n    stance: No ceasefire\n      as_of: 2025-12-19\n    sources: [report-rubio-progress]\n"
        },
        1,
        "content/issues/ceasefire.yml:8:7: 'as_of' is indented more than 'stance' on line 7, so YAML reads it as part of the value of 'stance': start it in the same column as 'stance'\n1 problem found\n",
        id="over-indented-in-a-position",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\n\tkind: person\n"},
        1,
        "content/actors/envoy.yml:2:1: a tab character indents this line, and YAML indents with spaces only: replace the tab with spaces\n1 problem found\n",
        id="tab",
    ),
    pytest.param(
        {"actors/envoy.yml": 'name: "Special envoy”\nkind: person\n'},
        1,
        "content/actors/envoy.yml:1:7: the value of 'name' opens with \" and ends with ”, a typographic quote, which YAML does not read as closing it: end it with \" as well\n1 problem found\n",
        id="curly-closing-quote",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: 'Special envoy\"\nkind: person\n"},
        1,
        "content/actors/envoy.yml:1:7: the value of 'name' opens with ' and ends with \": use the same quote at both ends\n1 problem found\n",
        id="mismatched-straight-quotes",
    ),
    pytest.param(
        {"actors/envoy.yml": 'name: "Special envoy\nkind: person\nrole: Envoy\n'},
        1,
        "content/actors/envoy.yml:1:7: the value of 'name' opens with \" and the quote is never closed: end the value with \"\n1 problem found\n",
        id="quote-never-closed",
    ),
    pytest.param(
        {"actors/envoy.yml": 'name: "Special" envoy\nkind: person\n'},
        1,
        "content/actors/envoy.yml:1:7: text follows the closing quote of 'name': to keep quotation marks inside a value, quote the whole value with the other kind: name: '\"Special\" envoy'\n1 problem found\n",
        id="text-after-quote",
    ),
    pytest.param(
        {
            "events/geneva.yml": "date: 2025-12-19\ntitle: Talks in Geneva\nactors: putin, rubio\nsources: [report-rubio-progress]\n"
        },
        1,
        "content/events/geneva.yml:3:9: actors must be a list, found text 'putin, rubio'; write it in brackets: actors: [putin, rubio]\n1 problem found\n",
        id="list-as-text",
    ),
    pytest.param(
        {
            "events/geneva.yml": "date: 2025-12-19\ntitle: Talks in Geneva\nactors:\n  -putin\n  -rubio\nsources: [report-rubio-progress]\n"
        },
        1,
        "content/events/geneva.yml:4:3: actors must be a list, found text '-putin -rubio'; a list item needs a space after its dash ('- putin'), or write actors: [putin, rubio]\n1 problem found\n",
        id="list-without-space-after-dash",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\n"},
        1,
        "content/actors/envoy.yml:1:1: missing required key 'kind'; add it, e.g. kind: person\n1 problem found\n",
        id="missing-key",
    ),
    pytest.param(
        {
            "events/geneva.yml": "date: 07/14/2025\ntitle: Talks in Geneva\nsources: [report-rubio-progress]\n"
        },
        1,
        "content/events/geneva.yml:1:7: date: invalid date '07/14/2025': write it as 2025-07-14\n1 problem found\n",
        id="us-date",
    ),
    pytest.param(
        {
            "events/geneva.yml": "date: 07/08/2025\ntitle: Talks in Geneva\nsources: [report-rubio-progress]\n"
        },
        1,
        "content/events/geneva.yml:1:7: date: invalid date '07/08/2025': write YYYY-MM-DD: 2025-07-08 or 2025-08-07, whichever the source means\n1 problem found\n",
        id="ambiguous-date",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\nkind: person\nsummary: Met [[Putin]] twice.\n"},
        1,
        "content/actors/envoy.yml:3:14: wiki-link [[Putin]] points to no actor, issue or event (did you mean 'putin'?)\n1 problem found\n",
        id="wiki-link-case",
    ),
    pytest.param(
        {
            "events/geneva.yml": "date: 2025-12-19\ntitle: Talks in Geneva\nissues: [Donbas]\nsources: [report-rubio-progress]\n"
        },
        1,
        "content/events/geneva.yml:3:10: 'Donbas' is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'donbas'\n1 problem found\n",
        id="reference-case",
    ),
    pytest.param(
        {"actors/putin.yaml": "name: Vladimir Putin\nkind: person\n"},
        1,
        "content/actors/putin.yaml:1:1: not read: fact files end in .yml, and 'putin.yml' already exists beside it; move what this file holds into 'putin.yml', then delete this one\n1 problem found\n",
        id="yaml-beside-yml",
    ),
    pytest.param(
        {"actors/Putin.yml": "name: Vladimir Putin\nkind: person\n"},
        1,
        "content/actors/Putin.yml:1:1: bad file name 'Putin.yml': the name is the id, made of lowercase letters, digits and single hyphens; 'putin.yml' already exists, so merge this file into it or choose another name\n1 problem found\n",
        id="bad-name-beside-its-lowercase-twin",
    ),
    pytest.param(
        {"actors/Special_Envoy.yml": "name: Special envoy\nkind: person\n"},
        1,
        "content/actors/Special_Envoy.yml:1:1: bad file name 'Special_Envoy.yml': the name is the id, made of lowercase letters, digits and single hyphens, e.g. 'special-envoy.yml'\n1 problem found\n",
        id="bad-name",
    ),
    pytest.param(
        {"actors/envoy.yaml": "name: Special envoy\nkind: person\n"},
        1,
        "content/actors/envoy.yaml:1:1: rename to 'envoy.yml': fact files end in .yml\n1 problem found\n",
        id="yaml-alone",
    ),
    pytest.param(
        {"actors/envoy.yml": "name: Special envoy\nkind: person\nrole: “the closer”\n"},
        0,
        "content/actors/envoy.yml:3:7: warning: the value of 'role' is wrapped in typographic quotes (“…”), which readers see as written, doubled where pages add their own: remove them, or, if they belong to the text, put the whole value in straight quotes: role: \"“the closer”\"\n1 warning\n",
        id="typographic-quotes",
    ),
    pytest.param(
        {"actors/envoy.yml": 'name: Special envoy\nkind: person\nrole: “the closer"\n'},
        0,
        "content/actors/envoy.yml:3:7: warning: the value of 'role' opens with “ and ends with \": remove both quotes, or make them a pair\n1 warning\n",
        id="typographic-opening-straight-closing",
    ),
    pytest.param(
        {"actors/envoy.yml": 'name: Special envoy\nkind: person\nrole: "“the closer”"\n'},
        0,
        "",
        id="typographic-quotes-meant",
    ),
]


@pytest.mark.parametrize(("files", "code", "expected"), CASES)
def test_hint(write, validate, files: dict[str, str], code: int, expected: str) -> None:
    for rel, text in files.items():
        write(rel, text)
    got_code, out, err = validate()
    assert (got_code, err) == (code, expected)
    if code == 0:
        actors = 10 if any(rel.startswith("actors/") for rel in files) else 9
        events = 6 if any(rel.startswith("events/") for rel in files) else 5
        assert out == OK.format(actors=actors, events=events)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("07/14/2015", "write it as 2015-07-14"),
        ("14.07.2015", "write it as 2015-07-14"),
        ("2015/7/4", "write it as 2015-07-04"),
        ("July 14, 2015", "write it as 2015-07-14"),
        ("Jul 2015", "write it as 2015-07"),
        ("07/08/2015", "write YYYY-MM-DD: 2015-07-08 or 2015-08-07, whichever the source means"),
        ("7/7/2015", "write it as 2015-07-07"),
        ("13/13/2015", None),
        ("02/30/2015", None),
        ("next week", None),
    ],
)
def test_date_suggestion_only_when_certain(written: str, hint: str | None) -> None:
    assert suggest_date(written) == hint
