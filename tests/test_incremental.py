"""The live preview's incremental render (`render/trace.py`, `render_site(cache=...)`): after
each edit, the pages it gives are exactly what a full render of the edited content gives, and
it rendered again only some of them."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from pydantic import BaseModel

from site_gen.check import get_content
from site_gen.load import FileCache
from site_gen.model import Actor, Content, Event, Explainer, Issue, Position, Source
from site_gen.render import PageCache, indexes, render_site, trace
from site_gen.render.base import Renderer
from site_gen.render.indexes import Indexes
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


KINDS = {"actors": Actor, "issues": Issue, "events": Event, "sources": Source}


def _free_text(model: type[BaseModel]) -> list[str]:
    """The model's fields of free text or yes/no, read from its JSON Schema: a string with no
    pattern, choice or format (not an id, a URL or a status), or a boolean; every such field
    a later model gains is edited too."""
    found = []
    for name, schema in model.model_json_schema()["properties"].items():
        kinds = [schema, *schema.get("anyOf", [])]
        if any(k.get("type") == "boolean" for k in kinds) or any(
            k.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(k)
            for k in kinds
        ):
            found.append(name)
    return [n for n in found if n not in ("id", "language")]


def _edited(value: object) -> object:
    return (not value) if isinstance(value, bool) else f"{value} (edited)"


def field_edits(content: Content, every: int = 1) -> Iterator[Edit]:
    """Edits of each field of free text or yes/no that is set, of the facts of every kind and
    of each issue's first position: every `every`th (fact, field) pair, turning, so that each
    field is edited on some facts. Generated from the models: a field added to them is edited
    here too."""

    def picked(i: int, j: int) -> bool:
        return (i + j) % every == 0

    for kind, model in KINDS.items():
        for i, id in enumerate(getattr(content, kind)):
            for j, name in enumerate(_free_text(model)):
                if not picked(i, j) or getattr(getattr(content, kind)[id], name) is None:
                    continue
                yield (
                    f"{kind} {id} {name}",
                    lambda c, kind=kind, id=id, name=name: _with(
                        c, kind, id, **{name: _edited(getattr(getattr(c, kind)[id], name))}
                    ),
                )
    for i, id in enumerate(content.issues):
        for j, name in enumerate(_free_text(Position)):
            if not picked(i, j) or getattr(content.issues[id].positions[0], name) is None:
                continue

            def position(c: Content, id: str = id, name: str = name) -> Content:
                first, *rest = c.issues[id].positions
                moved = first.model_copy(update={name: _edited(getattr(first, name))})
                return _with(c, "issues", id, positions=(moved, *rest))

            yield f"issue {id} position {name}", position
    for name in _free_text(Explainer):
        if getattr(content.explainer, name) is None:
            continue
        yield (
            f"explainer {name}",
            lambda c, name=name: c.model_copy(
                update={
                    "explainer": c.explainer.model_copy(
                        update={name: _edited(getattr(c.explainer, name))}
                    )
                }
            ),
        )


def edits(content: Content, every: int = 1) -> Iterator[Edit]:
    """Every field edit (`field_edits`), and the edits of structure a field edit cannot make:
    a status, dates that move an event across timeline pages, the glossary."""
    yield from field_edits(content, every)
    for id in list(content.issues)[::every]:
        yield (
            f"issue {id} status",
            lambda c, id=id: _with(
                c, "issues", id, status=NEXT_STATUS.get(c.issues[id].status, "open")
            ),
        )
    ids = list(content.events)
    for id, other in list(zip(ids, reversed(ids), strict=True))[:: min(every, 5)]:

        def swap(c: Content, id: str = id, other: str = other) -> Content:
            a, b = c.events[id], c.events[other]
            c = _with(c, "events", id, date=b.date, expected=b.expected)
            return _with(c, "events", other, date=a.date, expected=a.expected)

        yield f"events {id} and {other} swap dates", swap
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
    again, total = _check_every_edit(get_content(CURRENT), every=2)
    assert again < total  # a small explainer: most pages show most facts


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """A corpus past every split: pages of changes, sources, a timeline by year and month."""
    return get_content(write_corpus(tmp_path_factory.mktemp("synthetic") / "content", 12))


def test_every_edit_of_a_split_explainer_renders_what_a_full_render_does(
    synthetic: Content,
) -> None:
    again, total = _check_every_edit(synthetic, every=12)
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


def test_no_index_of_the_renderer_escapes_the_trace() -> None:
    """Every field of `Indexes` is wrapped once the renderer tracks, and the renderer holds no
    other container a page could read untracked."""
    r = Renderer(get_content(CURRENT))
    r.track()
    names = {f.name for f in dataclasses.fields(Indexes)}
    assert names and all(isinstance(getattr(r, n), trace._Tracked) for n in names)
    untracked = {
        n for n, v in vars(r).items() if isinstance(v, (Mapping, Sequence, set)) and n not in names
    }
    assert untracked == set()


def test_an_index_the_trace_cannot_wrap_is_refused() -> None:
    r = Renderer(get_content(CURRENT))
    values = {f.name: getattr(r, f.name) for f in dataclasses.fields(Indexes)}
    odd = Indexes(**{**values, "names": frozenset(values["names"])})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Indexes.names is neither a dict nor a list"):
        indexes.tracked(odd, trace.Recorder())


def test_the_edits_cover_every_free_text_field_of_the_models() -> None:
    every = {
        name.split()[0] + " " + name.split()[-1] for name, _ in field_edits(get_content(CURRENT), 2)
    }
    assert {"actors name", "actors role", "actors summary", "issues question"} <= every
    assert {"sources title", "events expected", "issue stance", "issue detail"} <= every
    assert {"explainer lede", "explainer title"} <= every
