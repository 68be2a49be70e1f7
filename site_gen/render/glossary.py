"""The glossary page."""

from __future__ import annotations

from site_gen.markup import slug
from site_gen.render.base import Renderer


def glossary(r: Renderer) -> str:
    out = [r.front("Glossary", "The terms the explainer uses.")]
    terms = [
        {"id": slug(term), "term": term, "definition": definition}
        for term, definition in r.c.glossary.items()
    ]
    out.append(r.block("glossary.html", terms=terms) + "\n")
    return "\n".join(out)
