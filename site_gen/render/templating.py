"""The HTML blocks of the generated pages come from small Jinja2 templates, autoescaped.

Each block (a quote, a position row, a timeline entry...) is one file in
`site_gen/render/templates/`. A site overrides any of them by putting a file of the same name
in its own folder (the plugin passes the theme's `explainer/` folder), the way Material's
`custom_dir` overrides its partials. Escaping is the template engine's job: values from YAML
go into templates as they are; HTML built elsewhere (rendered Markdown, other blocks) is
passed as `Markup`. Pure: no MkDocs.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"

_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def environment(override: Path | None = None) -> Environment:
    """The template environment: `override` (a site's folder) first, then the package's. A
    new one when a template in `override` changed (the live preview picks up the edit)."""
    stamp: tuple[tuple[str, int], ...] = ()
    if override is not None and override.is_dir():
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in override.glob("*.html")))
    return _environment(override, stamp)


@functools.cache
def _environment(override: Path | None, stamp: tuple[tuple[str, int], ...]) -> Environment:
    loaders = [FileSystemLoader(str(override))] if override else []
    loaders.append(FileSystemLoader(str(PACKAGE_TEMPLATES)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_escape,
        # A changed override makes a new environment (`environment`'s stamp): no need to
        # look at each template file's time again on every block.
        auto_reload=False,
    )


def _escape(value: object) -> object:
    """Text escaped as `esc` does it everywhere else (`&quot;`, `&#x27;`), so a page reads the
    same whether a block comes from a template or not; markup passes as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value, quote=True))
    return value


def block(env: Environment, name: str, /, **context: object) -> Markup:
    """The block `name` (e.g. `quote.html`) rendered with `context`, without blank lines: a
    blank line would end the HTML block in Markdown."""
    html = env.get_template(name).render(**context).strip()
    return Markup(_BLANK_LINES.sub("", html))


def table(
    env: Environment,
    label: str,
    cls: str,
    head: Sequence[str],
    rows: Sequence[str],
    *,
    searched: bool = True,
) -> str:
    """`table.html`: a table with column headers (HTML) and rows (HTML), in a region that
    scrolls on its own if it must, and a line break after it."""
    context = {"label": label, "cls": cls, "searched": searched}
    heads = [Markup(h) for h in head]
    return block(env, "table.html", head=heads, rows=[Markup(r) for r in rows], **context) + "\n"
