"""Glossary terms marked up in the text of generated pages: `<abbr title="definition">`,
focusable, so that a tap or the keyboard shows the definition (theme: `.xp-term:focus`).

Each term is marked where it first appears in the prose of a page (summaries, stances,
questions, details), never inside links, headings, code, quotes, labels or attributes, and
never in the Markdown around the HTML blocks (front matter, headings). Pure: text in, text out.
"""

from __future__ import annotations

import functools
import html
import re

from site_gen.markup import slug
from site_gen.model import Content
from site_gen.render.text import esc

GLOSSARY_PAGE = "glossary.md"

# The pages are our own HTML: text is escaped, so `<` always starts a tag; a quoted attribute
# value may still hold `>` (nh3 leaves it), hence the quoted alternatives.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
_NOT_PROSE = {
    *(f"h{n}" for n in range(1, 7)),
    "a",  # a link holds no other interactive element, and its text is its label
    "abbr",
    "blockquote",  # quotes are the source's exact words, shown untouched
    "button",
    "cite",
    "code",
    "dt",
    "figcaption",
    "kbd",
    "label",
    "nav",
    "pre",
    "samp",
    "script",
    "span",  # badges and labels: Open, Red line, Not stated
    "style",
    "summary",
    "textarea",
    "th",
    "time",
    "title",
}


def fact_terms(c: Content) -> dict[str, str]:
    """The glossary terms that name an actor or an issue, each with that fact's page."""
    names: dict[str, str] = {}
    for actor in c.actors.values():
        page = f"actors/{actor.id}.md"
        for name in (actor.id, actor.name, *actor.aliases):
            names.setdefault(_fact_key(name), page)
    for issue in c.issues.values():
        page = f"issues/{issue.id}.md"
        for name in (issue.id, issue.title):
            names.setdefault(_fact_key(name), page)
    found = {}
    for term in c.glossary:
        target = names.get(_fact_key(term)) or names.get(_fact_key(slug(term)))
        if target:
            found[term] = target
    return found


def tooltip_terms(c: Content) -> dict[str, str]:
    """The glossary terms pages mark as tooltips: those that name no actor or issue."""
    facts = fact_terms(c)
    return {term: text for term, text in c.glossary.items() if term not in facts}


def mark_pages(pages: dict[str, str], glossary: dict[str, str]) -> dict[str, str]:
    """Every page with its glossary terms marked, except the glossary page itself."""
    if not glossary:
        return pages
    return {
        path: text if path == GLOSSARY_PAGE else mark_terms(text, glossary)
        for path, text in pages.items()
    }


def mark_terms(page: str, glossary: dict[str, str]) -> str:
    """The page with the first use of each term in its prose wrapped in `<abbr title>`.

    Terms match whole words, ignoring case and line breaks; a longer term wins over one it
    contains (`Article 5-like guarantees` over `Article 5`)."""
    if not glossary:
        return page
    by_key, pattern = _matcher(tuple(glossary.items()))
    start = _body_start(page)
    words = _first_words(tuple(glossary))
    if words is not None:
        lowered = page[start:].lower()
        if not any(word in lowered for word in words):
            return page  # no term anywhere on the page: skip the walk over its tags
    elif not pattern.search(html.unescape(page[start:])):
        return page
    done: set[str] = set()
    out: list[str] = []
    stack: list[str] = []
    out.append(page[:start])
    pos = start
    for tag in _TAG.finditer(page, start):
        text = page[pos : tag.start()]
        if text and stack and not _NOT_PROSE.intersection(stack):
            text = _mark(text, pattern, by_key, done)
        out.append(text)
        out.append(tag.group(0))
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            if name in stack:
                while stack.pop() != name:
                    pass
        elif name not in _VOID and not tag.group(0).endswith("/>"):
            stack.append(name)
    out.append(page[pos:])
    return "".join(out)


@functools.lru_cache(maxsize=4)
def _matcher(glossary: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], re.Pattern[str]]:
    """Definitions by normalized term, and one pattern for every term, longest first."""
    by_key = {_key(term): definition for term, definition in glossary}
    ordered = sorted((term for term, _ in glossary), key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(r"\s+".join(map(re.escape, term.split())) for term in ordered)
        + r")(?!\w)",
        re.IGNORECASE,
    )
    return by_key, pattern


@functools.lru_cache(maxsize=4)
def _first_words(terms: tuple[str, ...]) -> tuple[str, ...] | None:
    """Each term's first word in lower case, which every use of the term contains as written
    on the page; None when a term is not plain ASCII letters (escaping or case folding could
    then hide it from a plain search)."""
    words = tuple(term.split()[0].lower() for term in terms if term.split())
    return words if all(re.fullmatch(r"[a-z0-9 -]+", t.lower()) for t in terms) else None


def _body_start(page: str) -> int:
    """Where the Markdown body starts: after the front matter, if any."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 3)
        if end >= 0:
            return end + len("\n---\n")
    return 0


def _key(term: str) -> str:
    return " ".join(term.split()).casefold()


def _mark(text: str, pattern: re.Pattern[str], by_key: dict[str, str], done: set[str]) -> str:
    plain = html.unescape(text)
    pieces, last = [], 0
    for m in pattern.finditer(plain):
        key = _key(m.group(0))
        if key in done or key not in by_key:
            continue
        done.add(key)
        pieces.append(esc(plain[last : m.start()]))
        # Focusable, so a tap or the keyboard opens the definition as hover does (the theme
        # shows the title on :focus); a phone has no hover.
        pieces.append(
            f'<abbr class="xp-term" title="{esc(by_key[key])}" tabindex="0">'
            f"{esc(m.group(0))}</abbr>"
        )
        last = m.end()
    if not pieces:
        return text  # untouched: no re-escaping of text without a term
    return "".join(pieces) + esc(plain[last:])


def _fact_key(name: str) -> str:
    return " ".join(name.split()).casefold()
