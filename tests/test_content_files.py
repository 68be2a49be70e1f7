"""What `content/` may publish (`site_gen/published.py`): files a browser may run are refused,
pages set only allowed front matter and stay bounded, hand-written files never take a generated
file's place; and the one URL rule and the script allowlist of the safety net (`safety.py`)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_gen.published import defuse_markup
from site_gen.safety import known_scripts, other_host, scan_page
from tests.test_build import ENV, mkdocs_build, project_copy

KINDS = "pages (.md), fact files (.yml) and files no browser runs: images other than SVG (.png, .jpg, .gif, .webp, .avif), PDF, fonts, .csv, .json, .txt, audio and video"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[fetch("http://127.0.0.1:8081/")'
    "]]></script></svg>"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)

HOSTILE_FILES: dict[str, str | bytes] = {
    "chart.svg": SVG,
    "page.htm": "<script>window.__pwned=1</script>",
    "page.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>1</script></html>',
    "raw.html": '<script src="evil.js"></script>',
    "evil.js": "window.__pwned = 1",
    "style.css": "body{background:url(https://evil.example/x.png)}",
    "fake.png": "<html><script>window.__pwned=1</script></html>",
    "table.csv": "<script>window.__pwned=1</script>",
    "go.md": (
        "---\ntemplate: redirect.html\n"
        "location: javascript:window.__pwned=1;alert(document.domain)//\n---\n# Moved\n"
    ),
    "away.md": "Title: Away\nTemplate: redirect.html\nLocation: https://evil.example/phish\n\n# A\n",
}
HOSTILE_REPORT = f"""\
content/away.md:2:1: front matter 'template' is not allowed: a page may set only description, hide, icon, search, status, subtitle, title (nothing that picks a template or a redirect)
content/away.md:3:1: front matter 'location' is not allowed: a page may set only description, hide, icon, search, status, subtitle, title (nothing that picks a template or a redirect)
content/chart.svg:1:1: '.svg' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/evil.js:1:1: '.js' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/fake.png:1:1: is not a '.png' file (its first bytes are not those of one): a browser could read it as something else; save it again in its real format
content/go.md:2:1: front matter 'template' is not allowed: a page may set only description, hide, icon, search, status, subtitle, title (nothing that picks a template or a redirect)
content/go.md:3:1: front matter 'location' is not allowed: a page may set only description, hide, icon, search, status, subtitle, title (nothing that picks a template or a redirect)
content/page.htm:1:1: '.htm' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/page.xhtml:1:1: '.xhtml' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/raw.html:1:1: '.html' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/style.css:1:1: '.css' files are not published: a browser may run script in them, and the safety net does not read them; the content folder publishes only {KINDS}
content/table.csv:1:1: holds markup or binary data, not the text a '.csv' file holds: a browser could read it as a page; save it as plain text
"""


def _put(content: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def test_validate_refuses_every_file_a_browser_may_run(content: Path, validate) -> None:
    _put(content, HOSTILE_FILES)
    code, out, err = validate()
    assert (code, out) == (1, "")
    assert err == HOSTILE_REPORT + "12 problems found\n"


def test_inert_files_hidden_files_and_templates_pass(content: Path, validate) -> None:
    _put(
        content,
        {
            "img/photo.png": PNG,
            "doc.pdf": b"%PDF-1.7\n",
            "data.csv": "a,b\n1,2\n",
            "notes.json": '{"a": 1}',
            ".gitkeep": "",
            "actors/.DS_Store": b"\x00\x00\x00\x01Bud1",
            "templates/anything.html": "<script>1</script>",
            "about.md": "---\ntitle: About\nhide: [toc]\nsearch: {exclude: true}\n---\n# About\n",
        },
    )
    code, out, err = validate()
    assert (code, out.startswith("ok: "), err) == (0, True, "")


def test_front_matter_values_are_checked(content: Path, validate) -> None:
    _put(content, {"about.md": "---\ntitle: [a, b]\nhide: [everything]\n---\n# About\n"})
    code, _, err = validate()
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/about.md:2:1: front matter 'title' must be one line of text",
        "content/about.md:3:1: front matter 'hide' must be a list of: feedback, footer, "
        "navigation, path, tags, toc",
    ]


def test_a_page_is_bounded_in_size_and_in_paragraph_length(content: Path, validate) -> None:
    _put(content, {"big.md": "# Big\n\n" + "word " * 40_001, "long.md": "# L\n\n" + "x" * 6_000})
    code, _, err = validate()
    assert code == 1
    assert err.splitlines()[:2] == [
        "content/big.md:1:1: page too long: 200,012 bytes, the limit is 200,000; split it into "
        "several pages",
        "content/long.md:3:1: paragraph too long: 6,001 characters, at most 5,000 in one "
        "paragraph (as in a Markdown field); split it with a blank line",
    ]


def test_a_build_refuses_the_hostile_files_and_a_page_in_a_generated_page_s_place(
    tmp_path: Path,
) -> None:
    project = project_copy(tmp_path)
    _put(project / "content", HOSTILE_FILES)
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert HOSTILE_REPORT in result.stderr
    assert not (project / "site").exists()

    for name in HOSTILE_FILES:
        (project / "content" / name).unlink()
    _put(
        project / "content",
        {
            "issues/donbas.md": "# Enrichment\n",
            "timeline/index.md": "# My timeline\n",
            "data/explainer.json": "{}",
        },
    )
    result = mkdocs_build(project)
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if "takes the place" in line]
    assert problems == [
        "content/data/explainer.json:1:1: takes the place of the generated "
        "'data/explainer.json': a hand-written file may not replace what the facts compile "
        "to; rename or move it",
        "content/issues/donbas.md:1:1: takes the place of the generated 'issues/donbas.md' "
        "(made from content/issues/donbas.yml): a hand-written file may not replace what the "
        "facts compile to; rename or move it",
        "content/timeline/index.md:1:1: takes the place of the generated 'timeline.md': a "
        "hand-written file may not replace what the facts compile to; rename or move it",
    ]


def test_a_page_at_the_limits_of_the_worst_markdown_builds_in_seconds(tmp_path: Path) -> None:
    """Python-Markdown took over two minutes on 190 KB of `<a ` (raw HTML that never closes)
    and 50 s on as much `\\\\[`: within the limits, each `<` and `[` costs a bounded look."""
    project = project_copy(tmp_path)
    paragraphs = [pattern * (4_900 // len(pattern)) for pattern in ("<a ", "\\\\[", "**_", "<!--")]
    text = "# Worst\n\n" + "\n\n".join(paragraphs * 10)
    assert len(text.encode()) < 200_000
    (project / "content" / "worst.md").write_text(text, encoding="utf-8")
    start = time.process_time()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert time.process_time() - start < 1  # the child's time is its own: this is the parent
    html = (project / "site" / "worst" / "index.html").read_text(encoding="utf-8")
    assert "&lt;a &lt;a " in html and "&lt;!--&lt;!--" in html


def test_defused_markup_keeps_whole_tags_comments_and_autolinks() -> None:
    text = '<a href="x">y</a> <!-- c --> <https://x.example> <a@b.example> a < b <i>'
    assert defuse_markup(text) == (
        '<a href="x">y</a> <!-- c --> <https://x.example> <a@b.example> a \ufdd1 b <i>'
    )


# -- one URL rule: as the WHATWG URL parser reads an address on an http(s) page ------------

HOSTS = [
    ("https://evil.example/a.png", "evil.example"),
    ("https:evil.example/a.png", "evil.example"),
    ("https:/evil.example/b.png", "evil.example"),
    ("HTTPS:\\\\evil.example", "evil.example"),
    ("/\\evil.example/x", "evil.example"),
    ("\\\\evil.example/x", "evil.example"),
    ("//evil.example/x", "evil.example"),
    ("///evil.example/x", "evil.example"),
    ("ht\ttps://evil.example/", "evil.example"),
    ("htt\nps://evil.example/", "evil.example"),
    (" \x01https://evil.example/", "evil.example"),
    ("https://user:pw@EVIL.example.:8443/", "evil.example"),
    ("https://%65vil.example/", "evil.example"),
    ("file:///etc/passwd", "file:"),
    ("img/a.png", None),
    ("/img/a.png", None),
    ("?x=//evil.example", None),
    ("#//evil.example", None),
    ("mailto:a@evil.example", None),
]


@pytest.mark.parametrize(("url", "host"), HOSTS)
def test_other_host_reads_urls_as_browsers_do(url: str, host: str | None) -> None:
    assert other_host(url) == host


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="https:evil.example/a.png" alt="a">',
        '<img src="https:/evil.example/b.png" alt="b">',
        '<iframe src="https:evil.example/frame" title="f"></iframe>',
        '<img srcset="a.png 1x, https:evil.example/c.png 2x" alt="c">',
        '<video poster="/\\evil.example/p.png"></video>',
        '<object data="\\\\evil.example/o"></object>',
        '<form action="https:evil.example/f"></form>',
        '<p style="background: u\\72l(https:evil.example/s.png)">x</p>',
        "<style>@import 'https:evil.example/s.css';</style>",
    ],
)
def test_the_net_finds_loads_from_another_host_in_every_form(markup: str) -> None:
    found = scan_page(markup, "index.html")
    assert any("another host 'evil.example'" in u.what for u in found), found


def test_a_script_is_trusted_for_its_bytes_not_for_being_on_the_site(tmp_path: Path) -> None:
    theme, site = tmp_path / "theme", tmp_path / "site"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets" / "app.js").write_text("/* the theme */", encoding="utf-8")
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "app.js").write_text("/* the theme */", encoding="utf-8")
    (site / "evil.js").write_text("window.__pwned = 1", encoding="utf-8")
    scripts = known_scripts([theme])
    assert scripts == {"assets/app.js": frozenset([hashlib.sha256(b"/* the theme */").hexdigest()])}
    page = '<script src="assets/app.js"></script><script src="evil.js"></script>'
    found = scan_page(page, "index.html", site_dir=site, scripts=scripts)
    assert [u.snippet for u in found] == ['<script src="evil.js">']
    (site / "assets" / "app.js").write_text("window.__pwned = 1", encoding="utf-8")
    found = scan_page(page, "index.html", site_dir=site, scripts=scripts)
    assert [u.snippet for u in found] == ['<script src="assets/app.js">', '<script src="evil.js">']


def test_the_page_list_is_written_only_to_a_new_file(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "taken").mkdir()
    result = mkdocs_build(project, env={**ENV, "SITE_GEN_PAGE_LIST": "taken"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  SITE_GEN_PAGE_LIST=taken: that file or folder exists; the page list is "
        "written only to a new file (make build removes build/pages.txt first)"
    ) in result.stderr


def test_a_source_s_text_is_read_never_published(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    text = project / "content" / "sources" / "report-rubio-progress.txt"
    assert text.is_file()  # the fixture keeps the report's text beside it
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "sources" / "report-rubio-progress.txt").exists()
    assert [p.name for p in site.rglob("*.txt")] == ["Newsreader-OFL.txt"]  # the theme's font's
    page = (site / "issues" / "deal-prospects" / "index.html").read_text(encoding="utf-8")
    assert page.count("checked against the source text</span>") == 2
