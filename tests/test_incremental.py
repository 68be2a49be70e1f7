"""The live preview's incremental render (`render/trace.py`, `render_site(cache=...)`): after
each edit, the pages it gives are exactly what a full render of the edited content gives, and
it rendered again only some of them."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_gen.check import get_content
from site_gen.load import FileCache
from site_gen.model import Content
from site_gen.render import PageCache, render_site
from tests.corpora import FIXTURES
from tests.synthetic import write_corpus

CURRENT = FIXTURES / "talks-2025-12"

Edit = tuple[str, Callable[[Content], Content]]
NEXT_STATUS = {"open": "narrowing", "narrowing": "agreed", "agreed": "deadlocked"}


def _with(content: Content, kind: str, id: str, **update: object) -> Content:
    """`content` with one fact of `kind` ("actors", "issues"...) changed by `update`."""
    facts = getattr(content, kind)
    changed = facts[id].model_copy(update=update)
    return content.model_copy(update={kind: {**facts, id: changed}})


def edits(content: Content, every: int = 1) -> Iterator[Edit]:
    """One edit of each field readers see, for every fact (every `every`th event and source):
    names, titles, a stance, a status, dates that move an event across timeline pages,
    sources, the explainer and the glossary."""
    for id in content.actors:
        yield (
            f"actor {id} name",
            lambda c, id=id: _with(c, "actors", id, name=f"{c.actors[id].name} Jr"),
        )
    for id in content.issues:

        def stance(c: Content, id: str = id) -> Content:
            first, *rest = c.issues[id].positions
            moved = first.model_copy(update={"stance": first.stance + ", now firmer"})
            return _with(c, "issues", id, positions=(moved, *rest))

        yield f"issue {id} stance", stance
        yield (
            f"issue {id} title",
            lambda c, id=id: _with(c, "issues", id, title=f"{c.issues[id].title}?"),
        )
        yield (
            f"issue {id} status",
            lambda c, id=id: _with(
                c, "issues", id, status=NEXT_STATUS.get(c.issues[id].status, "open")
            ),
        )
    ids = list(content.events)
    for id, other in list(zip(ids, reversed(ids), strict=True))[::every]:

        def swap(c: Content, id: str = id, other: str = other) -> Content:
            a, b = c.events[id], c.events[other]
            c = _with(c, "events", id, date=b.date, expected=b.expected)
            return _with(c, "events", other, date=a.date, expected=a.expected)

        yield (
            f"event {id} title",
            lambda c, id=id: _with(c, "events", id, title=f"{c.events[id].title}!"),
        )
        yield f"events {id} and {other} swap dates", swap
    for id in list(content.sources)[::every]:
        yield (
            f"source {id} publisher",
            lambda c, id=id: _with(c, "sources", id, publisher=f"{c.sources[id].publisher} Ltd"),
        )
    yield (
        "explainer title",
        lambda c: c.model_copy(
            update={"explainer": c.explainer.model_copy(update={"title": c.explainer.title + "!"})}
        ),
    )
    yield (
        "a glossary term",
        lambda c: c.model_copy(update={"glossary": {**c.glossary, "talks": "Meetings."}}),
    )


def _check_every_edit(content: Content, every: int = 1) -> tuple[int, int]:
    """Apply every edit in turn; after each, the incremental render must equal a full one.
    Returns how many pages were rendered again in all, and how many there were."""
    cache = PageCache()
    first = render_site(content, cache=cache, data_files=False)
    assert first.pages == render_site(content, data_files=False).pages
    again = total = 0
    for name, edit in edits(content, every):
        content = edit(content)
        got = render_site(content, cache=cache, data_files=False)
        full = render_site(content, data_files=False)
        stale = [p for p in full.pages if got.pages.get(p) != full.pages[p]]
        assert (stale, list(got.pages)) == ([], list(full.pages)), name
        assert got.nav == full.nav, name
        again += len(cache.rendered)
        total += len(full.pages)
    return again, total


def test_every_edit_of_the_fixture_renders_what_a_full_render_does() -> None:
    again, total = _check_every_edit(get_content(CURRENT))
    assert again < total  # a small explainer: most pages show most facts


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """A corpus past every split: pages of changes, sources, a timeline by year and month."""
    return get_content(write_corpus(tmp_path_factory.mktemp("synthetic") / "content", 12))


def test_every_edit_of_a_split_explainer_renders_what_a_full_render_does(
    synthetic: Content,
) -> None:
    again, total = _check_every_edit(synthetic, every=5)
    assert again < total / 2


def test_a_stance_renders_again_the_pages_that_show_it_and_no_other(synthetic: Content) -> None:
    cache = PageCache()
    render_site(synthetic, cache=cache, data_files=False)
    issue = synthetic.issues["issue-3"]
    first, *rest = issue.positions
    moved = first.model_copy(update={"stance": "A new stance"})
    render_site(
        _with(synthetic, "issues", "issue-3", positions=(moved, *rest)),
        cache=cache,
        data_files=False,
    )
    assert "issues/issue-3.md" in cache.rendered
    assert f"actors/{first.actor}.md" in cache.rendered
    assert not [p for p in cache.rendered if p.startswith("timeline")]
    assert "issues/issue-5.md" not in cache.rendered


def test_files_added_and_deleted_between_renders(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(CURRENT, root)
    files: FileCache = {}
    cache = PageCache()
    render_site(get_content(root, files), cache=cache, data_files=False)
    actor = root / "actors" / "new-envoy.yml"
    actor.write_text("name: A new envoy\nkind: person\n", encoding="utf-8")
    added = render_site(get_content(root, files), cache=cache, data_files=False)
    assert added.pages == render_site(get_content(root), data_files=False).pages
    assert "actors/new-envoy.md" in cache.rendered
    actor.unlink()
    removed = render_site(get_content(root, files), cache=cache, data_files=False)
    assert removed.pages == render_site(get_content(root), data_files=False).pages
    assert "actors/new-envoy.md" not in removed.pages


def test_an_edited_template_override_renders_the_pages_again(tmp_path: Path) -> None:
    content = get_content(CURRENT)
    override = tmp_path / "explainer"
    override.mkdir()
    summary = override / "summary.html"
    summary.write_text('<div class="first">{{ summary }}</div>\n', encoding="utf-8")
    cache = PageCache()
    before = render_site(content, templates=override, cache=cache, data_files=False)
    assert '<div class="first">' in before.pages["issues/donbas.md"]
    summary.write_text('<div class="second">{{ summary }}</div>\n', encoding="utf-8")
    os.utime(summary, ns=(time.time_ns() + 10**9,) * 2)  # a clock coarser than the edit
    after = render_site(content, templates=override, cache=cache, data_files=False)
    assert '<div class="second">' in after.pages["issues/donbas.md"]
    assert after.pages == render_site(content, templates=override, data_files=False).pages
