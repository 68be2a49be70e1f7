"""The scripts a built page may carry: the inline scripts the theme's templates write (as
patterns of their bodies) and the script files the site may load, each by its SHA-256, so that
a script is trusted for being one of these files byte for byte, never for being on the site.
Used by the safety net (`safety.py`). Pure: no MkDocs."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

_SCRIPT_IN_TEMPLATE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_HOLE = r"[^\"'<>\\\n]*"
"""What a `{{ ... }}` in a theme script may print: a URL or name, never a quote or a tag."""


def theme_scripts(template_dirs: Iterable[Path]) -> tuple[re.Pattern[str], ...]:
    """The inline scripts the theme's templates write, as patterns of their bodies.

    A `{{ ... }}` in a body becomes a hole for a printed value without quotes or angle
    brackets; a body with `{% ... %}` logic inside is left out (none of Material's is needed).
    """
    patterns: dict[str, re.Pattern[str]] = {}
    for folder in template_dirs:
        for template in sorted(Path(folder).rglob("*.html")):
            source = template.read_text(encoding="utf-8", errors="replace")
            for body in _SCRIPT_IN_TEMPLATE.findall(source):
                if "{%" in body or "{#" in body:
                    continue
                parts = _JINJA_EXPR.split(body)
                if not "".join(parts).strip():
                    continue  # all holes: it would allow any script without quotes
                pattern = _HOLE.join(re.escape(part) for part in parts)
                patterns.setdefault(pattern, re.compile(pattern, re.DOTALL))
    return tuple(patterns.values())


SCRIPT_SUFFIXES = (".js", ".mjs")


def known_scripts(
    template_dirs: Iterable[Path | str], extra: Mapping[str, str | Path] | None = None
) -> dict[str, frozenset[str]]:
    """The script files a page may load, by their path in the site, each with the SHA-256
    digests it may have: every `.js` and `.mjs` of the theme's folders (as each folder
    publishes it), and `extra` (the editor's code: text or the file copied). A script is
    trusted for being one of these files, byte for byte, never for being on the site."""
    known: dict[str, set[str]] = {}
    for folder in template_dirs:
        folder = Path(folder)
        for path in folder.rglob("*"):
            if path.suffix in SCRIPT_SUFFIXES and path.is_file() and not path.is_symlink():
                rel = path.relative_to(folder).as_posix()
                known.setdefault(rel, set()).add(_digest(path.read_bytes()))
    for rel, source in (extra or {}).items():
        if rel.endswith(SCRIPT_SUFFIXES):
            data = source.read_bytes() if isinstance(source, Path) else source.encode("utf-8")
            known.setdefault(rel, set()).add(_digest(data))
    return {rel: frozenset(d) for rel, d in known.items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verified_scripts(
    site_dir: Path, scripts: Mapping[str, frozenset[str]] | None
) -> frozenset[str]:
    """The paths of `scripts` whose file in the built site is one they name, byte for byte."""
    found = set()
    for rel, digests in (scripts or {}).items():
        path = site_dir / rel
        if path.is_file() and not path.is_symlink() and _digest(path.read_bytes()) in digests:
            found.add(rel)
    return frozenset(found)
