"""Properties over arbitrary text: whatever an editor types into a text field, the page shows it
as written, the tables keep their columns, and no markup that could run script appears.

Text is compared as a reader sees it: HTML shows any run of spaces, tabs and line breaks as
one space (and Python-Markdown expands tabs), so those runs are compared as one space; every
other character, including other Unicode spaces, must come through exactly.

Each example writes a tiny explainer with `yaml.safe_dump` (which escapes what YAML cannot
carry raw, so every character survives the round trip except lone surrogates, which no UTF-8
file holds), loads and checks it with the pure core, renders it with `render_site`, and turns
each page into HTML with Python-Markdown as MkDocs does. Python-Markdown deletes U+0002 and
U+0003 (its own placeholders) from every page, so those two are left out too.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import html5lib
import markdown
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from site_gen import safety
from site_gen.check import get_content
from site_gen.load.characters import BAD_CHARACTER, ONE_LINE_ONLY
from site_gen.model import Quote
from site_gen.render import render_site
from site_gen.render.base import said_in
from site_gen.safety import scan_page

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXCLUDED = "\x02\x03"
# What the loader refuses in any value (controls but tab and line breaks, noncharacters) and
# in a one-line field (tabs, bidi controls) is left out: tests/test_hostile.py has those.
TEXT = (
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters=EXCLUDED), min_size=1)
    .map(lambda t: BAD_CHARACTER.sub("", t))
    .filter(bool)
)
# A one-line field keeps its text stripped, on one line, non-empty (the model's own rule).
ONE_LINE = TEXT.map(lambda t: ONE_LINE_ONLY.sub("", t).strip()).filter(
    lambda t: t and len(t.splitlines()) == 1
)
# Markdown fields interpret punctuation by design; words, spaces and HTML characters must
# come through (raw HTML is shown as text; a leading `>` would be a quote, so it is left out).
MARKDOWN_SAFE = (
    st.text(
        st.characters(
            exclude_categories=("Cs", "Cc", "P", "S", "Zl", "Zp"), include_characters="<\"' \n"
        ),
        min_size=1,
    )
    .map(lambda t: BAD_CHARACTER.sub("", t))
    .filter(lambda t: t.strip())
)  # noncharacters: refused


def _files(**texts: str) -> dict[str, dict[str, Any]]:
    """The tiny explainer with the given fields replaced."""
    t = {
        "title": "Talks",
        "lede": "A lede.",
        "issue_title": "An issue",
        "question": "What?",
        "summary": "A summary.",
        "stance": "A stance",
        "detail": "A detail.",
        "quote": "Words",
        "name": "Alpha",
        "role": "A role",
        "actor_summary": "Who.",
        "event_title": "A meeting",
        "event_summary": "It happened.",
        "source_title": "A source",
        "term": "Term",
        "definition": "A definition",
        "option_label": "An option",
        "status_reason": "A reason",
        "key_point": "A point.",
        **texts,
    }
    return {
        "explainer.yml": {
            "title": t["title"],
            "lede": t["lede"],
            "as_of": "2025-12",
            "principals": ["alpha", "beta"],
            "key_points": [{"text": t["key_point"], "sources": ["s"]}] * 3,
        },
        "actors/alpha.yml": {
            "name": t["name"],
            "kind": "state",
            "role": t["role"],
            "summary": t["actor_summary"],
        },
        "actors/beta.yml": {"name": "Beta", "kind": "person", "affiliation": "alpha"},
        "issues/x.yml": {
            "title": t["issue_title"],
            "question": t["question"],
            "status": "open",
            "status_history": [
                {
                    "status": "open",
                    "since": "2025-12",
                    "reason": t["status_reason"],
                    "sources": ["s"],
                }
            ],
            "options": [{"id": "o", "label": t["option_label"][:80]}],
            "summary": t["summary"],
            "positions": [
                {
                    "actor": "alpha",
                    "stance": t["stance"],
                    "detail": t["detail"],
                    "as_of": "2025-12",
                    "sources": ["s"],
                    "quotes": [{"text": t["quote"], "source": "s"}],
                    "supports": ["o"],
                },
                {"actor": "beta", "stance": "Other", "as_of": "2025-11", "sources": ["s"]},
            ],
        },
        "events/e.yml": {
            "date": "2025-12-01",
            "title": t["event_title"],
            "summary": t["event_summary"],
            "sources": ["s"],
        },
        "sources/s.yml": {"title": t["source_title"]},
        "glossary.yml": {t["term"]: t["definition"]},
    }


def build(**texts: str) -> dict[str, str]:
    """Every page of the tiny explainer as HTML (front matter dropped), by Markdown path."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, data in _files(**texts).items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
        pages = render_site(get_content(root)).pages
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list"])
    html = {}
    for path, text in pages.items():
        body, front = meta.get_data(text)  # as MkDocs reads it: a broken front matter is lost
        assert front.get("title"), (path, text[:200])
        html[path] = md.reset().convert(body)
    return html


class _Elements(HTMLParser):
    """Every element in document order as (tag, attributes, all the text inside it)."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self.open: list[list[str]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.elements.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in self.VOID:
            self.open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for text in self.open:
            text.append(data)

    def texts(self, tag: str, cls: str | None = None) -> list[str]:
        return [
            "".join(text)
            for t, attrs, text in self.elements
            if t == tag and (cls is None or cls in attrs.get("class", "").split())
        ]

    def stance(self) -> str:
        """The first position's stance: its paragraph's text after the actor's name (kept for
        the search index only) and the word that says whose claim it is (`Says`...)."""
        i, full = next(
            (i, "".join(text))
            for i, (tag, attrs, text) in enumerate(self.elements)
            if tag == "p" and "xp-stance" in attrs.get("class", "").split()
        )
        hidden, claim = (
            next("".join(t) for _, a, t in self.elements[i:] if c in a.get("class", "").split())
            for c in ("xp-index-only", "xp-claim")
        )
        assert full.startswith(hidden + claim + " "), full
        return full[len(hidden + claim) + 1 :]

    def after(self, label: str) -> str:
        """The text of the `dd` after the `dt` that reads `label`."""
        for i, (tag, _, text) in enumerate(self.elements):
            if tag == "dt" and "".join(text).removesuffix(":") == label:
                return next("".join(t) for g, _, t in self.elements[i + 1 :] if g == "dd")
        raise AssertionError(f"no <dt>{label}</dt>")


Where = Callable[[dict[str, str]], str]
PLAIN: dict[str, Where] = {
    "title": lambda p: _Elements(p["index.md"]).texts("h1")[0],
    "issue_title": lambda p: _Elements(p["issues/x.md"]).texts("h1")[0],
    "question": lambda p: _Elements(p["issues/x.md"]).texts("p", "xp-question")[0],
    # after the word that says whose claim it is (`Says`, `Reported`...)
    "stance": lambda p: _Elements(p["issues/x.md"]).stance(),
    "name": lambda p: _Elements(p["actors/alpha.md"]).texts("h1")[0],
    "role": lambda p: _Elements(p["actors/alpha.md"]).after("Role"),
    "event_title": lambda p: _Elements(p["timeline.md"]).texts("h3")[0].removesuffix(" [1]"),
    "source_title": lambda p: _Elements(p["sources.md"]).texts("cite")[0],
    "term": lambda p: _Elements(p["glossary.md"]).texts("dt")[0].removesuffix(":"),
    "definition": lambda p: _Elements(p["glossary.md"]).texts("dd")[0],
    "option_label": lambda p: _Elements(p["issues/x.md"]).texts("p", "xp-option__label")[0],
    "status_reason": lambda p: (
        _Elements(p["issues/x.md"]).texts("p", "xp-status-reason")[0].removesuffix(" [1]")
    ),
}
MARKDOWN: dict[str, Where] = {
    "lede": lambda p: _Elements(p["index.md"]).texts("div", "xp-lede")[0],
    "summary": lambda p: _Elements(p["issues/x.md"]).texts("div", "xp-summary")[0],
    "detail": lambda p: _Elements(p["issues/x.md"]).texts("details")[0].removeprefix("More"),
    "actor_summary": lambda p: _Elements(p["actors/alpha.md"]).texts("div", "xp-summary")[0],
    "event_summary": lambda p: _Elements(p["timeline.md"]).texts("li", "xp-event")[0],
    "key_point": lambda p: _Elements(p["index.md"]).texts("li", "xp-key-point")[0],
}


def shown(text: str) -> str:
    """The text as HTML displays it: each run of HTML whitespace as one space."""
    return re.sub(r"[ \t\n\r\f]+", " ", text)


def _cells_per_row(html: str, cls: str) -> list[int]:
    """The number of cells in each row of the table with class `cls`, header row first."""
    counts: list[int] = []
    depth = 0
    for tag, attrs, _ in _Elements(html).elements:
        if tag == "table":
            depth = 1 if cls in attrs.get("class", "").split() else 0
        elif depth and tag == "tr":
            counts.append(0)
        elif depth and tag in ("td", "th") and counts:
            counts[-1] += 1
    return counts


def _assert_safe_and_tables_whole(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        assert scan_page(html, path) == [], path
    assert _cells_per_row(pages["issues/x.md"], "xp-positions") == [4, 4, 4]
    assert _cells_per_row(pages["positions.md"], "xp-matrix") == [3, 3]


@SETTINGS
@given(field=st.sampled_from(sorted(PLAIN)), text=ONE_LINE)
def test_plain_text_fields_show_any_text_as_written(field: str, text: str) -> None:
    if field == "stance":
        text = text[:120]  # the model's limit
    if field == "option_label":
        text = text[:80].strip() or "x"
    pages = build(**{field: text})
    assert shown(PLAIN[field](pages)) == shown(text)
    _assert_safe_and_tables_whole(pages)


@SETTINGS
@given(text=TEXT)
def test_quote_shows_any_text_as_written_even_over_lines(text: str) -> None:
    pages = build(quote=text)
    page = _Elements(pages["issues/x.md"])
    # a long quote as a block quote, a short one inline; one the stance holds is not repeated
    words = page.texts("blockquote") + page.texts("q")
    if said_in(Quote(text=text, source="s"), "A stance"):
        assert words == []
    else:
        assert shown(words[0]) == shown(text)
    _assert_safe_and_tables_whole(pages)


@SETTINGS
@given(field=st.sampled_from(sorted(MARKDOWN)), text=TEXT)
def test_markdown_fields_never_let_markup_through_nor_break_tables(field: str, text: str) -> None:
    if not text.strip():
        text = "x" + text
    _assert_safe_and_tables_whole(build(**{field: text}))


@SETTINGS
@given(field=st.sampled_from(sorted(MARKDOWN)), text=MARKDOWN_SAFE)
def test_markdown_fields_show_words_and_html_characters_as_written(field: str, text: str) -> None:
    shown = MARKDOWN[field](build(**{field: text}))
    assert " ".join(text.split()) in " ".join(shown.split())


# Pieces of markup, in any order: what the safety net must see through, including the
# wrappers whose content a browser tokenizes differently from an ordinary element. No `</p>`:
# html5lib (2020) predates the rule that `</p>` leaves <svg> and <math>, which lexbor and
# Chromium follow (Chromium is the oracle for it in tests/test_browser_hostile.py).
MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "<img src=x",
            "<svg",
            "<svg><style>",
            "</style>",
            "<math>",
            "<a href=",
            "<script>",
            "</script>",
            '<script type="application/ld+json">',
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<noscript>",
            "</noscript>",
            "<xmp>",
            "</xmp>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "</title>",
            "<iframe>",
            "</iframe>",
            "<noembed>",
            "<noframes>",
            "<template>",
            ">",
            "/",
            " ",
            "\n",
            "\t",
            '"',
            "'",
            "=",
            "on",
            "onerror",
            "onload=alert(1)",
            "java",
            "script:",
            "&#106;",
            "&lt;",
            "data:text/html,",
            "<base href=x>",
            '<p title="',
            "srcdoc=",
            "<set to=",
            '<meta http-equiv="refresh" content="0;url=',
            " src=",
            "<link rel=stylesheet href=",
            "<form action=",
            "<svg><image href=",
            "//evil.example/x",
            "https://evil.example/x",
            "x",
        ]
    ),
    max_size=14,
).map("".join)


def _live(html: str) -> list[str]:
    """What html5lib, a second WHATWG parser written apart from lexbor, builds from `html` that
    a browser running scripts would run: scripts, event handlers, script URLs, `<base>`."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False, scripting=True)
    live = []
    for element in tree.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        kind = (element.get("type") or "").strip().lower()
        if tag in ("base", "object", "embed") or (tag == "script" and kind in safety.JS_TYPES):
            live.append(tag)
        for name, value in element.attrib.items():
            name = str(name).rsplit("}", 1)[-1].lower()
            if (re.fullmatch("on[a-z]+", name) and value.strip()) or name == "srcdoc":
                live.append(name)
            elif name in safety.URL_ATTRIBUTES and safety.is_dangerous_url(value):
                live.append(f"{name}={value}")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = (element.get("content") or "").partition("=")[2].strip(" '\"")
            if safety.is_dangerous_url(target):
                live.append("refresh")
    return live


@settings(max_examples=1000, deadline=None)
@given(html=MARKUP)
def test_safety_net_reports_whatever_a_second_html5_parser_finds_live(html: str) -> None:
    """Whatever another HTML5 tree builder reads as live code, lexbor's does too, and the net
    reports it (the browser itself is the oracle in tests/test_browser_hostile.py)."""
    live = _live(html)
    assert scan_page(html, "p.html") if live else True, live


@settings(max_examples=1000, deadline=None)
@given(html=MARKUP)
@example(html="<svg<form action=//evil.example/x<p>")  # a tag no CSS selector can name
def test_safety_net_selectors_find_what_a_walk_of_every_element_finds(html: str) -> None:
    """`scan_page` lets lexbor's selectors pick the elements to check on a page with no
    handler, `xlink:href` or template: it must report exactly what checking every element does."""
    assert scan_page(html, "p.html") == scan_page(html, "p.html", walk_all=True)
