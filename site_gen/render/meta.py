"""Structured data for sharing: schema.org JSON-LD, made safe to print inside a <script>."""

from __future__ import annotations

import json
from typing import Any

from site_gen.model import Content, Issue
from site_gen.render import trust

SCHEMA_TYPES = {"person": "Person", "state": "Country", "organization": "Organization"}
"""The schema.org type of each kind of actor; others (groups) are `Organization`."""


def script_json(data: Any) -> str:
    """JSON to print as it is inside `<script type="application/ld+json">`: `<`, `>` and `&`
    as `\\u003c`, `\\u003e` and `\\u0026`, so that no `</script>` or `<!--` in a fact can end
    the element or start a comment; U+2028 and U+2029 escaped too (line breaks to JavaScript).
    Still the same JSON to any parser."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def issue_article(content: Content, issue: Issue) -> dict[str, Any]:
    """An issue page as a schema.org `Article`: `dateModified` is the newest `as_of` of its
    positions (at its precision, which ISO 8601 allows: `2025-12`), `mentions` the actors
    with positions, `citation` the sources they cite."""
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": issue.title,
        "description": issue.question,
        "isPartOf": _explainer(content),
    }
    publisher = content.explainer.publisher
    if publisher:
        article["publisher"] = {"@type": "Organization", "name": publisher.name}
        if publisher.url:
            article["publisher"]["url"] = publisher.url
    if issue.positions:
        article["dateModified"] = str(max(p.as_of for p in issue.positions))
    actors = dict.fromkeys(p.actor for p in issue.positions)
    if actors:
        article["mentions"] = [
            {
                "@type": SCHEMA_TYPES.get(content.actors[a].kind, "Organization"),
                "name": content.actors[a].name,
            }
            for a in actors
        ]
    sources = dict.fromkeys(s for p in issue.positions for s in p.sources)
    if sources:
        article["citation"] = [_source(content, sid) for sid in sources]
    return article


def _source(content: Content, sid: str) -> dict[str, Any]:
    source = content.sources[sid]
    work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        work["url"] = source.url
    if source.publisher:
        work["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published:
        work["datePublished"] = str(source.published)
    return work


def _explainer(content: Content) -> dict[str, Any]:
    """The explainer as the work an issue page is part of, with its corrections (schema.org
    `correction`: what was wrong and what it says now), newest first."""
    ex = content.explainer
    work: dict[str, Any] = {"@type": "CreativeWork", "name": ex.title}
    if ex.corrections:
        work["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": str(c.date),
                "text": f"{c.wrong}. Now: {c.now}",
            }
            for _, c in trust.numbered(content)
        ]
    return work
