"""The docs are in their place (issue 22): a short README with the two commands that points
on; the guides as pages in docs/, which build with MkDocs; the editor's guide names every key
of every kind (sqlite-utils' test_docs habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_gen import model

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
README = (ROOT / "README.md").read_text(encoding="utf-8")
EDITORS = (DOCS / "editors.md").read_text(encoding="utf-8")
SECTIONS = {
    "explainer.yml": [model.Explainer],
    "actors/&lt;id&gt;.yml": [model.Actor],
    "issues/&lt;id&gt;.yml": [model.Issue, model.Position, model.Quote],
    "events/&lt;id&gt;.yml": [model.Event, model.EventQuote],
    "sources/&lt;id&gt;.yml": [model.Source],
}
GUIDES = ["index.md", "editors.md", "site.md", "publishers.md", "developers.md", "benchmarks.md"]


def _section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |^## )", EDITORS, re.M | re.S)
    assert match, f"docs/editors.md has no section '### {title}'"
    return match.group(1)


@pytest.mark.parametrize("title", sorted(SECTIONS))
def test_the_editor_s_guide_documents_every_key(title: str) -> None:
    text = _section(title)
    for fact in SECTIONS[title]:
        missing = [name for name in fact.model_fields if name != "id" and f"`{name}`" not in text]
        assert missing == [], f"docs/editors.md section {title} lacks {missing}"


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    assert "make build" in first_block and "make test" in first_block


def test_readme_is_short_and_points_to_every_guide() -> None:
    assert len(README.splitlines()) < 120
    for guide in GUIDES:
        assert f"](docs/{guide})" in README, guide
    assert "## Benchmark" not in README  # the history is docs/benchmarks.md's
    for link in re.findall(r"\]\((docs/[^)#]*)", README):
        assert (ROOT / link).exists(), link


def test_the_guides_build_with_mkdocs(tmp_path: Path) -> None:
    """`make docs`, in this process: --strict, with every link and anchor between the
    guides checked; every guide in the navigation."""
    config = load_config(
        str(ROOT / "mkdocs.docs.yml"), site_dir=str(tmp_path / "site"), strict=True
    )
    assert [next(iter(item.values())) for item in config.nav] == GUIDES
    build(config)
    for guide in GUIDES:
        page = "index.html" if guide == "index.md" else f"{guide.removesuffix('.md')}/index.html"
        assert (tmp_path / "site" / page).is_file(), page
    assert "Pull request previews" in (tmp_path / "site" / "publishers" / "index.html").read_text(
        encoding="utf-8"
    )
