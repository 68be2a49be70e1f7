"""The README's editor's guide names every key of every kind (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_gen import model

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
SECTIONS = {
    "explainer.yml": [model.Explainer],
    "actors/&lt;id&gt;.yml": [model.Actor],
    "issues/&lt;id&gt;.yml": [model.Issue, model.Position, model.Quote],
    "events/&lt;id&gt;.yml": [model.Event, model.EventQuote],
    "sources/&lt;id&gt;.yml": [model.Source],
}


def _section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |^## )", README, re.M | re.S)
    assert match, f"README has no section '### {title}'"
    return match.group(1)


@pytest.mark.parametrize("title", sorted(SECTIONS))
def test_readme_documents_every_key(title: str) -> None:
    text = _section(title)
    for fact in SECTIONS[title]:
        missing = [name for name in fact.model_fields if name != "id" and f"`{name}`" not in text]
        assert missing == [], f"README section {title} lacks {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make build" in first_block and "make test" in first_block
