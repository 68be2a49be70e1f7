# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""Hostile input, YAML to built page: what is rejected (the exact `validate` report), what is
accepted (the exact escaped text on the built page), bounded resources, and no lost work.

The browser half is tests/test_browser_hostile.py; arbitrary text is tests/test_properties.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from site_gen.check import get_content
from site_gen.render import render_site
from site_gen.safety import known_scripts, scan_page, scan_site, theme_scripts
from tests.corpora import TALKS
from tests.hostile_corpus import (
    TOKENIZER_TRICKS,
    one_megabyte_issue,
    write_corpus,
)
from tests.test_build import ENV, mkdocs_build, project_copy
from tests.test_serve import _get, _wait_for, server  # noqa: F401 - server is a fixture

ROOT = Path(__file__).resolve().parent.parent

# A valid issue to carry a hostile summary, stance or quote; line 4 is the summary.
ISSUE = """\
title: Ceasefire
question: Will there be a ceasefire?
status: open
summary: {summary}
positions:
  - actor: putin
    stance: {stance}
    as_of: 2025-12-19
    sources: [report-rubio-progress]
"""
OK_STANCE = "No ceasefire before a deal"
NOT_ALLOWED = (
    "is not allowed: links are http(s):// or mailto:, and [[id]] for actors, issues and events"
)


EVENT = "date: 2025-12\ntitle: Talks\nsources: [report-rubio-progress]\n"


def issue(summary: str = "A summary.", stance: str = OK_STANCE) -> str:
    return ISSUE.format(summary=summary, stance=stance)


# -- rejected: the exact report of `site-gen validate` -------------------------------------

REJECTED = [
    pytest.param(
        {"issues/ceasefire.yml": issue("See [the plan](javascript:alert(1)).")},
        f"content/issues/ceasefire.yml:4:25: link to 'javascript:alert(1)' {NOT_ALLOWED}",
        id="inline-javascript-link",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue("|\n  See [the plan][1].\n\n  [1]: javascript:alert(1)")},
        f"content/issues/ceasefire.yml:7:8: link to 'javascript:alert(1)' {NOT_ALLOWED}",
        id="reference-style-link",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": issue(
                "|\n  - See [the plan][1].\n\n    [1]: JavaScript:alert(1)"
            )
        },
        f"content/issues/ceasefire.yml:7:10: link to 'JavaScript:alert(1)' {NOT_ALLOWED}",
        id="reference-defined-in-a-list-item",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": issue(
                "|\n  >See [the plan][1].\n  >\n  >[1]: javascript:alert(1)"
            )
        },
        f"content/issues/ceasefire.yml:7:9: link to 'javascript:alert(1)' {NOT_ALLOWED}",
        id="reference-defined-in-a-quote-found-by-rendering",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue("Click <javascript:alert(1)>")},
        f"content/issues/ceasefire.yml:4:17: link to 'javascript:alert(1)' {NOT_ALLOWED}",
        id="autolink",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue("'![map](javascript:alert(1))'")},
        f"content/issues/ceasefire.yml:4:18: link to 'javascript:alert(1)' {NOT_ALLOWED}",
        id="image",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue("'[a](jav&#x61;script:alert(1)) [b](&#106;avascript:x)'")},
        f"content/issues/ceasefire.yml:4:15: link to 'jav&#x61;script:alert(1)' {NOT_ALLOWED}\n"
        f"content/issues/ceasefire.yml:4:45: link to '&#106;avascript:x' {NOT_ALLOWED}",
        id="entity-encoded-schemes",
    ),
    pytest.param(
        {
            "issues/ceasefire.yml": issue(
                "'[a](vbscript:x) [b](data:text/html;base64,PHNjcmlwdD4=)'"
            )
        },
        f"content/issues/ceasefire.yml:4:15: link to 'vbscript:x' {NOT_ALLOWED}\n"
        f"content/issues/ceasefire.yml:4:31: link to 'data:text/html;base64,PHNjcmlwdD4=' {NOT_ALLOWED}",
        id="vbscript-and-data",
    ),
    pytest.param(
        {"sources/evil.yml": "title: Evil\nurl: javascript:alert(1)\n"},
        "content/sources/evil.yml:2:6: url: 'javascript:alert(1)' is not a web address: it must start with http:// or https://",
        id="source-url-scheme",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue(stance='"No\\r\\rceasefire"')},
        "content/issues/ceasefire.yml:7:13: stance: must be one line; move the rest into 'summary' or 'detail'",
        id="carriage-returns-in-a-one-line-field",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue(stance='"No\\Lceasefire"')},
        "content/issues/ceasefire.yml:7:13: stance: must be one line; move the rest into 'summary' or 'detail'",
        id="line-separator-in-a-one-line-field",
    ),
    pytest.param(
        {"actors/evil.yml": "name: !!python/object/apply:os.system ['touch pwned']\nkind: group\n"},
        "content/actors/evil.yml:1:7: YAML tag '!!python/object/apply:os.system' is not allowed: fact files hold only text, lists, and keys with values",
        id="python-tag",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: Caf\xe9\nkind: group\n"},
        "content/actors/evil.yml:1:10: this file is saved in a Windows encoding (cp1252?): save it as UTF-8",
        id="latin-1-bytes",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: ok\nkind: group\n\x00\x01\x02\xff\xfe garbage"},
        "content/actors/evil.yml:3:4: this file is not saved as UTF-8 text: save it as UTF-8",
        id="binary-garbage",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: ok\x00\nkind: group\n"},
        "content/actors/evil.yml:1:9: character U+0000 is not allowed in YAML",
        id="nul-character",
    ),
    # Issue 10, D: what YAML escapes make, checked after unescaping, at the value.
    pytest.param(
        {
            "issues/ceasefire.yml": issue(
                stance='"Red\\e[2J\\e]0;PWNED\\aline\\0nul\\x01soh\\uFFFEnonchar\\x7fdel"'
            )
        },
        "content/issues/ceasefire.yml:7:13: stance: control character U+001B is not allowed in text; remove it",
        id="escaped-controls",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue(stance='"fine\\uFFFEnonchar"')},
        "content/issues/ceasefire.yml:7:13: stance: noncharacter U+FFFE is not allowed in text; remove it",
        id="escaped-noncharacter",
    ),
    pytest.param(
        {"issues/ceasefire.yml": issue(stance='"C1 \\x85\\x9b"')},
        "content/issues/ceasefire.yml:7:13: stance: control character U+0085 is not allowed in text; remove it\ncontent/issues/ceasefire.yml:7:13: stance: must be one line; move the rest into 'summary' or 'detail'",
        id="escaped-c1",
    ),
    pytest.param(
        {"actors/evil.yml": 'name: "Evil \\u202Ereversed"\nkind: group\n'},
        "content/actors/evil.yml:1:7: name: bidirectional control U+202E in a one-line field: it would reorder the text shown after it; remove it",
        id="bidi-override-in-a-name",
    ),
    pytest.param(
        {"actors/evil.yml": 'name: "Tab\\there"\nkind: group\n'},
        "content/actors/evil.yml:1:7: name: a tab (U+0009) in a one-line field; use a space",
        id="tab-in-a-name",
    ),
    pytest.param(
        {"actors/evil.yml": 'name: ok\nkind: group\n"\\e[2Jkey": x\n'},
        "content/actors/evil.yml:3:1: key: control character U+001B is not allowed in text; remove it\ncontent/actors/evil.yml:3:1: unknown key '\\x1b[2Jkey'",
        id="control-in-a-key-echoed-escaped",
    ),
    # Issue 10: lengths, a script URI, anchors the pages make.
    pytest.param(
        {"actors/evil.yml": "name: " + "x" * 900_000 + "\nkind: group\n"},
        "content/actors/evil.yml:1:7: name is 900000 characters, over the limit of 300",
        id="900-kb-name",
    ),
    pytest.param(
        {"actors/evil.yml": "name: ok\nkind: group\nsummary: '" + "[" * 100_000 + "'\n"},
        "content/actors/evil.yml:3:10: summary is 100000 characters, over the limit of 5000",
        id="100-000-brackets",
    ),
    pytest.param(
        {"explainer.yml": 'title: T\nlede: L.\nas_of: "2025-12-19"\nuri: "javascript:alert(1)"\n'},
        "content/explainer.yml:4:6: uri: 'javascript:alert(1)' is a script, not a name: use a tag: URI such as 'tag:newsroom.example,2025:border-talks'",
        id="javascript-uri",
    ),
    *(
        pytest.param(
            {f"events/{id}.yml": EVENT},
            f"content/events/{id}.yml:1:1: id '{id}' is an anchor the pages make for themselves (a section, a citation, a month); rename the file, e.g. to 'event-{id}.yml'",
            id=f"event-id-{id}",
        )
        for id in ("sources", "timeline", "cite-1", "month-2025-12")
    ),
]


@pytest.mark.parametrize(("files", "expected"), REJECTED)
def test_rejected(files: dict[str, str | bytes], expected: str, write, validate) -> None:
    for rel, text in files.items():
        write(rel, text)
    code, out, err = validate()
    count = expected.count("\n") + 1
    noun = "problem" if count == 1 else "problems"
    assert (code, out, err) == (1, "", f"{expected}\n{count} {noun} found\n")


# -- accepted: the exact escaped text on the built page ------------------------------------

ACCEPTED = [
    # (page, fragment of its HTML), for payloads in tests/hostile_corpus.py
    pytest.param(
        "index.html",
        # the site's name is the explainer's title: escaped in every place the theme prints it
        "<title>Talks &lt;script&gt;window.__pwned=1&lt;/script&gt; {onclick=window.__pwned=1}</title>",
        id="explainer-title-in-title",
    ),
    pytest.param(
        "index.html",
        '">Talks &lt;script&gt;window.__pwned=1&lt;/script&gt; {onclick=window.__pwned=1}</h1>',
        id="explainer-title-heading-no-attr-list",
    ),
    pytest.param(
        "index.html",
        '<div class="xp-lede">\n<p>&lt;img src=x onerror=window.__pwned=1&gt; and "&gt;&lt;svg onload=window.__pwned=1&gt; and {{ config.site_name }} {% if true %}jinja{% endif %}</p>\n</div>',
        id="lede-markdown-raw-html-and-jinja",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<h1 id="pipes-bboldb">Pipes | &amp; &lt;b&gt;bold&lt;/b&gt;</h1>',
        id="issue-title-heading",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<p class="xp-question">&quot;&gt;&lt;svg onload=window.__pwned=1&gt;?</p>',
        id="question",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<meta name="description" content="&quot;&gt;&lt;svg onload=window.__pwned=1&gt;?">',
        id="question-as-meta-description",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<p>{% for x in y %}{{ x }}{% endfor %} &lt;iframe srcdoc="&lt;script&gt;window.__pwned=1&lt;/script&gt;"&gt;</p>',
        id="summary-markdown-iframe-and-jinja",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<td data-label="Position"><p class="xp-stance"><span class="xp-index-only">Alpha &quot;&gt;&lt;svg onload=window.__pwned=1&gt;: </span><span class="xp-claim xp-claim--said">Says</span> &lt;img src=x onerror=window.__pwned=1&gt; | a || b</p><figure class="xp-quote">',
        id="stance-pipes",
    ),
    pytest.param(
        "issues/hostile/index.html",
        "</figure><details><summary data-search-exclude>More</summary><p>&lt;/table&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</p></details></td>",
        id="stance-pipes-and-detail-closing-table",
    ),
    pytest.param(
        "issues/hostile/index.html",
        "<blockquote><p>&quot;&gt;&lt;svg onload=window.__pwned=1&gt;\n| a | b |\n|---|---|</p></blockquote>",
        id="quote-with-a-markdown-table-stays-text",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<td data-label="Position"><p class="xp-stance"><span class="xp-index-only">Beta {onclick=window.__pwned=1}: </span><span class="xp-claim xp-claim--said">Says</span> # not a heading</p><p class="xp-quote-inline">',
        id="stance-leading-hash",
    ),
    pytest.param(
        "issues/hostile/index.html",
        # a short quote runs inline
        '<p class="xp-quote-inline"><q>- not a list</q></p>',
        id="quote-leading-dash",
    ),
    pytest.param(
        "issues/hostile/index.html",
        ': &gt; not a quote <a class="xp-cite"',
        id="earlier-stance-leading-angle",
    ),
    pytest.param(
        "actors/alpha/index.html",
        '<dt>Role<span class="xp-index-only">:</span></dt> <dd>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</dd>',
        id="role-closing-table",
    ),
    pytest.param(
        "actors/alpha/index.html",
        '<dt>Also called<span class="xp-index-only">:</span></dt> <dd>{{ 7*7 }}, &#x27;; window.__pwned=1; &#x27;</dd>',
        id="aliases",
    ),
    pytest.param(
        "actors/alpha/index.html",
        '<p>&lt;script&gt;window.__pwned=1&lt;/script&gt; and <a href="../beta/">&lt;b onclick=window.__pwned=1&gt;B&lt;/b&gt;</a></p>',
        id="summary-wiki-link-label",
    ),
    pytest.param(
        "actors/beta/index.html",
        '<h1 id="beta-onclickwindow__pwned1">Beta {onclick=window.__pwned=1}</h1>',
        id="name-heading-no-attr-list",
    ),
    pytest.param(
        "positions/index.html",
        '<td data-label="Alpha &quot;&gt;&lt;svg onload=window.__pwned=1&gt;" class="xp-mcell',
        id="matrix-data-label-attribute",
    ),
    pytest.param(
        "actors/alpha/index.html",
        'aria-label="Positions of Alpha &quot;&gt;&lt;svg onload=window.__pwned=1&gt;"',
        id="table-aria-label-attribute",
    ),
    pytest.param(
        "timeline/index.html",
        '<h3>&lt;script&gt;window.__pwned=1&lt;/script&gt; <a class="xp-cite"',
        id="event-title-in-timeline",
    ),
    pytest.param(
        "timeline/index.html",
        '<p>&lt;a href="javascript:window.__pwned=1"&gt;x&lt;/a&gt;</p>',
        id="event-summary-raw-javascript-link-is-text",
    ),
    pytest.param(
        "timeline/index.html",
        "<blockquote><p>{{ config.site_name }} {% if true %}jinja{% endif %}</p></blockquote>",
        id="event-quote-jinja",
    ),
    pytest.param(
        "sources/index.html",
        '<a href="https://example.org/?q=&quot;&gt;&lt;svg onload=window.__pwned=1&gt;" rel="noopener">&lt;script&gt;window.__pwned=1&lt;/script&gt;</a></cite> — &quot;&gt;&lt;svg onload=window.__pwned=1&gt;',
        id="source-url-title-publisher",
    ),
    pytest.param(
        "glossary/index.html",
        '&lt;b onmouseover=window.__pwned=1&gt;term&lt;/b&gt;<span class="xp-index-only">:</span></dt> <dd>{{ config.extra }} &lt;script&gt;window.__pwned=1&lt;/script&gt;</dd>',
        id="glossary-term-and-definition",
    ),
]


# hostile_site (conftest.py): the hostile corpus built with `mkdocs build --strict`, once a run


@pytest.mark.parametrize(("page", "fragment"), ACCEPTED)
def test_accepted_text_is_shown_escaped(hostile_site: Path, page: str, fragment: str) -> None:
    assert fragment in (hostile_site / page).read_text(encoding="utf-8")


def test_hostile_site_passes_the_safety_net_and_carries_no_live_payload(hostile_site: Path) -> None:
    assert scan_site(hostile_site, allowed_scripts=()) != []  # the theme's own scripts
    config = load_config(str(hostile_site.parent / "mkdocs.yml"))
    allowed = theme_scripts(Path(d) for d in config.theme.dirs)
    scripts = known_scripts(Path(d) for d in config.theme.dirs)
    assert scan_site(hostile_site, allowed, scripts=scripts) == []
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for live in (
            "<img src=x",
            "<svg onload",
            "<svg/onload",
            "<script>window",
            "<iframe",
            "<b ",
        ):
            assert live not in html, (page, live)


def test_generated_markdown_escapes_headings_and_attributes(tmp_path: Path) -> None:
    pages = render_site(get_content(write_corpus(tmp_path / "content"))).pages
    assert (
        "\n# Talks &lt;script\\>window.\\_\\_pwned=1&lt;/script\\> \\{onclick=window.\\_\\_pwned=1\\}\n"
        in pages["index.md"]
    )
    assert "\n# Pipes | &amp; &lt;b\\>bold&lt;/b\\>\n" in pages["issues/hostile.md"]
    assert 'title: "Beta {onclick=window.__pwned=1}"' in pages["actors/beta.md"]
    assert (
        'title: "Alpha &quot;&gt;&lt;svg onload=window.__pwned=1&gt;"' in pages["actors/alpha.md"]
    )


# -- the safety net on its own: markup in, exact findings out -------------------------------

THEME_SCRIPT = '<script>__md_scope=new URL("{{ base_url }}",location)</script>'
NET = [
    pytest.param(
        '<p title="onclick=x">on*= in text is fine</p><a href="https://x/?javascript:">ok</a>',
        [],
        id="text-is-fine",
    ),
    pytest.param(
        '<script>__md_scope=new URL("../..",location)</script>', [], id="theme-inline-script"
    ),
    pytest.param('<script src="assets/app.js"></script>', [], id="own-script-file"),
    pytest.param(
        '<script type="application/ld+json">{"name": "\\u003c/script>"}</script>', [], id="json-ld"
    ),
    pytest.param(
        '<script id="__config" type="application/json">{"base": "."}</script>',
        [],
        id="material-config",
    ),
    pytest.param(
        "<script>window.__pwned=1</script>",
        ["1: <script> the theme did not put there: <script>window.__pwned=1"],
        id="inline-script",
    ),
    pytest.param(
        '<script src="https://evil.example/x.js"></script>',
        [
            "1: <script> loading a file that is not one of the theme's or the editor's: <script src=\"https://evil.example/x.js\">"
        ],
        id="external-script",
    ),
    pytest.param(
        '<script src="../../../etc/x.js"></script>',
        [
            "1: <script> loading a file that is not one of the theme's or the editor's: <script src=\"../../../etc/x.js\">"
        ],
        id="script-outside-the-site",
    ),
    pytest.param(
        '<script src="assets/missing.js"></script>',
        [
            "1: <script> loading a file that is not one of the theme's or the editor's: <script src=\"assets/missing.js\">"
        ],
        id="script-not-in-the-site",
    ),
    pytest.param(
        '<script type="application/ld+json">{"a": 1}<!--</script>',
        [
            '1: <script type="application/ld+json"> that is not a JSON block of the theme: <script type="application/ld+json">{"a": 1}<!--'
        ],
        id="json-ld-with-comment-opener",
    ),
    pytest.param(
        '<script type="application/json">{"a": 1}</script>',
        [
            '1: <script type="application/json"> that is not a JSON block of the theme: <script type="application/json">{"a": 1}'
        ],
        id="json-without-config-id",
    ),
    pytest.param(
        '<script type="text/x-template">x</script>',
        [
            "1: <script> of type 'text/x-template' the theme does not write: <script type=\"text/x-template\">x"
        ],
        id="template-script",
    ),
    pytest.param(
        "<IMG SRC=x OnError=alert(1)>",
        ["1: event-handler attribute 'onerror': <IMG SRC=x OnError=alert(1)>"],
        id="event-handler-any-case",
    ),
    pytest.param(
        "<svg/onload=alert(1)>",
        ["1: event-handler attribute 'onload': <svg/onload=alert(1)>"],
        id="slash-separated-handler",
    ),
    pytest.param(
        "<p>x</p><img src=x\nonerror=alert(1)><svg\tonload=alert(2)>",
        [
            "1: event-handler attribute 'onerror': <img src=x onerror=alert(1)>",
            "2: event-handler attribute 'onload': <svg onload=alert(2)>",
        ],
        id="handler-after-a-newline-or-tab",
    ),
    pytest.param(
        '<a href=" jav&#x61;&#x09;script:alert(1)">x</a>',
        ["1: script URL in 'href': <a href=\" jav&#x61;&#x09;script:alert(1)\">"],
        id="obfuscated-javascript-url",
    ),
    pytest.param(
        '<form action="VBScript:x"><button formaction="javascript:x">b</button></form>',
        [
            "1: script URL in 'action': <form action=\"VBScript:x\">",
            "1: script URL in 'formaction': <button formaction=\"javascript:x\">",
        ],
        id="form-actions",
    ),
    pytest.param(
        '<svg><a xlink:href="javascript:x"><set attributeName="href" to="javascript:y"/></a></svg>',
        [
            "1: script URL in 'xlink:href': <a xlink:href=\"javascript:x\">",
            '1: script URL animated into <set>: <set attributeName="href" to="javascript:y"/>',
        ],
        id="svg-links",
    ),
    pytest.param(
        '<a href="data:text/html,<script>x</script>">d</a><img src="data:image/png;base64,AA">',
        ["1: script URL in 'href': <a href=\"data:text/html,<script>x</script>\">"],
        id="data-urls",
    ),
    pytest.param(
        '<meta http-equiv="refresh" content="0; url=javascript:x">',
        [
            '1: script URL in a meta refresh: <meta http-equiv="refresh" content="0; url=javascript:x">'
        ],
        id="meta-refresh",
    ),
    pytest.param(
        '<iframe srcdoc="&lt;script&gt;x&lt;/script&gt;"></iframe>',
        [
            "1: 'srcdoc' attribute (a page of HTML in an attribute): <iframe srcdoc=\"&lt;script&gt;x&lt;/script&gt;\">"
        ],
        id="srcdoc",
    ),
    pytest.param(
        '<base href="https://evil.example/">',
        ['1: <base> element: <base href="https://evil.example/">'],
        id="base",
    ),
    pytest.param(
        "<p>x</p>\n<script>unclosed",
        ["2: <script> left open to the end of the page: <script>"],
        id="unclosed-script",
    ),
]


@pytest.mark.parametrize(("html", "expected"), NET)
def test_safety_net_finds(html: str, expected: list[str], tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text(THEME_SCRIPT, encoding="utf-8")
    allowed = theme_scripts([tmp_path / "templates"])
    found = scan_page(
        html, "index.html", allowed, site_dir=tmp_path, scripts=known_scripts([tmp_path])
    )
    assert [str(u).removeprefix("index.html:") for u in found] == expected


HAND_WRITTEN_REPORT = """\
content/cdata.md:3:27: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/embeds.md:1:1: <meta> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/embeds.md:5:7: attribute 'onload' on <body> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/embeds.md:6:1: <form> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/embeds.md:6:38: <input> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/embeds.md:7:4: attribute 'style' on <p> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/iframe.md:3:39: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/math-style.md:3:6: <math> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/math-style.md:3:12: <style> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/math-style.md:3:30: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noembed.md:3:1: <noembed> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noembed.md:3:41: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noframes.md:3:1: <noframes> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noframes.md:3:43: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noscript.md:3:1: <noscript> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/noscript.md:3:43: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/svg-style.md:3:6: <svg> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/svg-style.md:3:11: <style> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/svg-style.md:3:29: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/textarea.md:3:1: <textarea> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/textarea.md:3:43: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/title.md:3:1: <title> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/title.md:3:37: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/xmp.md:3:1: <xmp> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
content/xmp.md:3:33: attribute 'onerror' on <img> is not allowed in a hand-written page; see docs/publishers.md "Safety" for what hand-written pages may hold
"""
EMBEDS = """\
<meta http-equiv="refresh" content="0;url=https://evil.example/">

# Embeds

<body onload="x()">
<form action="https://evil.example/"><input name=a></form>
<p style="background: url(https://evil.example/t.png)">styled</p>

```html
<script>a code sample is text</script>
```
"""


def test_hand_written_pages_hold_only_the_allowlist(tmp_path: Path) -> None:
    """Each markup trick of issue 10 in a hand-written page, and third-party embeds: the strict
    build fails, naming every element and attribute outside the allowlist at its place."""
    project = project_copy(tmp_path)
    for name, markup in TOKENIZER_TRICKS.items():
        (project / "content" / f"{name}.md").write_text(f"# {name}\n\n{markup}\n", "utf-8")
    (project / "content" / "embeds.md").write_text(EMBEDS, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    reported = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert "\n".join(reported) + "\n" == HAND_WRITTEN_REPORT
    assert not (project / "site").exists()


def test_third_party_hosts_need_an_opt_in(tmp_path: Path) -> None:
    """An image or frame from another host fails the build unless mkdocs.yml allows the host."""
    project = project_copy(tmp_path)
    (project / "content" / "video.md").write_text(
        "# Video\n\n"
        '<iframe src="https://www.youtube-nocookie.com/embed/x" title="Video"></iframe>\n\n'
        '<img src="https://evil.example/p.png" alt="">\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    found = [line.strip() for line in result.stderr.splitlines() if "video/index.html" in line]
    assert [re.sub(r":\d+:", ":N:", line) for line in found] == [
        'video/index.html:N: <iframe> loads from another host \'www.youtube-nocookie.com\' (src); add the host to the explainer plugin\'s allow_hosts in mkdocs.yml to allow it: <iframe src="https://www.youtube-nocookie.com/embed/x" title="Video">',
        'video/index.html:N: <img> loads from another host \'evil.example\' (src); add the host to the explainer plugin\'s allow_hosts in mkdocs.yml to allow it: <img src="https://evil.example/p.png" alt="">',
    ]
    allowed = "  - explainer:\n      allow_hosts: [www.youtube-nocookie.com, evil.example]\n"
    config.write_text(text.replace("  - explainer\n", allowed), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "youtube-nocookie.com/embed/x" in (project / "site/video/index.html").read_text("utf-8")


def test_safety_net_reads_a_template_s_markup_as_a_browser_does(tmp_path: Path) -> None:
    """Past the allowlist (a template printing raw configuration), each trick is still found by
    the net after a real strict build, on its own line."""
    project = project_copy(tmp_path)
    (project / "theme" / "main.html").write_text(BANNER_TEMPLATE, encoding="utf-8")
    banner = "\n".join(TOKENIZER_TRICKS.values())
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("\nextra:\n  banner: " + json.dumps(banner) + "\n")
    result = mkdocs_build(project)
    assert result.returncode == 1
    found = [
        line.strip()
        for line in result.stderr.splitlines()
        if "__pwned" in line and line.strip().startswith("404.html:")  # the first page
    ]
    handler = "event-handler attribute 'onerror': <img src=x onerror=window.__pwned=1>"
    assert [re.sub(r"^404\.html:\d+: ", "", line) for line in found] == [handler] * len(
        TOKENIZER_TRICKS
    )
    assert len({line.split(":")[1] for line in found}) == len(TOKENIZER_TRICKS)  # one a line


def test_safety_net_allows_the_theme_scripts_of_the_404_page_under_a_sub_path(
    tmp_path: Path,
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("", encoding="utf-8")
    page = '<script src="/explainer/assets/app.js"></script><script src="/assets/app.js"></script>'
    found = scan_page(
        page,
        "404.html",
        (),
        site_dir=tmp_path,
        base_path="/explainer/",
        scripts=known_scripts([tmp_path]),
    )
    assert [u.snippet for u in found] == ['<script src="/assets/app.js">']


# -- resource bounds: each hostile file ends in a located error, fast, in bounded memory -----

_PROBE = """
import json, resource, sys, time
from site_gen.cli import main
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
code = main(["validate", "content"])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"code": code, "seconds": seconds, "cpu": cpu, "grew_mb": grew}))
"""


def _billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ["name: Laughs", "kind: group", "a0: &a0 " + json.dumps(["lol"] * width)]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


BOUNDS = [
    pytest.param(
        _billion_laughs(),
        "content/actors/hostile.yml:3:59: file expands to more than 100,000 values: each YAML alias (*name) repeats the value it names; write the values out instead of aliasing them",
        id="alias-bomb-10-levels-of-10",
    ),
    pytest.param(
        "name: Deep\nkind: group\naliases: " + "[" * 5000 + "]" * 5000 + "\n",
        "content/actors/hostile.yml:3:1009: invalid YAML: exceeded maximum nesting depth (while increasing flow level at line 3)"
        if yaml.__with_libyaml__
        else "content/actors/hostile.yml:3:42: values are nested more than 32 levels deep",
        id="5000-deep",
    ),
    pytest.param(
        "name: Huge\nkind: group\nsummary: " + "x" * 10_000_000 + "\n",
        "content/actors/hostile.yml:1:1: file is 10.0 MB, over the 1 MB limit for a fact file; split it or cite the long text as a source",
        id="10-MB-file",
    ),
    pytest.param(
        "name: Long\nkind: group\naliases:\n" + "- x\n" * 100_000,
        "content/actors/hostile.yml:100000:3: file holds more than 100,000 values, where a fact file needs dozens; split it into several files",
        id="100000-item-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BOUNDS)
def test_resource_bounds(text: str, expected: str, content: Path, write) -> None:
    write("actors/hostile.yml", text)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=content.parent.resolve(),
    )
    measured = json.loads(result.stdout)
    assert (measured["code"], result.stderr) == (1, f"{expected}\n1 problem found\n")
    assert measured["cpu"] < 5, measured  # CPU time: wall time depends on the machine's load
    assert measured["grew_mb"] < 300, measured
    print(
        f"{measured['cpu']:.2f} s CPU, {measured['seconds']:.2f} s, +{measured['grew_mb']:.0f} MB"
    )


# -- nothing lost: commands never write into content/ ---------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under `folder`: its bytes (None for a folder) and mtime in ns."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else None,
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
    }


def test_validate_compile_and_builds_never_write_into_content(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    content = project / "content"
    before = snapshot(content)
    site_gen = [sys.executable, "-m", "site_gen"]
    for command in (
        [*site_gen, "validate", "content"],
        [*site_gen, "compile", "content", "--out", "build/markdown"],
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
    ):
        result = subprocess.run(
            command, cwd=project, env=ENV, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (command, result.stderr)
    assert snapshot(content) == before

    (content / "actors" / "broken.yml").write_bytes(b"name: [unclosed\n\xff")
    before = snapshot(content)
    for command in (
        [*site_gen, "validate", "content"],
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
    ):
        result = subprocess.run(
            command, cwd=project, env=ENV, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 1, (command, result.stderr)
    assert snapshot(content) == before


# -- atomic builds: a failed build leaves the last good site as it was -----------------------

BANNER_TEMPLATE = (
    '{% extends "base.html" %}\n{% block announce %}{{ config.extra.banner }}{% endblock %}\n'
)
"""A theme override of `main.html` that prints raw configuration on every page (pages may not
pick a template by front matter: `published.FRONT_MATTER`)."""

FAILURES = [
    pytest.param(
        {"content/issues/donbas.yml": "title: [unclosed\n"},
        r"content/issues/donbas.yml:2:1: invalid YAML: did not find expected ',' or '\]' .*",
        id="content-error",
    ),
    pytest.param(
        {"content/about.md": "# About\n\n<img src=x onerror=alert(1)>\n"},
        r"content/about.md:3:12: attribute 'onerror' on <img> is not allowed in a hand-written page; .*",
        id="allowlist-hand-written-page",
    ),
    pytest.param(
        {
            "theme/main.html": BANNER_TEMPLATE,
            "mkdocs.yml": "\nextra:\n  banner: <script>window.__pwned=1</script>\n",
        },
        r"  index.html:\d+: <script> the theme did not put there: <script>window.__pwned=1",
        id="safety-net-template-prints-raw-config",
    ),
    pytest.param(
        {"content/about.md": "# About\n\nSee [the missing page](missing.md).\n"},
        r"Aborted with 1 warnings in strict mode!",
        id="strict-warning",
    ),
]


def _siblings(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


@pytest.mark.parametrize(("changes", "complaint"), FAILURES)
def test_failed_build_leaves_the_last_good_site_untouched(
    tmp_path: Path, changes: dict[str, str], complaint: str
) -> None:
    project = project_copy(tmp_path)
    assert mkdocs_build(project).returncode == 0
    good = snapshot(project / "site")
    for rel, text in changes.items():
        path = project / rel
        if rel == "mkdocs.yml":
            text = path.read_text(encoding="utf-8") + text
        path.write_text(text, encoding="utf-8")

    result = mkdocs_build(project)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert re.search(f"^{complaint}$", output, re.MULTILINE), output
    assert snapshot(project / "site") == good
    assert _siblings(project) == []


def test_good_build_replaces_the_whole_site_and_gh_deploy_publishes_it(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    assert mkdocs_build(project).returncode == 0
    (project / "site" / "stale.html").write_text("left over", encoding="utf-8")
    donbas = project / "content" / "issues" / "donbas.yml"
    donbas.write_text(
        donbas.read_text(encoding="utf-8").replace("Fate of the", "Edited, fate of the"), "utf-8"
    )

    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "stale.html").exists()
    umask = os.umask(0)
    os.umask(umask)
    assert (project / "site").stat().st_mode & 0o777 == 0o777 & ~umask  # as mkdir makes it
    assert "Edited, fate of the" in (
        project / "site" / "issues" / "donbas" / "index.html"
    ).read_text("utf-8")
    assert _siblings(project) == []

    # gh-deploy publishes config.site_dir after the build: it must be the real folder again.
    git = [
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "-c",
        "init.defaultBranch=main",
    ]
    env = {
        **ENV,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    remote = tmp_path / "remote.git"
    subprocess.run([*git, "init", "--bare", "-q", str(remote)], check=True)
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "remote", "add", "origin", str(remote)], cwd=project, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    published = subprocess.run(
        ["git", "show", "gh-pages:issues/donbas/index.html"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Edited, fate of the" in published
    assert _siblings(project) == []


# -- the live preview survives garbage, a deleted file, and recovers -------------------------


def test_serve_survives_bad_bytes_and_a_deleted_file(server) -> None:  # noqa: F811
    base, project, process = server
    page = base + "issues/donbas/"
    _wait_for(page, "Sees Donbas as being fully a part of Russia")
    donbas = project / "content" / "issues" / "donbas.yml"
    putin = project / "content" / "actors" / "putin.yml"
    good, putin_text = donbas.read_bytes(), putin.read_bytes()

    donbas.write_bytes(good.replace(b"Fate of the", b"Fate of th\xe9"))
    line = good[: good.index(b"Fate of the")].count(b"\n") + 1
    # one Latin-1 byte in a UTF-8 file (its curly quotes are no cp1252 text): not UTF-8
    bad_byte = f"content/issues/donbas.yml:{line}:18: this file is not saved as UTF-8 text"
    _wait_for(page, bad_byte, seconds=10)
    donbas.write_bytes(b"\x00\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _wait_for(
        page, "content/issues/donbas.yml:1:2: this file is not saved as UTF-8 text", seconds=10
    )
    donbas.write_bytes(good)
    putin.unlink()
    _wait_for(page, "unknown actor &#x27;putin&#x27;", seconds=10)
    assert process.poll() is None

    putin.write_bytes(putin_text)
    _wait_for(page, "Sees Donbas as being fully a part of Russia", seconds=10)
    assert process.poll() is None


# -- content/ is a closed box: no link out, no loop ------------------------------------------

LINKS = {
    "env.txt": "/proc/self/environ",
    "leak.txt": "/etc/passwd",
    "loop": ".",
    "actors/up": "..",
}
LINKS_REPORT = """\
content/actors/up:1:1: symbolic link to '..': the content folder is published as it is, so it may hold only files and folders; put a copy of the file here instead
content/env.txt:1:1: symbolic link to '/proc/self/environ': the content folder is published as it is, so it may hold only files and folders; put a copy of the file here instead
content/leak.txt:1:1: symbolic link to '/etc/passwd': the content folder is published as it is, so it may hold only files and folders; put a copy of the file here instead
content/loop:1:1: symbolic link to '.': the content folder is published as it is, so it may hold only files and folders; put a copy of the file here instead
"""


def _link_out(content: Path) -> None:
    for name, target in LINKS.items():
        os.symlink(target, content / name)


def test_links_out_of_content_and_loops_fail_validate_and_build_at_once(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    _link_out(project / "content")
    os.mkfifo(project / "content" / "sources" / "pipe.yml")  # reading it would block forever
    pipe = "content/sources/pipe.yml:1:1: not a regular file (a named pipe): the content folder may hold only files and folders\n"
    expected = "".join(sorted((LINKS_REPORT + pipe).splitlines(keepends=True)))
    validate = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", "content"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (validate.returncode, validate.stderr) == (1, expected + "5 problems found\n")
    result = mkdocs_build(project)  # before the fix: 300 s and 8.4 GB, then killed
    assert result.returncode == 1
    assert expected in result.stderr
    assert not (project / "site").exists()


def test_serve_shows_link_problems_and_recovers(server) -> None:  # noqa: F811
    # One loop only: with two (`loop -> .` and `actors/up -> ..`) MkDocs' file watcher itself
    # (watchdog) keeps growing before any build starts; see the report of issue 10.
    base, project, process = server
    _wait_for(base + "issues/donbas/", "Sees Donbas as being fully a part of Russia", seconds=60)
    for name in ("env.txt", "leak.txt", "loop"):
        os.symlink(LINKS[name], project / "content" / name)
    # The last good pages stay, under the preview's banner of the problems.
    page = _wait_for(base + "issues/donbas/", "The content has 3 problems", seconds=90)
    assert "Sees Donbas as being fully a part of Russia" in page
    everything = _get(base + "problems/")
    assert "content/env.txt:1:1: symbolic link to &#x27;/proc/self/environ&#x27;" in everything
    assert _get(base + "env.txt") == "HTTP 404"
    assert _get(base + "leak.txt") == "HTTP 404"
    for name in ("env.txt", "leak.txt", "loop"):
        (project / "content" / name).unlink()
    _wait_for(base + "problems/", "No problems", seconds=90)
    fixed = _get(base + "issues/donbas/")
    assert "Sees Donbas as being fully a part" in fixed and "xp-preview-problems" not in fixed


RENDER_EVERY_DETAIL = """
import sys, yaml
from site_gen.render.text import MarkdownRenderer
render = MarkdownRenderer(lambda id: ("actors/putin.md", "", "Putin"))
issue = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
print(sum(render(p["detail"], "issues/big.md").count("[") for p in issue["positions"]))
"""


def test_a_file_at_the_size_limit_is_checked_and_rendered_in_bounded_time(tmp_path: Path) -> None:
    """Linear text operations: 1 MB of the Markdown that was quadratic (100,000 `[` took hours)
    validates, and every field of it renders, well within the timeouts (`make bench` reports
    the time)."""
    content = shutil.copytree(TALKS, tmp_path / "content")
    big = content / "issues" / "big.yml"
    text = one_megabyte_issue()
    big.write_text(text, encoding="utf-8")
    validate = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", str(content)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert validate.returncode == 0, validate.stderr
    render = subprocess.run(
        [sys.executable, "-c", RENDER_EVERY_DETAIL, str(big)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert render.returncode == 0, render.stderr
    details = [p["detail"] for p in yaml.safe_load(text)["positions"]]
    # Every `[` is shown as written, whether or not it could start a link.
    assert int(render.stdout) == sum(d.count("[") for d in details)


def test_the_next_build_removes_folders_interrupted_builds_left(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    stale = [".site.building-999999999-abc", ".site.building-x1y2z3", ".site.old-q"]
    for name in stale:
        (project / name / "assets").mkdir(parents=True)
    assert mkdocs_build(project).returncode == 0
    assert _siblings(project) == []
    assert (project / "site" / "index.html").is_file()


def test_serve_shows_a_hand_written_page_s_problems_in_its_place(server) -> None:  # noqa: F811
    """Under `mkdocs serve`, a hand-written page with a tokenizer trick is not served: its
    problems are, and the page comes back once it is fixed."""
    base, project, process = server
    _wait_for(base + "issues/donbas/", "Sees Donbas as being fully a part of Russia", seconds=60)
    about = project / "content" / "about.md"
    about.write_text("# About\n\n" + TOKENIZER_TRICKS["noscript"] + "\n", encoding="utf-8")
    page = _wait_for(base + "about/", "This page is not shown", seconds=30)
    assert "content/about.md:3:1: &lt;noscript&gt; is not allowed in a hand-written page" in page
    assert "onerror=window" not in page
    about.write_text("# About\n\nWho we are.\n", encoding="utf-8")
    _wait_for(base + "about/", "Who we are.", seconds=30)
