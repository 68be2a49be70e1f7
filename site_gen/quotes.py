"""A source's own text (`sources/<id>.txt`) and the quotes checked against it.

A quote is the source's exact words: it must appear in the text, whole words at both ends,
with only two kinds of difference allowed, white space (a line break, two spaces) and the
style of quotation marks (' ’ ‘ and " “ ”). Case, dashes and every other character count.
When a quote is not there, `SourceText.nearest` finds the passage that comes closest, in time
that grows with the text and the quote, not their product: candidate places come from the
quote's rarest words, and only the few best of them are compared word by word.

Pure: `load.py` reads the file, `check.py` asks.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_JOINED = re.compile(r"\w\w")
_RAREST = 3
"""How many of the quote's rarest words place the candidate passages."""
_PER_WORD = 50
"""Places tried for each of those words: a quote of common words alone stops here."""
_FEW_WORDS = 50
"""A quote of at most this many words is compared word by word with `_COMPARED` candidate
passages, which finds where the nearest passage starts and ends; a longer one is shown beside
the passage that shares most of its words, aligned on its rarest word."""
_COMPARED = 20
_SHORT = 300
"""Up to this many characters, a quote is also compared character by character with each
candidate passage, which tells apart passages that share as many whole words."""
SHOWN = 240
"""The most characters of a nearest passage a message shows (its middle is cut)."""


def flatten(text: str) -> str:
    """`text` as quotes are compared: each run of white space one space, and curly quotation
    marks straight."""
    return _SPACE.sub(" ", text).translate(_MARKS)


class SourceText:
    """The text of one source, ready to check quotes against. Its word index is built the
    first time a quote is missing from it, and kept (the live preview keeps the object while
    the file is unchanged)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.flat = flatten(text)
        self._words: list[str] = []
        self._spans: list[tuple[int, int]] = []
        self._where: dict[str, list[int]] | None = None

    def contains(self, quote: str) -> bool:
        """Whether `quote` is in the text, as whole words, white space and quotation marks
        aside."""
        q = flatten(quote).strip()
        flat = self.flat
        at = flat.find(q)
        while at >= 0:
            end = at + len(q)
            if not (_inside_word(flat, at) or _inside_word(flat, end)):
                return True
            at = flat.find(q, at + 1)
        return False

    def nearest(self, quote: str) -> str | None:
        """The passage of the text closest to `quote`, as written there (white space runs as
        one space), or None when the text holds none of its words."""
        qwords = [w.casefold() for w in _WORD.findall(quote)]
        where = self._index()
        present = {w for w in qwords if w in where}
        if not present:
            return None
        n = len(qwords)
        slack = n // 4 + 2
        starts: set[int] = set()
        for word in sorted(present, key=lambda w: (len(where[w]), w))[:_RAREST]:
            offset = qwords.index(word)
            starts.update(max(0, t - offset) for t in where[word][:_PER_WORD])
        wanted = Counter(qwords)
        words = self._words

        def shared(start: int) -> int:
            window = Counter(words[max(0, start - slack) : start + n + slack])
            return sum((wanted & window).values())

        flat = flatten(quote).strip()
        few = n <= _FEW_WORDS
        best: tuple[tuple[int, float, int], int, int] | None = None
        for start in sorted(starts, key=lambda s: (-shared(s), s))[: _COMPARED if few else 1]:
            first, last, same = start, min(len(words), start + n) - 1, shared(start)
            if few:  # word by word, to find where the passage starts and ends
                lo = max(0, start - slack)
                window = words[lo : start + n + slack]
                matcher = SequenceMatcher(None, qwords, window, autojunk=False)
                blocks = [b for b in matcher.get_matching_blocks() if b.size]
                # From the word facing the quote's first to the one facing its last.
                first = lo + max(0, blocks[0].b - blocks[0].a)
                last = lo + min(len(window) - 1, blocks[-1].b + (n - blocks[-1].a) - 1)
                same = sum(b.size for b in blocks)
            last = max(first, last)
            # Passages sharing as many words: the closer in characters ("force" for "forces").
            close = 0.0
            if len(flat) <= _SHORT:
                passage = flatten(self.text[self._spans[first][0] : self._spans[last][1]])
                close = SequenceMatcher(None, flat, passage, autojunk=False).ratio()
            score = (same, close, -start)
            if best is None or score > best[0]:
                best = (score, first, last)
        assert best is not None  # a word of the quote is in the text, so in a window
        _, first, last = best
        passage = " ".join(self.text[self._spans[first][0] : self._spans[last][1]].split())
        if len(passage) > SHOWN:
            passage = passage[: SHOWN // 2].rstrip() + " … " + passage[-SHOWN // 2 :].lstrip()
        return passage

    def _index(self) -> dict[str, list[int]]:
        if self._where is None:
            where: dict[str, list[int]] = {}
            for i, m in enumerate(_WORD.finditer(self.text)):
                word = m[0].casefold()
                self._words.append(word)
                self._spans.append(m.span())
                where.setdefault(word, []).append(i)
            self._where = where
        return self._where


def _inside_word(text: str, at: int) -> bool:
    """Whether position `at` of `text` falls between two word characters."""
    return 0 < at < len(text) and bool(_JOINED.match(text, at - 1, at + 1))
