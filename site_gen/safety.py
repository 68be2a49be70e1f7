"""The safety net after the build: no page may carry script the theme did not put there.

Escaping at every seam is the defence; this is the proof that runs on every build, so that a
future template or renderer change cannot quietly reopen a hole. Each built page is parsed
(stdlib `html.parser`, as a browser tokenizes it, not a regex over the page) and reports:

- a `<script>` that is not one of the theme's: a relative `src` to a file of the site itself,
  an inline script whose body is one the theme's templates write, or a JSON data block
  (`<script id="__config" type="application/json">`, `<script type="application/ld+json">`)
  whose body parses as JSON and cannot close the element early;
- any `on*=` event-handler attribute, and `srcdoc`;
- a `javascript:`, `vbscript:` or scriptable `data:` URL in any URL attribute or meta refresh;
- `<base>` (it would move every relative script elsewhere) and `<object>`/`<embed>`/`<applet>`.

Most pages hold none of these outside their scripts: a quick look for their markers (any
`on...=`, `script:`, `data:`, a character reference, ...) lets such a page have only its
`<script>` elements parsed; a page with a marker is parsed whole. tests/test_properties.py
checks that this finds whatever a whole parse finds.

Pure: no MkDocs import; the plugin passes the theme's template folders and the site's path.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = {
    "action",
    "archive",
    "background",
    "cite",
    "classid",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "icon",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "profile",
    "src",
    "srcset",
    "usemap",
    "xlink:href",
}
"""Attributes a browser may load or navigate to."""
FORBIDDEN_ELEMENTS = {"base", "object", "embed", "applet"}
JSON_TYPES = {"application/json", "application/ld+json"}
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT_IN_TEMPLATE = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_HOLE = r"[^\"'<>\\\n]*"
"""What a `{{ ... }}` in a theme script may print: a URL or name, never a quote or a tag."""
_DANGEROUS_URL = re.compile(
    r"^(?:javascript|vbscript|livescript):|^data:(?!image/(?:png|gif|jpeg|webp|avif)[;,])"
)
_URL_NOISE = re.compile(r"[\t\n\r]")
_HANDLER = re.compile(r"on[a-z]+")
"""An event-handler attribute's name, as browsers know them all."""


_ON = re.compile(r"[\s/\"']on[a-z]*\s*=")
"""Where an event-handler attribute could start: after a space, a `/` or a closing quote."""
_MARKERS: tuple[str, ...] = ("srcdoc", "http-equiv", "script:", "data:")
_MARKERS += ("<base", "<object", "<embed", "<applet", "<set", "<animate")
_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|nbsp|#x27|#39);)")
"""A character reference other than escaping's own could spell any marker."""


def _suspect(text: str) -> bool:
    """Whether the text holds anything but a script that `_Scanner` could report: a page
    without any of these has only its scripts parsed, a page with one is parsed whole."""
    lower = text.lower()
    # Without the tabs and newlines browsers drop inside URLs; but they do separate attributes,
    # so `_ON` looks at the text with them (`<img src=x\nonerror=...>`).
    plain = lower.replace("\t", "").replace("\n", "").replace("\r", "")
    return (
        any(marker in plain for marker in _MARKERS)
        or bool(_ON.search(lower))
        or bool(_REFERENCE.search(plain))
    )


_SCRIPT_START = re.compile(r"<script(?=[\s/>])", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
_SNIPPET = 120
EDITOR_DIR = "admin/"
"""The browser editor's folder (site_gen/cms.py): the one place the site's pages may load its
bundle, which is the editor's own code, not the theme's. Reader pages may not load it."""


@dataclass(frozen=True, order=True)
class Unsafe:
    """Markup on a built page that could run script: where, what, and the offending snippet."""

    page: str
    line: int
    what: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.what}: {self.snippet}"


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


def scan_site(
    site_dir: Path,
    allowed_scripts: tuple[re.Pattern[str], ...],
    base_path: str = "/",
    *,
    since_ns: int = 0,
) -> list[Unsafe]:
    """Every unsafe piece of markup on every HTML page under `site_dir` (written at or after
    `since_ns`, a modification time, when given), sorted.

    `base_path` is the path of `site_url` (`/explainer/`): pages MkDocs renders with absolute
    URLs (the 404 page) load the theme's scripts from under it.
    """
    found: list[Unsafe] = []
    for path in sorted(site_dir.rglob("*.html")):
        if since_ns and path.stat().st_mtime_ns < since_ns:
            continue
        page = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found += scan_page(text, page, allowed_scripts, site_dir=site_dir, base_path=base_path)
    return sorted(found)


def scan_page(
    html: str,
    page: str,
    allowed_scripts: tuple[re.Pattern[str], ...] = (),
    *,
    site_dir: Path | None = None,
    base_path: str = "/",
) -> list[Unsafe]:
    """The unsafe markup on one page (`page` is its path in the site, for messages and for
    resolving relative script addresses; with no `site_dir`, no external script is allowed)."""
    elements = []
    for m in _SCRIPT_START.finditer(html):
        end = _SCRIPT_END.search(html, m.end())
        close = html.find(">", end.end()) + 1 if end else 0
        elements.append((m.start(), close or len(html)))
    outside = "".join(
        html[a:b]
        for a, b in zip(
            [0] + [e for _, e in elements], [s for s, _ in elements] + [len(html)], strict=True
        )
    )
    if _suspect(outside):
        return _scan(html, page, allowed_scripts, site_dir, base_path)
    # Nothing but scripts can be unsafe here: parse each `<script>` element alone, from its
    # start tag to its end tag, as the whole page's parse would see it.
    found = []
    for a, b in elements:
        line = html.count("\n", 0, a)
        for unsafe in _scan(html[a:b], page, allowed_scripts, site_dir, base_path):
            found.append(Unsafe(unsafe.page, unsafe.line + line, unsafe.what, unsafe.snippet))
    return found


def _scan(
    html: str,
    page: str,
    allowed_scripts: tuple[re.Pattern[str], ...],
    site_dir: Path | None,
    base_path: str,
) -> list[Unsafe]:
    scanner = _Scanner(page, allowed_scripts, site_dir, base_path)
    scanner.feed(html)
    scanner.close()
    scanner.end_of_page()
    return scanner.found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def is_dangerous_url(value: str) -> bool:
    """Whether a browser would run `value` as script (or as a page of its own) when loaded.

    Browsers drop tabs and newlines anywhere in a URL and spaces or controls around it, and
    read the scheme in any case; the value has its character references decoded already.
    """
    url = (
        _URL_NOISE.sub("", value)
        .strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e"
            "\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
            "\x1b\x1c\x1d\x1e\x1f "
        )
        .lower()
    )
    return bool(_DANGEROUS_URL.match(url))


class _Scanner(HTMLParser):
    def __init__(
        self,
        page: str,
        allowed: tuple[re.Pattern[str], ...],
        site_dir: Path | None,
        base_path: str,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.allowed, self.site_dir = page, allowed, site_dir
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.found: list[Unsafe] = []
        self.script: tuple[int, str, dict[str, str]] | None = None
        self.body: list[str] = []

    def _report(self, line: int, what: str, snippet: str) -> None:
        self.found.append(Unsafe(self.page, line, what, _short(snippet)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, snippet = self.getpos()[0], self.get_starttag_text() or f"<{tag}>"
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if _HANDLER.fullmatch(name) and (name, None) not in attrs:  # with a value: code
                self._report(line, f"event-handler attribute '{name}'", snippet)
            elif name == "srcdoc":
                self._report(line, "'srcdoc' attribute (a page of HTML in an attribute)", snippet)
            elif name in URL_ATTRIBUTES and any(
                is_dangerous_url(url) for url in _urls(name, value)
            ):
                self._report(line, f"script URL in '{name}'", snippet)
        if tag in ("set", "animate") and any(
            is_dangerous_url(v)
            for k in ("to", "from", "values")
            for v in values.get(k, "").split(";")
        ):
            self._report(line, f"script URL animated into <{tag}>", snippet)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("=")[2].strip(" '\"")
            if is_dangerous_url(target):
                self._report(line, "script URL in a meta refresh", snippet)
        if tag in FORBIDDEN_ELEMENTS:
            self._report(line, f"<{tag}> element", snippet)
        if tag == "script":
            self.script, self.body = (line, snippet, values), []

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self._check_script(*self.script, "".join(self.body))
            self.script = None

    def end_of_page(self) -> None:
        if self.script is not None:  # a script left open runs to the end of the page
            line, snippet, _ = self.script
            self._report(line, "<script> left open to the end of the page", snippet)
            self.script = None

    def _check_script(self, line: int, snippet: str, attrs: dict[str, str], body: str) -> None:
        kind = attrs.get("type", "").strip().lower()
        src = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
        shown = snippet + _short(body)[:60]
        if kind in JSON_TYPES:
            if (
                src is None
                and _json_block(body)
                and (kind == "application/ld+json" or attrs.get("id") == "__config")
            ):
                return
            self._report(
                line, f'<script type="{kind}"> that is not a JSON block of the theme', shown
            )
        elif kind not in JS_TYPES:
            self._report(line, f"<script> of type '{kind}' the theme does not write", shown)
        elif src is not None:
            if body.strip() or not self._own_file(src):
                self._report(line, "<script> loading a file that is not the site's own", shown)
            elif self._editor_file(src) and not self.page.startswith(EDITOR_DIR):
                self._report(
                    line, f"<script> loading the editor's code outside /{EDITOR_DIR}", shown
                )
        elif not any(p.fullmatch(body) for p in self.allowed):
            self._report(line, "<script> the theme did not put there", shown)

    def _editor_file(self, src: str) -> bool:
        """Whether `src` (an own file) is in the editor's folder."""
        return (self._site_path(src) or "").startswith(EDITOR_DIR)

    def _own_file(self, src: str) -> bool:
        """A relative (or base-path) address of a file that exists in the built site."""
        rel = self._site_path(src)
        return rel is not None and self.site_dir is not None and (self.site_dir / rel).is_file()

    def _site_path(self, src: str) -> str | None:
        """The path in the site that a relative (or base-path) address names, if any."""
        if self.site_dir is None or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//|^\\", src.strip()):
            return None
        path = src.split("#", 1)[0].split("?", 1)[0]
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return None
            rel = path[len(self.base_path) :]
        else:
            rel = posixpath.join(posixpath.dirname(self.page), path)
        rel = posixpath.normpath(rel)
        if rel.startswith("../") or rel in ("..", ".") or rel.startswith("/"):
            return None
        return rel


def _urls(name: str, value: str) -> Iterator[str]:
    if name == "srcset":
        for candidate in value.split(","):
            yield candidate.strip().split(" ", 1)[0]
    elif name in ("archive", "ping"):
        yield from value.split()
    else:
        yield value


def _json_block(body: str) -> bool:
    """A data block that parses as JSON and holds nothing that ends or escapes the element."""
    lowered = body.lower()
    if "</" in lowered or "<!--" in lowered or "<script" in lowered:
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True
