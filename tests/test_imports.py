"""The package's layers, read from its imports: data flows one way (load -> check -> facts ->
render), the renderer reads neither files nor checks, nothing but the adapters imports an
engine, and no two modules import each other, even by way of others."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "site_gen"
ADAPTERS = {
    "site_gen.plugin",
    "site_gen.cli",
    "site_gen.engine",
    "site_gen.serving",
    "site_gen.settings",
}
"""The MkDocs adapter (the plugin, its engine helpers and preview parts) and the command line."""
ENGINES = {"mkdocs", "properdocs", "material"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(name: str, path: Path) -> set[str]:
    """What the module imports (at its top or inside functions, not for type checking only),
    as module names; `from package import module` names the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(n) for block in ast.walk(tree) if _type_checking_only(block) for n in ast.walk(block)
    }
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_renderer_imports_neither_the_loader_nor_the_checks() -> None:
    reaching = {
        (name, imported)
        for name, imports in GRAPH.items()
        if name.startswith("site_gen.render")
        for imported in imports
        if imported.startswith(("site_gen.load", "site_gen.check", "site_gen.cli"))
    }
    assert reaching == set()


def test_only_the_adapters_import_an_engine() -> None:
    engines = {
        (name, imported)
        for name, imports in GRAPH.items()
        if name not in ADAPTERS
        for imported in imports
        if imported.split(".")[0] in ENGINES
    }
    assert engines == set()


def test_no_module_imports_itself_by_way_of_others() -> None:
    """No circle in the graph of site_gen's modules (a package's `__init__` gathering its
    modules is not one: its modules import each other, not the package)."""
    edges = {
        name: {i for i in imports if i in GRAPH and i != name and not _init_of(i, name)}
        for name, imports in GRAPH.items()
    }
    circles = []
    for start in edges:
        stack, seen = [(start, (start,))], set()
        while stack:
            node, path = stack.pop()
            for nxt in edges[node]:
                if nxt == start:
                    circles.append(" -> ".join((*path, nxt)))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, (*path, nxt)))
    assert circles == []


def _init_of(package: str, module: str) -> bool:
    return MODULES[package].name == "__init__.py" and module.startswith(package + ".")


MAX_LINES = 400
"""A module past this has grown past its seams: split it along them."""
OVER_THE_LIMIT_FOR_NOW: dict[str, int] = {}
"""Modules still over `MAX_LINES`, with their length when this list was made: being split now
by others. This list may only shrink, and each length only fall: a module leaves the list once
it is split, and no module joins it."""


def test_no_module_is_over_400_lines_and_the_list_of_exceptions_only_shrinks() -> None:
    root = PACKAGE.parent
    lengths = {
        path.relative_to(root).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in MODULES.values()
    }
    over = {name: n for name, n in lengths.items() if n > MAX_LINES}
    grown = {
        name: (n, OVER_THE_LIMIT_FOR_NOW.get(name))
        for name, n in over.items()
        if n > OVER_THE_LIMIT_FOR_NOW.get(name, MAX_LINES)
    }
    assert grown == {}, "split these modules along their seams"
    shrunk = sorted(OVER_THE_LIMIT_FOR_NOW.keys() - over.keys())
    assert shrunk == [], "now within the limit: take these off OVER_THE_LIMIT_FOR_NOW"
