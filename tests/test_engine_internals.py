"""What the adapter takes from MkDocs and Material beyond their plugin API (`site_gen/engine.py`)
is still there, in the versions it was written against: an upgrade that moves one fails here,
loudly, not in an editor's preview."""

from __future__ import annotations

import importlib.metadata
import inspect

import pytest

from site_gen import engine


@pytest.mark.parametrize("package", sorted(engine.TESTED_WITH))
def test_the_engine_is_the_version_the_adapter_was_written_against(package: str) -> None:
    assert importlib.metadata.version(package) == engine.TESTED_WITH[package]


def test_the_live_reload_server_still_injects_its_script_through_the_method_wrapped() -> None:
    from mkdocs.livereload import LiveReloadServer

    method = LiveReloadServer._inject_js_into_html
    assert list(inspect.signature(method).parameters) == ["self", "content", "epoch"]


def test_material_still_merges_a_dirty_search_index_from_search_index_prev() -> None:
    from material.plugins.search import plugin

    assert "search_index_prev" in inspect.getsource(plugin)


def test_mkdocs_still_warns_of_dirty_builds_in_the_words_filtered() -> None:
    from mkdocs.commands import build

    assert engine.DIRTY_WARNING in inspect.getsource(build)
