"""Commented starting files for `site-gen new`, one per kind."""

from __future__ import annotations

TEMPLATES = {
    "actor": """\
# An actor: a person, state, organization or group. The file name is its id.
name: ""               # the name readers see, e.g. Jane Doe
kind: person           # person | state | organization | group
# role: Foreign minister       # office or role
# affiliation: some-state      # the actor id this one belongs to or speaks for
# summary: >-
#   Who this is, in a few lines of Markdown. Link other facts with [[id]].
# aliases: [another name]
""",
    "issue": """\
# An issue: one question of the negotiation, and who wants what. The file name is its id.
title: ""              # a short title
question: ""           # the issue as one question, on one line
status: open           # open | narrowing | agreed | deadlocked
# status_history:      # earlier statuses; the newest entry is the current status
#   - status: open
#     since: ""        # YYYY-MM-DD, YYYY-MM or YYYY
#     reason: ""       # why, in one line
#     sources: []
summary: >-
  The issue in a few lines of Markdown. Link other facts with [[id]].
# options:             # the outcomes on the table, only those the sources name
#   - id: an-option
#     label: ""        # a few words, at most 80 characters
# options_ordered: true          # when the options form a scale, from one end to the other
positions:
  - actor: ""          # an actor id
    stance: ""         # a short label, at most 120 characters
    # detail: >-
    #   The position in full, in Markdown.
    # flexibility: unclear       # red-line | firm | open | unclear
    as_of: ""          # the date the sources attest it: YYYY-MM-DD, YYYY-MM or YYYY
    sources: []        # source ids, at least one
    # supports: []     # option ids the sources say the actor supports
    # rejects: []      # option ids the sources say the actor rejects
    # quotes:
    #   - text: "the exact words, character for character"
    #     source: a-source-id    # by: defaults to the position's actor; date: optional
# related: []          # related issue ids
""",
    "event": """\
# An event: something that happened on a date. The file name is its id.
date: ""               # YYYY-MM-DD, YYYY-MM or YYYY: write only the precision you know
title: ""              # what happened, in one line
# summary: >-
#   What happened, in a few lines of Markdown.
# actors: []           # actor ids that took part
# issues: []           # issue ids it bears on
sources: []            # source ids, at least one
# expected: true       # announced, not yet happened as of the explainer's as_of
# quotes:
#   - text: "the exact words"
#     by: an-actor-id
#     source: a-source-id
""",
    "source": """\
# A source: a report, document or statement that facts cite. The file name is its id.
title: ""              # the title, or a plain description of the source
# publisher: ""
# url: https://...     # http or https only
# published: ""        # YYYY-MM-DD, YYYY-MM or YYYY
""",
}


def starter(as_of: str, *, empty: bool = False) -> dict[str, str]:
    """The files `site-gen init` writes, by path under the content folder: explainer.yml, a
    glossary and one small example of each kind that link to each other and pass `validate
    --strict` as written (with `empty`, explainer.yml and the glossary only). Only the
    explainer is dated `as_of` (it is current to the day it starts); the examples take their
    dates from their source, dated to the month, as a source often is."""
    month = as_of[:7]
    explainer = f"""\
# The explainer: what it is about. The title names the site; the principals are the columns
# of the position matrix. Replace every value; keep the keys.
title: "Name of the negotiation"
description: Who wants what in the negotiation, since when, on what evidence.
language: en           # the language of the content: en, fr, de, pt-BR...
# The lede is Markdown: link an actor, issue or event by its id in double brackets.
lede: >-
  One or two paragraphs: what is being negotiated, between whom, what is at stake{
        ", as in [[example-issue]]" if not empty else ""
    }.
as_of: "{as_of}"        # the date the explainer is current to: YYYY-MM-DD
principals: [{"" if empty else "example-state"}]     # actor ids, in the order of the matrix columns
# stale_after_days: 180   # a current position older than this is a warning
# concluded: true         # once the negotiation is over: old positions are final, not stale
# block_on_warnings: true # make warnings fail the build, as errors do
"""
    glossary = """\
# Terms readers may not know: term -> one-line definition.
Example term: "A one-line definition of the term, in plain words."
"""
    files = {"explainer.yml": explainer, "glossary.yml": glossary}
    if empty:
        return files
    files |= {
        "actors/example-state.yml": """\
name: Example State
kind: state
summary: A party to the negotiation. Replace this file with a real actor.
""",
        "actors/example-leader.yml": """\
name: Example Leader
kind: person
role: Head of government
affiliation: example-state   # speaks for example-state: counts in its column of the matrix
""",
        "issues/example-issue.yml": f"""\
title: Example issue
question: "What is one question the negotiation must settle?"
status: open           # open | narrowing | agreed | deadlocked
summary: The issue in a few lines. [[example-state]] has taken a position.
positions:
  - actor: example-leader
    stance: Wants the question settled first
    flexibility: firm  # red-line | firm | open | unclear
    as_of: "{month}"     # when the source dates it: here the example source's own date
    sources: [example-source]
""",
        "events/example-event.yml": f"""\
date: "{month}"        # as the source dates it, and no more precisely: here a month
title: Talks take place (an example event)
actors: [example-leader]
issues: [example-issue]
sources: [example-source]
""",
        "sources/example-source.yml": f"""\
title: Example report on the talks
publisher: Example News
url: https://example.org/report
published: "{month}"   # the date the source gives; the example position and event take theirs
""",
    }
    return files
