"""The pages a newsroom writes by hand in the content folder: what the adapter does to their
Markdown before the engine reads it, and to their HTML after. Pure: no MkDocs."""

from __future__ import annotations

from collections.abc import Mapping

from site_gen.errors import Problem
from site_gen.markup import PLACEHOLDER, defuse_brackets
from site_gen.published import (
    MARKUP_PLACEHOLDER,
    allowed_front_matter,
    defuse_markup,
    front_matter_problems,
    paragraph_problems,
)
from site_gen.safety import check_hand_written


class HandWritten:
    """The hand-written pages of one build and their problems: found in the Markdown (front
    matter, paragraphs) and in the HTML (`safety.check_hand_written`)."""

    def __init__(self) -> None:
        self._source: dict[str, list[Problem]] = {}
        self.problems: list[Problem] = []
        """Every problem found so far; a build fails on them once every page is seen."""

    def markdown(
        self, uri: str, markdown: str, meta: Mapping[str, object], source: str, display: str
    ) -> tuple[str, dict[str, object]]:
        """The Markdown the engine may read, and the front matter it may keep (no template,
        no redirect: `published.py`). Every `[` that starts no link, and every `<` that starts
        no tag, is kept from Python-Markdown; a paragraph is bounded like a Markdown field
        (linear time): a page with a too-long one is not rendered at all."""
        found = front_matter_problems(meta, source, display)
        too_long = paragraph_problems(source, display)
        self._source[uri] = found + too_long
        if too_long:
            return "", allowed_front_matter(meta)
        return defuse_markup(defuse_brackets(markdown)), allowed_front_matter(meta)

    def html(self, uri: str, html: str, source: str, display: str) -> tuple[str, list[Problem]]:
        """The page's HTML with the kept characters back, and its problems."""
        html = html.replace(PLACEHOLDER, "[").replace(MARKUP_PLACEHOLDER, "&lt;")
        problems = self._source.pop(uri, []) + check_hand_written(html, source, display)
        self.problems += problems
        return html, problems

    def taken(self) -> list[Problem]:
        """The problems found since the last call (one build's)."""
        problems, self.problems = self.problems, []
        return problems
