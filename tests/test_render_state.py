"""The renderer keeps no state in its modules: what it memoizes belongs to the renderer of one
build (or to the live preview's `PageCache`), so a second build in the same process, of other
content, starts from nothing the first one left."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import site_gen.render
from site_gen.check import get_content
from site_gen.render import PageCache, render_site
from site_gen.render.base import Renderer
from tests.corpora import EDGE, TALKS


def _render_modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.iter_modules(site_gen.render.__path__, "site_gen.render.")]
    return [site_gen.render, *(importlib.import_module(n) for n in names)]


def _module_data() -> dict[str, object]:
    """Every container a render module holds at its top level (its tables of words and
    patterns, and any cache one would keep there), copied."""
    found = {}
    for module in _render_modules():
        for name, value in vars(module).items():
            if isinstance(value, (dict, list, set)) and not name.startswith("__"):
                found[f"{module.__name__}.{name}"] = copy.deepcopy(value)
    return found


def test_two_builds_in_one_process_share_no_module_state() -> None:
    first, second = get_content(TALKS), get_content(EDGE)
    before = _module_data()
    alone = render_site(second).pages
    render_site(first)
    render_site(first, cache=PageCache())
    assert _module_data() == before  # nothing was cached at a module's top level
    assert render_site(second).pages == alone


def test_each_renderer_starts_with_an_empty_memo_the_preview_s_cache_keeps_one() -> None:
    content = get_content(EDGE)  # Markdown fields beyond one plain line: converted in full
    used = Renderer(content)
    for make in site_gen.render.site.page_plan(used, home=True).values():
        make()
    assert used.memo.source_items and used.memo.markdown
    fresh = Renderer(get_content(TALKS))
    assert not fresh.memo.source_items and not fresh.memo.markdown
    cache = PageCache()
    render_site(content, cache=cache)
    assert cache.memo.markdown  # kept across the preview's saves, by the cache that owns it


def test_no_render_module_declares_a_global() -> None:
    for module in _render_modules():
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert not re.search(r"^\s*global\s", source, re.MULTILINE), module.__name__
