"""The HTML blocks come from autoescaped Jinja2 templates that a site can override by name."""

from __future__ import annotations

from pathlib import Path

from site_gen.check import get_content
from site_gen.render import render_site
from site_gen.render.templating import block, environment
from tests.corpora import TALKS


def test_a_block_escapes_text_and_keeps_markup() -> None:
    from markupsafe import Markup

    html = block(
        environment(None),
        "quote.html",
        text="<img src=x onerror=\"a()\"> & 'b'",
        attribution=Markup("<b>Someone</b>"),
        cite=Markup("[1]"),
    )
    assert html == (
        '<figure class="xp-quote"><blockquote><p>&lt;img src=x onerror=&quot;a()&quot;&gt; '
        "&amp; &#x27;b&#x27;</p></blockquote><figcaption><b>Someone</b> [1]</figcaption></figure>"
    )


def test_a_template_in_the_sites_folder_overrides_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "quote.html").write_text(
        '<figure class="house-quote">\n\n“{{ text }}” {{ cite }}</figure>\n', encoding="utf-8"
    )
    content = get_content(TALKS)
    page = "issues/deal-prospects.md"
    plain = render_site(content, data_files=False).pages[page]
    branded = render_site(content, data_files=False, templates=tmp_path).pages[page]
    assert '<figure class="xp-quote">' in plain and "house-quote" not in plain
    said = "“Maybe that happens this week, maybe that happens next month"
    assert f'<figure class="house-quote">\n{said}' in branded
    assert '<figure class="xp-quote">' not in branded
