# ruff: noqa: E501 - the expected outputs are golden text, one problem per line
"""Hostile input, YAML to built page: what is rejected (the exact `validate` report), what is
accepted (the exact escaped text on the built page), bounded resources, and no lost work.

The browser half is tests/test_browser_hostile.py; arbitrary text is tests/test_properties.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from site_gen.check import get_content
from site_gen.render import render_site
from site_gen.safety import scan_page, scan_site, theme_scripts
from tests.hostile_corpus import write_corpus, write_corpus_over
from tests.test_build import ENV, mkdocs_build, project_copy
from tests.test_serve import _wait_for, server  # noqa: F401 - server is a fixture

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
        "content/actors/evil.yml:1:7: YAML tag '!!python/object/apply:os.system' is not allowed: fact files hold only text, lists and mappings",
        id="python-tag",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: Caf\xe9\nkind: group\n"},
        "content/actors/evil.yml:1:10: not UTF-8: byte 0xe9 cannot be read; save the file as UTF-8",
        id="latin-1-bytes",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: ok\nkind: group\n\x00\x01\x02\xff\xfe garbage"},
        "content/actors/evil.yml:3:4: not UTF-8: byte 0xff cannot be read; save the file as UTF-8",
        id="binary-garbage",
    ),
    pytest.param(
        {"actors/evil.yml": b"name: ok\x00\nkind: group\n"},
        "content/actors/evil.yml:1:9: character U+0000 is not allowed in YAML",
        id="nul-character",
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
        '<td data-label="Position"><p class="xp-stance">&lt;img src=x onerror=window.__pwned=1&gt; | a || b</p><figure class="xp-quote">',
        id="stance-pipes",
    ),
    pytest.param(
        "issues/hostile/index.html",
        "</figure><details><summary>More</summary><p>&lt;/table&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</p></details></td>",
        id="stance-pipes-and-detail-closing-table",
    ),
    pytest.param(
        "issues/hostile/index.html",
        "<blockquote><p>&quot;&gt;&lt;svg onload=window.__pwned=1&gt;\n| a | b |\n|---|---|</p></blockquote>",
        id="quote-with-a-markdown-table-stays-text",
    ),
    pytest.param(
        "issues/hostile/index.html",
        '<td data-label="Position"><p class="xp-stance"># not a heading</p><figure class="xp-quote">',
        id="stance-leading-hash",
    ),
    pytest.param(
        "issues/hostile/index.html",
        "<blockquote><p>- not a list</p></blockquote>",
        id="quote-leading-dash",
    ),
    pytest.param(
        "issues/hostile/index.html",
        ': &gt; not a quote <a class="xp-cite"',
        id="earlier-stance-leading-angle",
    ),
    pytest.param(
        "actors/alpha/index.html",
        "<dt>Role</dt><dd>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;</dd>",
        id="role-closing-table",
    ),
    pytest.param(
        "actors/alpha/index.html",
        "<dt>Also called</dt><dd>{{ 7*7 }}, &#x27;; window.__pwned=1; &#x27;</dd>",
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
        "&lt;b onmouseover=window.__pwned=1&gt;term&lt;/b&gt;</dt><dd>{{ config.extra }} &lt;script&gt;window.__pwned=1&lt;/script&gt;</dd>",
        id="glossary-term-and-definition",
    ),
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus built with `mkdocs build --strict`."""
    project = project_copy(tmp_path_factory.mktemp("hostile"))
    write_corpus_over(project / "content")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize(("page", "fragment"), ACCEPTED)
def test_accepted_text_is_shown_escaped(hostile_site: Path, page: str, fragment: str) -> None:
    assert fragment in (hostile_site / page).read_text(encoding="utf-8")


def test_hostile_site_passes_the_safety_net_and_carries_no_live_payload(hostile_site: Path) -> None:
    assert scan_site(hostile_site, allowed_scripts=()) != []  # the theme's own scripts
    config = load_config(str(hostile_site.parent / "mkdocs.yml"))
    allowed = theme_scripts(Path(d) for d in config.theme.dirs)
    assert scan_site(hostile_site, allowed) == []
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
            '1: <script> loading a file that is not the site\'s own: <script src="https://evil.example/x.js">'
        ],
        id="external-script",
    ),
    pytest.param(
        '<script src="../../../etc/x.js"></script>',
        [
            '1: <script> loading a file that is not the site\'s own: <script src="../../../etc/x.js">'
        ],
        id="script-outside-the-site",
    ),
    pytest.param(
        '<script src="assets/missing.js"></script>',
        [
            '1: <script> loading a file that is not the site\'s own: <script src="assets/missing.js">'
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
    found = scan_page(html, "index.html", allowed, site_dir=tmp_path)
    assert [str(u).removeprefix("index.html:") for u in found] == expected


def test_safety_net_allows_the_theme_scripts_of_the_404_page_under_a_sub_path(
    tmp_path: Path,
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text("", encoding="utf-8")
    page = '<script src="/explainer/assets/app.js"></script><script src="/assets/app.js"></script>'
    found = scan_page(page, "404.html", (), site_dir=tmp_path, base_path="/explainer/")
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
    '{% extends "main.html" %}\n{% block announce %}{{ config.extra.banner }}{% endblock %}\n'
)

FAILURES = [
    pytest.param(
        {"content/issues/donbas.yml": "title: [unclosed\n"},
        r"content/issues/donbas.yml:2:1: invalid YAML: did not find expected ',' or '\]' .*",
        id="content-error",
    ),
    pytest.param(
        {"content/about.md": "# About\n\n<img src=x onerror=alert(1)>\n"},
        r"  about/index.html:\d+: event-handler attribute 'onerror': <img src=x onerror=alert\(1\)>",
        id="safety-net-hand-written-page",
    ),
    pytest.param(
        {
            "theme/home.html": BANNER_TEMPLATE,
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
        if rel == "theme/home.html":
            (project / "mkdocs.yml").write_text(
                (project / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8"
            )
        path.write_text(text, encoding="utf-8")
    if "theme/home.html" in changes:  # the home page is the one to use the banner template
        index = project / "content" / "index.md"
        index.write_text("---\ntemplate: home.html\n---\n# Home\n", encoding="utf-8")

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
    bad_byte = f"content/issues/donbas.yml:{line}:18: not UTF-8: byte 0xe9 cannot be read"
    _wait_for(page, bad_byte, seconds=10)
    donbas.write_bytes(b"\x00\x89PNG\r\n\x1a\n" + bytes(range(256)))
    _wait_for(
        page, "content/issues/donbas.yml:1:2: not UTF-8: byte 0x89 cannot be read", seconds=10
    )
    donbas.write_bytes(good)
    putin.unlink()
    _wait_for(page, "unknown actor &#x27;putin&#x27;", seconds=10)
    assert process.poll() is None

    putin.write_bytes(putin_text)
    _wait_for(page, "Sees Donbas as being fully a part of Russia", seconds=10)
    assert process.poll() is None
