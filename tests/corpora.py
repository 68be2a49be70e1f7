"""The content folders the tests run on. The tool's tests never read the project's own
content/: a newsroom replaces it with its own explainer and the suite must stay green."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TALKS = FIXTURES / "peace-talks"
"""A copy of the first shipped explainer (Ukraine–Russia peace talks, 19 Dec 2025)."""
EDGE = FIXTURES / "edge"
"""Small, odd cases: affiliations, month-only dates, several positions per actor."""
TALKS_2025_12 = FIXTURES / "talks-2025-12"
"""The same explainer on the contract of issue 11: options and stands on them, key points, a
status history, an expected event (the content shipped since)."""
RIVER = FIXTURES / "river-talks"
"""A made-up negotiation with a lot to show, for design work: 12 sources, 23 events over two
years, five principals, positions that change, ordered and unordered options, aliases, and
glossary terms that are also an actor and an issue."""
