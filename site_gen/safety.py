"""The safety net after the build: no page may carry script the theme did not put there, nor
load anything from a host of its own choosing.

Escaping at every seam is the defence; this is the proof that runs on every build, so that a
future template, renderer or hand-written page cannot quietly reopen a hole. Each built page
is parsed whole by lexbor (through selectolax), which implements the WHATWG tokenizer and tree
builder, with scripting on: raw text (`<xmp>`, `<noscript>`, `<iframe>`, `<noembed>`,
`<noframes>`), RCDATA (`<textarea>`, `<title>`), foreign content (`<svg>`, `<math>`) and CDATA
are read as a browser that runs scripts reads them, so markup that one parser would see as text
and the browser as a tag cannot pass. The tree, not the text, is checked for:

- a `<script>` that is not one of the theme's: a relative `src` to a file of the site itself,
  an inline script whose body is one the theme's templates write, or a JSON data block
  (`<script id="__config" type="application/json">`, `<script type="application/ld+json">`)
  whose body parses as JSON and cannot close the element early;
- any `on*=` event-handler attribute, and `srcdoc`;
- a `javascript:`, `vbscript:` or scriptable `data:` URL in any URL attribute or meta refresh;
- `<base>` (it would move every relative script elsewhere), `<object>`, `<embed>`, `<applet>`,
  `<frame>`, `<frameset>`;
- anything the page would load from, or send a form to, another host (an image, a frame, a
  style sheet, a media file, a meta refresh), unless that host is allowed (`allow_hosts`).

A line and a snippet locate each finding: lexbor gives no source positions, so the n-th element
of a tag is looked up as the n-th `<tag` in the page's text (a best effort, exact for pages a
parser and a reader both read as written).

The script allowlist is `scripts.py`, the URL rules `urls.py`, the tree helpers `html_tree.py`; the stricter check of the HTML
a hand-written page's Markdown produced is `handwritten.check_hand_written`.

Pure: no MkDocs import; the plugin passes the theme's template folders and the site's path.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from site_gen.errors import printable
from site_gen.html_tree import json_block, ordinal, short, start_tag, walk
from site_gen.scripts import known_scripts as known_scripts
from site_gen.scripts import theme_scripts as theme_scripts
from site_gen.scripts import verified_scripts
from site_gen.urls import LOADING_HREF, LOADING_LINKS, LOADS, SCHEME, clean_url, css_urls, urls_of
from site_gen.urls import URL_ATTRIBUTES as URL_ATTRIBUTES
from site_gen.urls import is_dangerous_url as is_dangerous_url
from site_gen.urls import other_host as other_host

FORBIDDEN_ELEMENTS = {"base", "object", "embed", "applet", "frame", "frameset"}
JSON_TYPES = {"application/json", "application/ld+json"}
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

_SPECIAL = FORBIDDEN_ELEMENTS | {"script", "meta", "set", "animate", "link", "style"} | LOADING_HREF
_ALWAYS = (set(LOADS) - {"href", "xlink:href"}) | {"srcdoc"}
"""Attributes checked whatever their value (for the host they load from); the other URL
attributes can hold a script URL only with a colon in it."""
_HANDLER = re.compile(r"on[a-z]+")
"""An event-handler attribute's name, as browsers know them all."""
_SCRIPT_END = re.compile(r"</script", re.IGNORECASE)
EDITOR_DIR = "admin/"
"""The browser editor's folder (site_gen/cms.py): the one place the site's pages may load its
bundle, which is the editor's own code, not the theme's. Reader pages may not load it."""


@dataclass(frozen=True, order=True)
class Unsafe:
    """Markup on a built page that could run script or call another host: where, what, and the
    offending snippet."""

    page: str
    line: int
    what: str
    snippet: str

    def __str__(self) -> str:
        return printable(f"{self.page}:{self.line}: {self.what}: {self.snippet}")


def scan_site(
    site_dir: Path,
    allowed_scripts: tuple[re.Pattern[str], ...],
    base_path: str = "/",
    *,
    since_ns: int = 0,
    allow_hosts: Iterable[str] = (),
    site_host: str | None = None,
    scripts: Mapping[str, frozenset[str]] | None = None,
) -> list[Unsafe]:
    """Every unsafe piece of markup on every HTML page under `site_dir` (written at or after
    `since_ns`, a modification time, when given), sorted.

    `base_path` is the path of `site_url` (`/explainer/`): pages MkDocs renders with absolute
    URLs (the 404 page) load the theme's scripts from under it. `site_host` (the host of
    `site_url`) and `allow_hosts` are the hosts pages may load from besides their own files;
    `scripts` the script files pages may load (`known_scripts`).
    """
    hosts = frozenset(h.lower() for h in allow_hosts) | (
        {site_host.lower()} if site_host else set()
    )
    own = verified_scripts(site_dir, scripts)
    found: list[Unsafe] = []
    for path in sorted(site_dir.rglob("*.html")):
        if path.is_symlink() or not path.is_file():
            continue
        if since_ns and path.stat().st_mtime_ns < since_ns:
            continue
        page = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        found += scan_page(
            text,
            page,
            allowed_scripts,
            site_dir=site_dir,
            base_path=base_path,
            allow_hosts=hosts,
            own_scripts=own,
        )
    return sorted(found)


def scan_page(
    html: str,
    page: str,
    allowed_scripts: tuple[re.Pattern[str], ...] = (),
    *,
    site_dir: Path | None = None,
    base_path: str = "/",
    allow_hosts: Iterable[str] = (),
    walk_all: bool = False,
    scripts: Mapping[str, frozenset[str]] | None = None,
    own_scripts: frozenset[str] | None = None,
) -> list[Unsafe]:
    """The unsafe markup on one page (`page` is its path in the site, for messages and for
    resolving relative script addresses), by line. The script files it may load are `scripts`
    (`known_scripts`) as found in `site_dir`, or `own_scripts` when the caller verified them.

    The page is always parsed whole. Its elements are then looked at one by one in Python only
    when its text could hold an event handler, an `xlink:href` or a `<template>`; otherwise
    lexbor's selectors pick the only elements that can be reported (by tag, or by attribute),
    about four times faster. `walk_all` forces the first way (tests/test_properties.py checks
    that both find the same).
    """
    own = own_scripts
    if own is None:
        own = verified_scripts(site_dir, scripts) if site_dir else frozenset()
    tree = LexborHTMLParser(html, scripting=True)
    scanner = _Scanner(html, page, allowed_scripts, own, base_path, frozenset(allow_hosts))
    lower = html.lower()
    if walk_all or _may_have_handler(lower) or "xlink:" in lower or "<template" in lower:
        seen: dict[str, int] = {}
        for node in walk(tree.root) if tree.root is not None else ():
            tag = node.tag or ""
            n = seen[tag] = seen.get(tag, -1) + 1
            scanner.element(node, functools.partial(int, n))
    else:
        done = set()
        # An attribute is in the tree only if its name is in the text (the tokenizer lowercases).
        present = [f"[{name}]" for name in _URL_NAMES if name in lower]
        for node in tree.css(",".join([_CANDIDATES, *present])):
            if node.mem_id not in done:
                done.add(node.mem_id)
                scanner.element(node, functools.partial(ordinal, tree, node))
    return [u for _, u in sorted(scanner.found)]


_ON = re.compile(r"on[a-z]+\s*=")
_BEFORE_NAME = frozenset(" \t\n\r\f/\"'")


def _may_have_handler(lower: str) -> bool:
    """Whether the (lowercased) text could give an element an event handler with a value: the
    tokenizer starts an attribute name only after white space, a `/` or a closing quote, and
    lowercases it; a handler's name is letters, then `=` (white space may come between)."""
    return any(m.start() and lower[m.start() - 1] in _BEFORE_NAME for m in _ON.finditer(lower))


_CANDIDATES = ",".join(
    sorted({"script", "meta", "link", "base", "object", "embed", "applet", "frame", "frameset"})
    + ["set", "animate", "image", "use", "feimage", "feImage", '[href*=":"]', "style", "[style]"]
)
_URL_NAMES = sorted((URL_ATTRIBUTES | {"srcdoc"}) - {"href", "xlink:href"})
"""With `_CANDIDATES`, the elements `_Scanner` could report on a page without handlers,
`xlink:href` or templates: those of these tags, and those with one of these attributes."""


Where = Callable[[], tuple[int, str, int]]
"""The line of an element's start tag, that tag as written, and its offset in the page (-1 when
not found): worked out only for an element that is reported."""


class _Scanner:
    def __init__(
        self,
        html: str,
        page: str,
        allowed: tuple[re.Pattern[str], ...],
        own_scripts: frozenset[str],
        base_path: str,
        allow_hosts: frozenset[str],
    ) -> None:
        self.html, self.page, self.allowed, self.own = html, page, allowed, own_scripts
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.allow_hosts = allow_hosts
        self.found: list[tuple[tuple[int, int, int], Unsafe]] = []
        self.starts: dict[str, list[int]] = {}

    def _where(self, tag: str, n: int, node: LexborNode) -> tuple[int, str, int]:
        """Where the n-th `tag` element starts: the n-th `<tag` in the page's text, or, when the
        text has fewer, line 1 and the tag as the parser rebuilt it."""
        if tag not in self.starts:
            pattern = re.compile(rf"<{re.escape(tag)}(?=[\s/>])", re.IGNORECASE)
            self.starts[tag] = [m.start() for m in pattern.finditer(self.html)]
        starts = self.starts[tag]
        if n < len(starts):
            start = starts[n]
            return self.html.count("\n", 0, start) + 1, start_tag(self.html, start), start
        return 1, (node.html or f"<{tag}>").split(">", 1)[0] + ">", -1

    def _report(self, where: Where, what: str, snippet: str = "") -> None:
        line, tag, offset = where()
        unsafe = Unsafe(self.page, line, what, short(snippet or tag))
        self.found.append(((line, offset, len(self.found)), unsafe))

    def element(self, node: LexborNode, ordinal: Callable[[], int]) -> None:
        """Check one element; `ordinal()` tells how many of its tag come before it."""
        tag = node.tag or ""
        attrs = node.attributes
        if tag.lower() not in _SPECIAL and not any(
            name[:2] == "on"
            or name in _ALWAYS
            or name == "style"
            or (name in URL_ATTRIBUTES and ":" in (value or ""))
            for name, value in attrs.items()
        ):
            return  # the common case, kept cheap: nothing here can run or load
        memo: list[tuple[int, str, int]] = []

        def where() -> tuple[int, str, int]:
            if not memo:
                memo.append(self._where(tag, ordinal(), node))
            return memo[0]

        values = {name.lower(): value for name, value in attrs.items()}
        self._check(where, tag.lower(), node, values)

    def _check(self, where: Where, tag: str, node: LexborNode, values: dict) -> None:
        for name, value in values.items():
            if _HANDLER.fullmatch(name) and value is not None:  # with a value: code
                self._report(where, f"event-handler attribute '{name}'")
            elif name == "srcdoc":
                self._report(where, "'srcdoc' attribute (a page of HTML in an attribute)")
            elif name in URL_ATTRIBUTES and any(
                is_dangerous_url(url) for url in urls_of(name, value or "")
            ):
                self._report(where, f"script URL in '{name}'")
        if tag in ("set", "animate") and any(
            is_dangerous_url(v)
            for k in ("to", "from", "values")
            for v in (values.get(k) or "").split(";")
        ):
            self._report(where, f"script URL animated into <{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = (values.get("content") or "").partition("=")[2].strip(" '\"")
            if is_dangerous_url(target):
                self._report(where, "script URL in a meta refresh")
            elif (host := other_host(target)) and host not in self.allow_hosts:
                self._report(where, f"meta refresh to another host '{host}'")
        if tag in FORBIDDEN_ELEMENTS:
            self._report(where, f"<{tag}> element")
        if tag == "style":
            self._check_css(where, tag, "<style>", node.text(deep=True))
        if values.get("style"):
            self._check_css(where, tag, "style", values["style"])
        if tag == "script":
            self._check_script(where, node, values)
        else:
            self._check_hosts(where, tag, values)

    def _check_hosts(self, where: Where, tag: str, values: dict) -> None:
        for name, value in values.items():
            verb = LOADS.get(name)
            if verb is None or not value:
                continue
            if name in ("href", "xlink:href"):
                rel = set((values.get("rel") or "").lower().split())
                if not (tag in LOADING_HREF or (tag == "link" and rel & LOADING_LINKS)):
                    continue  # a link to follow, not a file to load
            for url in urls_of(name, value):
                host = other_host(url)
                if host and host.lower() not in self.allow_hosts:
                    self._report(
                        where,
                        f"<{tag}> {verb} another host '{host}' ({name}); add the host to the "
                        "explainer plugin's allow_hosts in mkdocs.yml to allow it",
                    )
                    break

    def _check_css(self, where: Where, tag: str, name: str, css: str) -> None:
        """What a style sheet or `style` attribute loads (`url()`, `@import`), read after CSS
        escapes (`u\\72l(`) as a browser reads it: a script URL, or another host."""
        for url in css_urls(css):
            if is_dangerous_url(url):
                self._report(where, f"script URL in CSS ({name})")
            elif (host := other_host(url)) and host not in self.allow_hosts:
                self._report(
                    where,
                    f"<{tag}> loads from another host '{host}' (CSS in {name}); add the host to "
                    "the explainer plugin's allow_hosts in mkdocs.yml to allow it",
                )

    def _check_script(self, where: Where, node: LexborNode, attrs: dict) -> None:
        body = node.text(deep=True)
        kind = (attrs.get("type") or "").strip().lower()
        src = attrs.get("src") or attrs.get("href") or attrs.get("xlink:href")
        if kind in JSON_TYPES:
            if (
                src is None
                and json_block(body)
                and (kind == "application/ld+json" or attrs.get("id") == "__config")
            ):
                return
            what = f'<script type="{kind}"> that is not a JSON block of the theme'
        elif kind not in JS_TYPES:
            what = f"<script> of type '{kind}' the theme does not write"
        elif src is not None:
            if body.strip() or not self._own_file(src):
                what = "<script> loading a file that is not one of the theme's or the editor's"
            elif self._editor_file(src) and not self.page.startswith(EDITOR_DIR):
                what = f"<script> loading the editor's code outside /{EDITOR_DIR}"
            else:
                return
        elif any(p.fullmatch(body) for p in self.allowed):
            return
        else:
            what = "<script> the theme did not put there"
        _, tag, start = where()
        if start >= 0 and not _SCRIPT_END.search(self.html, start):
            self._report(where, "<script> left open to the end of the page", tag)
        else:
            self._report(where, what, tag + short(body)[:60])

    def _editor_file(self, src: str) -> bool:
        """Whether `src` (an own file) is in the editor's folder."""
        return (self._site_path(src) or "").startswith(EDITOR_DIR)

    def _own_file(self, src: str) -> bool:
        """A relative (or base-path) address of one of the theme's or the editor's scripts."""
        return self._site_path(src) in self.own

    def _site_path(self, src: str) -> str | None:
        """The path in the site that a relative (or base-path) address names, if any."""
        src = clean_url(src)
        if SCHEME.match(src) or other_host(src):
            return None
        path = src.replace("\\", "/").split("#", 1)[0].split("?", 1)[0]
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
