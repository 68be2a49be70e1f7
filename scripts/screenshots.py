"""Screenshots of every page kind at 1280 and 390 px, light and dark, for design review.

    .venv/bin/python scripts/screenshots.py [CONTENT ...] [--out build/screenshots] [--full]

Each content folder (default: content/ and tests/fixtures/river-talks/) is built with
`mkdocs build --strict` into build/screenshots/<name>/site, served over HTTP, and each page
kind is shot in Chromium (/usr/bin/chromium, or $CHROMIUM) as
build/screenshots/<name>/<page>-<width>-<scheme>.png: the first screen, or the whole page
with --full. The search results page is the home page with a search typed (an actor's alias
when the explainer has one). Nothing here is committed; look at the PNGs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sites import (  # noqa: E402
    CHROMIUM,
    DESKTOP,
    PHONE,
    PREFIX,
    build_in_process,
    project_copy,
    serving,
)

DEFAULT = [ROOT / "content", ROOT / "tests" / "fixtures" / "river-talks"]
SCHEMES = {"light": "default", "dark": "slate"}


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind: name -> path under the site (of the issues and actors, the
    one with the most to show: the largest page)."""
    first = {
        kind: sorted(
            (p.parent.name for p in (site / kind).glob("*/index.html")),
            key=lambda name, kind=kind: -(site / kind / name / "index.html").stat().st_size,
        )
        for kind in ("issues", "actors")
    }
    kinds = {
        "home": "",
        "issues": "issues/",
        "issue": f"issues/{first['issues'][0]}/" if first["issues"] else "",
        "actors": "actors/",
        "actor": f"actors/{first['actors'][0]}/" if first["actors"] else "",
        "timeline": "timeline/",
        "changes": "changes/",
        "sources": "sources/",
        "glossary": "glossary/",
    }
    return {name: path for name, path in kinds.items() if (site / path / "index.html").is_file()}


def search_word(content: Path) -> str:
    """An actor's alias, when one is given (the snippet test's case), else the first name."""
    import yaml

    for file in sorted((content / "actors").glob("*.yml")):
        actor = yaml.safe_load(file.read_text(encoding="utf-8"))
        if actor.get("aliases"):
            return str(actor["aliases"][0]).removeprefix("the ")
    return "talks"


def shoot(content: Path, out: Path, full: bool) -> list[Path]:
    from playwright.sync_api import sync_playwright

    project = out / content.name / "project"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    project_copy(project, content)
    root = out / content.name / "served"
    shutil.rmtree(root, ignore_errors=True)
    shots: list[Path] = []
    with serving(root) as origin, sync_playwright() as p:
        site_dir = root / PREFIX.strip("/")
        result = build_in_process(project, "-d", str(site_dir))
        if result.returncode:
            raise SystemExit(result.stderr)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        word = search_word(content)
        for scheme, palette in SCHEMES.items():
            for width in (DESKTOP, PHONE):
                context = browser.new_context(
                    viewport={"width": width, "height": 900 if width == DESKTOP else 844},
                    color_scheme=scheme,  # type: ignore[arg-type]
                    reduced_motion="reduce",
                )
                page = context.new_page()
                for name, path in page_kinds(site_dir).items():
                    page.goto(origin + PREFIX + path)
                    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{palette}'")
                    shots.append(out / content.name / f"{name}-{width}-{scheme}.png")
                    page.screenshot(path=shots[-1], full_page=full)
                page.goto(origin + PREFIX)
                if width == PHONE:
                    page.locator("label.md-header__button[for=__search]").click()
                page.locator(".md-search__input").fill(word)
                page.locator(".md-search__input").press("End")
                page.locator(".md-search-result__item").first.wait_for()
                shots.append(out / content.name / f"search-{width}-{scheme}.png")
                page.screenshot(path=shots[-1], full_page=False)
                context.close()
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("content", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--full", action="store_true", help="the whole page, not its first screen")
    args = parser.parse_args()
    for content in args.content:
        for shot in shoot(content.resolve(), args.out.resolve(), args.full):
            print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)


if __name__ == "__main__":
    main()
