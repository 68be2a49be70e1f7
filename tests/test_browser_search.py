"""Material's built-in search (lunr) on the real built site, in Chromium: it knows the facts;
and axe-core on the pages that issue 6 adds.

An actor is found by any alias, an issue by its question, a position by a word of its stance
and a quote by its words. Uses the site and browser that tests/test_browser.py uses
(conftest.py: one `mkdocs build --strict` a run, served under /explainer/).
"""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect
from test_browser import (  # skips without Chromium
    DESKTOP,
    PHONE,
    axe_violations,
    listing,
    set_scheme,
    type_search,
)

pytestmark = pytest.mark.browser

from tests.corpora import TALKS as CONTENT  # noqa: E402


def search(page, query: str, width: int = DESKTOP) -> list[str]:
    """Search for `query` as a reader does; the paths under the site of the result links."""
    links = type_search(page, query, width).locator("a.md-search-result__link")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    base = page.evaluate("new URL(__md_scope || '.', location).href")  # the site's root
    # a result links to its page (or a section of it) with ?h=<query> for highlighting
    return [h.removeprefix(base).split("#")[0].split("?")[0] for h in hrefs]


def test_the_alias_is_in_the_shipped_content() -> None:
    """ "the Kremlin" is an alias the report gives Russia ("Also called"); "Zelensky" is no
    alias of the shipped content (the report spells only "Zelenskyy")."""
    actor = yaml.safe_load((CONTENT / "actors" / "russia.yml").read_text(encoding="utf-8"))
    assert "the Kremlin" in actor["aliases"]
    actor = yaml.safe_load((CONTENT / "actors" / "zelenskyy.yml").read_text(encoding="utf-8"))
    assert "Zelensky" not in actor.get("aliases", [])


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_alias_finds_the_actor(open_page, width: int) -> None:
    page = open_page("issues/", width)
    assert "actors/russia/" in search(page, "Kremlin", width)


def test_a_shorter_spelling_finds_the_actor(open_page) -> None:
    """Search matches the start of words: "Zelensky" finds Zelenskyy's page."""
    page = open_page("")
    assert "actors/zelenskyy/" in search(page, "Zelensky")


def test_a_question_finds_its_issue(open_page) -> None:
    page = open_page("")
    assert "issues/western-troops/" in search(page, "Could Western military troops be present")


def test_a_word_of_a_stance_finds_the_position(open_page) -> None:
    page = open_page("")
    # "belligerent" is nowhere; "compromises" is in Putin's stance "Offered no new compromises"
    found = search(page, "compromises")
    assert "issues/deal-prospects/" in found
    # and a word that only a stance (and pages listing positions) carries
    found = search(page, "headway")
    assert "issues/deal-prospects/" in found


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_position_s_snippet_reads_actor_colon_stance_on_one_line(open_page, width: int) -> None:
    """The row's actor and stance are one paragraph of the index ("Putin: Says Offered no new
    compromises"), so the snippet does not show the name alone with the stance under it."""
    page = open_page("", width)
    results = type_search(page, "compromises", width)
    snippets = results.locator(".md-search-result__article p").all_inner_texts()
    assert any(re.match(r"^[^:\n]+: (Says|Reported)\b.*compromises", t, re.S) for t in snippets), (
        snippets
    )
    assert "Positions" not in [t.strip() for t in snippets]


def test_the_words_of_a_quote_find_it(open_page) -> None:
    page = open_page("")
    assert "issues/donbas/" in search(page, "by force")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("path", ["changes/", "actors/zelenskyy/"])
def test_axe_finds_nothing_on_the_changes_and_boxes(
    axe_tabs, site, path: str, width: int, scheme: str
) -> None:
    """The pages issue 6 adds or changes (AXE_PAGES in test_browser.py has the others)."""
    page = axe_tabs[width, scheme]
    page.goto("about:blank")
    response = page.goto(site.url + path)
    assert response is not None and response.ok
    set_scheme(page, scheme)
    found = axe_violations(page)
    assert not found, listing(found)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_alias_finds_a_snippet_of_separate_words(open_page, width: int) -> None:
    """Material's index drops tags without a space: the actor's facts read "Also calledthe
    Kremlin" and "MembersVladimir Putin" until each label ended in a space and an index-only
    colon (a position row reads "Actor: stance" the same way)."""
    page = open_page("", width)
    items = type_search(page, "Kremlin", width)
    russia = items.filter(has=page.locator('a[href*="actors/russia/"]'))
    expect(russia.first).to_be_visible()
    text = " ".join(russia.first.inner_text().split())
    assert "Members: Vladimir Putin Also called: the Kremlin" in text
    assert not re.search(r"[a-z][A-Z]", text), text  # no two words run together
