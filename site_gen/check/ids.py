"""Ids the pages take for their own anchors, which no fact may take."""

from __future__ import annotations

import re
from collections.abc import Iterator

from site_gen.errors import Problem, display_path
from site_gen.load import Loaded

RESERVED_IDS = frozenset(
    [
        "actors",
        "change",
        "changes",
        "cite",
        "events",
        "events-csv",
        "explainer-json",
        "files",
        "glossary",
        "issue",
        "issues",
        "json-actors",
        "json-events",
        "json-explainer",
        "json-issues",
        "json-positions",
        "json-quotes",
        "json-sources",
        "json-top",
        "latest-changes",
        "latest-events",
        "open-data",
        "person",
        "position",
        "positions",
        "positions-csv",
        "principals",
        "quotes",
        "related",
        "sources",
        "state",
        "term",
        "timeline",
        "timeline-json",
        "what-changed",
    ]
)
"""Anchors the pages make for their own sections, which an actor, issue or event id (an anchor
too, on the timeline and elsewhere) must not repeat."""
RESERVED_EVENT_IDS = re.compile(
    r"(?:cite|month|year|position|history|term|change|source|issue)-[a-z0-9-]+"
)
"""Anchors the pages number or name after other facts (`cite-1`, `month-2025-12`,
`position-<actor>`), which an event id, shown beside them, must not take."""


def reserved_ids(loaded: Loaded) -> Iterator[Problem]:
    """A problem for each actor, issue or event id that is an anchor the pages make."""
    for kind in ("actor", "issue", "event"):
        for id in sorted(loaded.ids[kind]):
            if id in RESERVED_IDS or (kind == "event" and RESERVED_EVENT_IDS.fullmatch(id)):
                path = loaded.root / f"{kind}s" / f"{id}.yml"
                message = (
                    f"id '{id}' is an anchor the pages make for themselves (a section, a "
                    f"citation, a month); rename the file, e.g. to '{kind}-{id}.yml'"
                )
                yield Problem(display_path(path), 1, 1, message)
