"""The glossary page, and the glossary terms that name a fact of the explainer.

One behaviour per word: a term that is also an actor (its name, an alias or its id) or an
issue (its title or id) is that fact's link wherever the text links it, never a tooltip in
the next sentence; its definition shows on the fact's own page (`defined_here`) and its
glossary entry links there."""

from __future__ import annotations

from site_gen.markup import slug
from site_gen.render.base import Renderer
from site_gen.render.terms import GLOSSARY_PAGE
from site_gen.render.text import href


def glossary(r: Renderer) -> str:
    out = [r.front("Glossary", "The terms the explainer uses.")]
    pages: dict[str, str] = r.derived["fact_terms"]  # type: ignore[assignment]
    terms = [
        {
            "id": slug(term),
            "term": term,
            "definition": definition,
            "href": href(GLOSSARY_PAGE, pages[term]) if term in pages else "",
        }
        for term, definition in r.c.glossary.items()
    ]
    out.append(r.block("glossary.html", terms=terms) + "\n")
    return "\n".join(out)


def defined_here(r: Renderer, page: str) -> str:
    """The glossary's line for the fact whose page this is, or nothing."""
    terms: dict[str, str] = r.derived["fact_terms"]  # type: ignore[assignment]
    for term, target in terms.items():
        if target == page:
            return r.block("defined.html", term=term, definition=r.c.glossary[term]) + "\n"
    return ""
