"""The requirements files are whole pins: scripts/install.sh installs them with --no-deps, so
every package a pinned one requires must be pinned too, at a version it accepts, or the lean
environment breaks on the first import. The one package left out on purpose is Babel."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.sites import ROOT

# (who requires it, what): left out of the pins on purpose, with the reason.
LEFT_OUT = {
    # Material imports Babel only in its blog plugin, which an explainer does not use: 36 MB.
    ("mkdocs-material", "babel"),
}


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", text, flags=re.M)
    return {canonicalize_name(n): v for n, v in found}


def unmet(pinned: dict[str, str], requirers: dict[str, str], extras: tuple[str, ...]) -> list:
    problems = []
    for name in sorted(requirers):
        for line in metadata.requires(name) or ():
            req = Requirement(line)
            if req.marker and not any(
                req.marker.evaluate({**default_environment(), "extra": e}) for e in extras
            ):
                continue
            needed = canonicalize_name(req.name)
            if (name, needed) in LEFT_OUT:
                continue
            if needed not in pinned:
                problems.append(f"{name} requires {req}, which is not pinned")
            elif not req.specifier.contains(pinned[needed], prereleases=True):
                problems.append(f"{name} requires {req}, pinned {pinned[needed]}")
    return problems


def test_the_runtime_pins_hold_all_that_the_site_and_its_pins_require() -> None:
    runtime = pins("runtime.txt")
    site = {"site-gen": "0.1.0"}  # pyproject.toml's dependencies and its `site` extra
    assert unmet(runtime, {**runtime, **site}, ("", "site")) == []
    assert "babel" not in runtime


def test_the_developer_pins_hold_all_that_they_require() -> None:
    runtime, dev = pins("runtime.txt"), pins("dev.txt")
    assert not set(runtime) & set(dev)
    assert unmet({**runtime, **dev}, dev, ("",)) == []


def test_the_installed_versions_are_the_pinned_ones() -> None:
    """What this check reads is the installed packages' metadata: it must be the pinned one."""
    for name, version in {**pins("runtime.txt"), **pins("dev.txt")}.items():
        assert metadata.version(name) == version, name


def test_a_requirement_left_unpinned_is_named() -> None:
    runtime = pins("runtime.txt")
    del runtime["mergedeep"]
    assert unmet(runtime, {"mkdocs": runtime["mkdocs"]}, ("",)) == [
        "mkdocs requires mergedeep>=1.3.4, which is not pinned"
    ]
