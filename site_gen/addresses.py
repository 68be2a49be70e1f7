"""The web addresses and URIs a fact may hold: a page's address (http or https only, never
a script) and the explainer's own name for feeds (a URI, never a script)."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

URI_RE = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")


def _http_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not a web address: it must start with http:// or https://")
    return value.strip()


def _uri(value: str) -> str:
    if value.strip().lower().startswith(_SCRIPT_SCHEMES):
        raise ValueError(
            f"'{value}' is a script, not a name: use a tag: URI such as 'tag:newsroom.example,2025:border-talks'"
        )
    if not URI_RE.match(value.strip()):
        raise ValueError(
            f"'{value}' is not a URI: write a scheme, a colon and no spaces, "
            "e.g. 'tag:newsroom.example,2025:harbour-talks'"
        )
    return value.strip()


_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


Url = Annotated[str, AfterValidator(_http_url), Field(json_schema_extra={"pattern": "^https?://"})]
Uri = Annotated[str, AfterValidator(_uri), Field(json_schema_extra={"pattern": URI_RE.pattern})]
