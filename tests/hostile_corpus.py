"""A small explainer with a hostile payload in every text field, for the hostile suite and the
browser test. Every payload that could run sets `window.__pwned`; none may."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=1</script>"
SVG = '"><svg onload=window.__pwned=1>'
SVG_SINGLE = "'><svg/onload=window.__pwned=1>"
ATTRS = "{onclick=window.__pwned=1}"
CLOSE = "</td></tr></table>" + SCRIPT
JINJA = "{{ config.site_name }} {% if true %}jinja{% endif %}"

FILES: dict[str, dict] = {
    "explainer.yml": {
        "title": f"Talks {SCRIPT} {ATTRS}",
        "lede": f"{IMG} and {SVG} and {JINJA}",
        "as_of": "2025-12",
        "principals": ["alpha", "beta"],
    },
    "actors/alpha.yml": {
        "name": f"Alpha {SVG}",
        "kind": "state",
        "role": CLOSE,
        "aliases": ["{{ 7*7 }}", "'; window.__pwned=1; '"],
        "summary": f"{SCRIPT} and [[beta|<b onclick=window.__pwned=1>B</b>]]",
    },
    "actors/beta.yml": {
        "name": f"Beta {ATTRS}",
        "kind": "person",
        "affiliation": "alpha",
        "role": SVG_SINGLE,
        "summary": "# heading\n\n> quote\n\n- item | pipe",
    },
    "issues/hostile.yml": {
        "title": "Pipes | & <b>bold</b>",
        "question": f"{SVG}?",
        "status": "open",
        "summary": '{% for x in y %}{{ x }}{% endfor %} <iframe srcdoc="' + SCRIPT + '">',
        "positions": [
            {
                "actor": "alpha",
                "stance": f"{IMG} | a || b",
                "detail": f"</table>{SCRIPT}",
                "as_of": "2025-12",
                "sources": ["src"],
                "quotes": [{"text": f"{SVG}\n| a | b |\n|---|---|", "source": "src"}],
            },
            {
                "actor": "beta",
                "stance": "# not a heading",
                "as_of": "2025-12-02",
                "sources": ["src"],
                "quotes": [{"text": "- not a list", "source": "src"}],
            },
            {"actor": "beta", "stance": "> not a quote", "as_of": "2025-11", "sources": ["src"]},
        ],
    },
    "events/meeting.yml": {
        "date": "2025-12-01",
        "title": SCRIPT,
        "summary": '<a href="javascript:window.__pwned=1">x</a>',
        "actors": ["alpha"],
        "issues": ["hostile"],
        "sources": ["src"],
        "quotes": [{"text": JINJA, "by": "beta", "source": "src"}],
    },
    "sources/src.yml": {
        "title": SCRIPT,
        "publisher": SVG,
        "url": f"https://example.org/?q={SVG}",
    },
    "glossary.yml": {
        "<b onmouseover=window.__pwned=1>term</b>": f"{{{{ config.extra }}}} {SCRIPT}",
    },
}


def write_corpus(root: Path) -> Path:
    """Write the corpus into `root` (a content folder); yaml.safe_dump quotes every payload."""
    for rel, data in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return root


def write_corpus_over(content: Path) -> None:
    """Replace everything in `content` with the corpus."""
    for path in sorted(content.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    write_corpus(content)


# Markup a browser tokenizes differently from Python's html.parser: each hides IMG from a
# parser that reads the wrapper's content as markup, while the browser runs it (issue 10).
WRAPPERS = ("noscript", "xmp", "noembed", "noframes", "iframe", "textarea", "title")
TOKENIZER_TRICKS: dict[str, str] = {
    **{w: f'<{w}><p title="</{w}>{IMG}"></{w}>' for w in WRAPPERS},
    "svg-style": f"<div><svg><style>{IMG}</style></svg></div>",
    "math-style": f"<div><math><style>{IMG}</style></math></div>",
    "cdata": f"<div><![CDATA[>{IMG}]]></div>",
}


# Markdown that made parsers take time growing with the square of its length (issue 10, C).
SLOW_UNITS = (
    "[",
    "![",
    "[[",
    "[[a|",
    "[a][",
    "*a",
    "*a*",
    "**a",
    "_a",
    "`a",
    "<a",
    "&",
    "> ",
    "\\[",
)


def one_megabyte_issue(limit: int = 990_000, units: tuple[str, ...] = SLOW_UNITS) -> str:
    """An issue file just under the 1 MB limit: positions whose `detail` (5,000 characters,
    the most a Markdown field holds) each repeat one of `units`, in turn."""
    out = ["title: Big\nquestion: Big?\nstatus: open\nsummary: Big.\npositions:\n"]
    size, i = len(out[0]), 0
    while True:
        unit = units[i % len(units)]
        detail = json.dumps(unit * (4990 // len(unit)))
        entry = (
            f"  - actor: putin\n    stance: S{i}\n    detail: {detail}\n"
            f"    as_of: '{1000 + i}'\n    sources: [report-rubio-progress]\n"
        )
        if size + len(entry.encode()) > limit:
            return "".join(out)
        out.append(entry)
        size, i = size + len(entry.encode()), i + 1
