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
