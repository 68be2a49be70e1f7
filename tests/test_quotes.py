"""`site_gen.quotes`: what counts as the source's words, and the nearest passage, within a
bounded cost (a 1 MB text, a 5,000-character quote)."""

from __future__ import annotations

import random
import time

import pytest

from site_gen.quotes import SHOWN, SourceText

TEXT = (
    "Putin remained belligerent Friday, scoffing at the idea of starting new conflicts in "
    "Europe – but only if countries begin respecting Russia.\n"
    "“There won’t be any operations if you treat us with respect,” Putin said.\n"
    "He held a four-and-a-half-hour press conference."
)


@pytest.mark.parametrize(
    "quote",
    [
        "There won’t be any operations",
        "There won't be any operations",  # straight for curly
        '"There won’t be any operations',  # a mark of the text's own
        "There  won’t\nbe any operations",  # white space
        "Europe – but only if",
        "four-and-a-half-hour",
        "Russia.\n“There",  # across a line break
    ],
)
def test_the_source_s_words_are_found(quote: str) -> None:
    assert SourceText(TEXT).contains(quote)


@pytest.mark.parametrize(
    "quote",
    [
        "there won’t be any operations",  # case
        "Europe - but only if",  # a hyphen for the dash
        "Europe — but only if",  # an em dash for the en dash
        "four and a half hour",
        "utin remained",  # part of a word
        "Putin remain",
        "There won’t be any operations!",
    ],
)
def test_anything_else_is_not_the_source_s_words(quote: str) -> None:
    assert not SourceText(TEXT).contains(quote)


def test_the_nearest_passage_is_shown_as_the_text_has_it() -> None:
    text = SourceText(TEXT)
    assert text.nearest("There will not be any operations") == "There won’t be any operations"
    assert text.nearest("Europe - but only if") == "Europe – but only if"
    assert text.nearest("conflicts in Europe, but only") == "conflicts in Europe – but only"
    assert text.nearest("nothing shared") is None


def test_a_long_passage_is_shown_cut_in_the_middle() -> None:
    words = [f"word{i}" for i in range(200)]
    text = SourceText(" ".join(words))
    passage = text.nearest(" ".join(words[:100] + ["other"] + words[101:150]))
    assert passage is not None and " … " in passage
    assert passage.startswith("word0 word1") and len(passage) <= SHOWN + 3


def test_the_cost_is_bounded_at_the_limits() -> None:
    random.seed(7)
    vocabulary = [f"w{i}" for i in range(5_000)] + ["the"] * 500
    text = " ".join(random.choice(vocabulary) for _ in range(200_000))[:1_000_000]
    source = SourceText(text)
    at = text.index(" ", 400_000) + 1
    quote = text[at : at + 5_000].rsplit(" ", 1)[0]
    worst = [
        (source, quote.replace(" ", " zz ", 1)),  # long, one word changed
        (source, "the " * 1_000),  # common words only
        (SourceText("a " * 500_000), "a " * 2_400 + "b"),  # one word, repeated
    ]
    for text_, q in worst:
        started = time.process_time()
        assert not text_.contains(q)
        assert text_.nearest(q) is not None
        assert time.process_time() - started < 5
