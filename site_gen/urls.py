"""How a browser reads the URLs of a page: whether one runs script, which host one loads from,
and what addresses a piece of CSS loads. Used by the safety net (`safety.py`). Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

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
LOADING_LINKS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "preconnect",
    "dns-prefetch",
    "prerender",
}
"""`<link rel>` values that make the browser fetch or connect on its own."""
LOADS = {
    "src": "loads from",
    "srcset": "loads from",
    "poster": "loads from",
    "background": "loads from",
    "data": "loads from",
    "href": "loads from",
    "xlink:href": "loads from",
    "action": "sends a form to",
    "formaction": "sends a form to",
}
LOADING_HREF = {"image", "use", "feimage"}
"""SVG elements whose `href` is loaded, not followed."""
_DANGEROUS_URL = re.compile(
    r"^(?:javascript|vbscript|livescript):|^data:(?!image/(?:png|gif|jpeg|webp|avif)[;,])"
)
_URL_NOISE = re.compile(r"[\t\n\r]")


def is_dangerous_url(value: str) -> bool:
    """Whether a browser would run `value` as script (or as a page of its own) when loaded.

    Browsers drop tabs and newlines anywhere in a URL and spaces or controls around it, and
    read the scheme in any case; the value has its character references decoded already.
    """
    return bool(_DANGEROUS_URL.match(clean_url(value).lower()))


def clean_url(value: str) -> str:
    return _URL_NOISE.sub("", value).strip("".join(map(chr, range(33))))


SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_SPECIAL_SCHEMES = frozenset(["http", "https", "ws", "wss", "ftp", "file"])
"""The schemes whose URLs the WHATWG URL standard parses with an authority (a host)."""


def other_host(value: str) -> str | None:
    """The host a browser loads `value` from when a page of the site names it, or None when
    the URL stays on the site (a path) or names no host (`mailto:`, `data:`).

    Read as the WHATWG URL parser reads it against a page's `http(s)` URL: tabs and newlines
    dropped anywhere, controls and spaces around, backslashes are slashes, and a special scheme
    (`https:`) takes its host from what follows however many slashes come first, none
    included: `https:evil.example`, `https:/evil.example`, `/\\evil.example` and
    `\\\\evil.example` all load from evil.example (on a page of another scheme than the URL's;
    on one of the same, `https:evil.example` would be a path, which is reported all the same).
    """
    url = clean_url(value)
    if m := SCHEME.match(url):
        scheme, rest = m[1].lower(), url[m.end() :]
        if scheme not in _SPECIAL_SCHEMES:
            return None
        if scheme == "file":
            return "file:"
    else:
        rest = url.replace("\\", "/")
        if not rest.startswith("//"):
            return None
    authority = re.split(r"[/?#]", rest.replace("\\", "/").lstrip("/"), maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    host = host[: host.find("]") + 1] if host.startswith("[") else host.partition(":")[0]
    return unquote(host).lower().rstrip(".") or None


_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_URL = re.compile(
    r"""(?:url|src|image-set|image)\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))"""
    r"""|@import\s*(?:"([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)


def css_urls(css: str) -> Iterator[str]:
    """The addresses a piece of CSS loads (`url()`, `image-set()`, `@import "..."`), after its
    comments are dropped and its escapes decoded."""
    if "\\" in css:
        css = _CSS_ESCAPE.sub(_css_unescape, css)
    for m in _CSS_URL.finditer(_CSS_COMMENT.sub("", css)):
        yield next(g for g in m.groups() if g is not None)


def _css_unescape(m: re.Match[str]) -> str:
    if m[1]:
        code = int(m[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return m[2]


def urls_of(name: str, value: str) -> Iterator[str]:
    """The URLs an attribute's value names (`srcset` and `archive` name several)."""
    if name == "srcset":
        for candidate in value.split(","):
            yield candidate.strip().split(" ", 1)[0]
    elif name in ("archive", "ping"):
        yield from value.split()
    else:
        yield value
