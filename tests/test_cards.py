"""Share cards (issue 24): the spec drawn from the facts, the PNG, the og:image tags of every
page, the cache that draws only what changed, and a build without site_url.

The alt texts of every card are golden (tests/goldens/cards/, `make goldens` rewrites them).
The builds of their own (a rebuild, no site_url, the switches off) are in the slow tier."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from site_gen import card_cache, draw, share
from site_gen.check import get_content
from site_gen.render import cards
from site_gen.render.site import render_site
from tests.corpora import TALKS, TALKS_2025_12
from tests.sites import ENV, Site, build_in_process, project_copy

GOLDENS = Path(__file__).parent / "goldens" / "cards"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
URL = "https://news.example.org/explainer/"
FONTS = draw.find_fonts([Path(__file__).parent.parent / "theme"])


@pytest.fixture(scope="module")
def talks():  # noqa: ANN201
    return get_content(TALKS_2025_12)


def test_the_issue_card_shows_question_status_and_each_principal_s_stand(talks) -> None:
    card = cards.issue_card(talks, talks.issues["donbas"])
    assert card.title == "What will happen to the Donbas region under a peace deal?"
    assert (card.kind, card.status, card.as_of) == ("issue", "open", "19 Dec 2025")
    assert [row.who for row in card.rows] == ["United States", "Ukraine", "Russia"]
    # the gap meter's words and marks: option 0 and option 1 of the issue, in its order
    assert card.rows[0].parts == (cards.Part("Not covered by our sources"),)
    assert card.rows[1].parts[0].word == "Supports" and card.rows[1].parts[0].mark == 0
    assert card.rows[2].parts == (
        cards.Part("Supports", "Donbas fully a part of Russia (reported)", 1),
    )


def test_the_home_card_has_the_bottom_line_and_the_tally(talks) -> None:
    card = cards.home_card(talks)
    assert card.title.startswith("The U.S. has made “progress” on a peace deal")
    assert card.tally == (
        ("agreed", "0 of 5 agreed"),
        ("narrowing", "1 narrowing"),
        ("open", "4 open"),
    )


def test_a_plain_page_is_titled_by_its_front_matter() -> None:
    assert (
        cards.title_of('---\ntitle: "Sources &amp; more"\n---\n# Other\n') == "Sources &amp; more"
    )
    assert cards.title_of("Some text\n\n# About us #\n") == "About us"
    assert cards.title_of("no title") == ""


@pytest.mark.parametrize("case", ["talks-2025-12", "peace-talks"])
def test_every_card_s_alt_text_matches_its_golden(case: str) -> None:
    content = get_content({"talks-2025-12": TALKS_2025_12, "peace-talks": TALKS}[case])
    pages = render_site(content).pages
    text = "".join(
        f"{path}\t{cards.alt(c)}\n" for path, c in sorted(cards.cards(content, pages).items())
    )
    golden = GOLDENS / f"{case}.tsv"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "run `make goldens` and review the diff"


def _chunks(png: bytes) -> list[str]:
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found.append(png[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return found


def test_a_card_is_a_small_palette_png_without_metadata_the_same_bytes_each_time(talks) -> None:
    card = cards.issue_card(talks, talks.issues["donbas"])
    first, second = draw.draw(card, draw.Style(), FONTS), draw.draw(card, draw.Style(), FONTS)
    assert first == second
    assert _chunks(first) == ["IHDR", "PLTE", "IDAT", "IEND"]  # no tEXt, tIME, pHYs...
    image = Image.open(io.BytesIO(first))
    assert (image.size, image.mode) == ((1200, 630), "P")
    assert len(first) < 40_000


def test_the_card_s_pixels_change_when_a_stand_changes(talks) -> None:
    card = cards.issue_card(talks, talks.issues["donbas"])
    before = draw.draw(card, draw.Style(), FONTS)
    row = card.rows[2]
    moved = cards.Row(row.who, (cards.Part("Rejects", row.parts[0].text, 1),))
    changed = cards.Card(**{**card.__dict__, "rows": (*card.rows[:2], moved)})
    assert changed.key() != card.key()
    after = draw.draw(changed, draw.Style(), FONTS)
    a, b = (Image.open(io.BytesIO(x)).convert("RGB") for x in (before, after))
    box = ImageChops.difference(a, b).getbbox()
    assert box is not None, "a stand that changed draws the same card"
    assert box[1] > 300, f"only the stands' part of the card changed, not {box}"


def test_a_newsroom_s_card_json_sets_the_colours_and_bad_keys_are_named(tmp_path: Path) -> None:
    (tmp_path / "card.json").write_text('{"band": "#002b5c", "tint": "#fff"}', encoding="utf-8")
    style, problems = draw.load_style(tmp_path)
    assert style.band == "#002b5c"
    assert problems == [
        f"{tmp_path / 'card.json'}: unknown key 'tint' (known: accent, agreed, background, band, "
        "band_text, deadlocked, muted, narrowing, open, options, rule, text)"
    ]
    card = cards.Card(kind="page", title="Sources", site="Talks")
    image = Image.open(io.BytesIO(draw.draw(card, style, FONTS))).convert("RGB")
    assert image.getpixel((5, 5)) == (0, 43, 92)
    (tmp_path / "card.json").write_text('{"band": "navy"}', encoding="utf-8")
    assert draw.load_style(tmp_path)[1] == [
        f"{tmp_path / 'card.json'}: 'band' must be a colour like \"#15171c\", not 'navy'"
    ]


# -- in a build ------------------------------------------------------------------------------


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        key = a.get("property") or a.get("name")
        if tag == "meta" and key:
            self.meta[key] = a.get("content") or ""


def _head(page: Path) -> dict[str, str]:
    parser = _Head()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.meta


def _pages(site: Path) -> list[Path]:
    return [
        p
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).as_posix().startswith(("admin/", "embed/", "404"))
    ]


def test_every_page_has_an_absolute_og_image_that_exists_and_its_alt(site: Site) -> None:
    """On the browser tests' site (built with --strict and SITE_URL, served under a path)."""
    pages = _pages(site.dir)
    assert len(pages) > 20
    for page in pages:
        meta = _head(page)
        where = page.relative_to(site.dir)
        image = meta.get("og:image", "")
        assert image.startswith(site.url + "assets/cards/"), where
        assert (site.dir / image.removeprefix(site.url)).is_file(), where
        assert meta["og:image:alt"].strip(), where
        assert meta["twitter:card"] == "summary_large_image", where
        assert meta["twitter:image"] == image, where
    donbas = _head(site.dir / "issues" / "donbas" / "index.html")
    assert donbas["og:image"] == site.url + "assets/cards/issues/donbas.png"
    assert donbas["og:image:alt"].startswith(
        "What will happen to the Donbas region under a peace deal? (Open). United States: "
        "Not covered by our sources. Ukraine: Supports A “free economic zone”"
    )


def test_without_site_url_there_is_no_card_and_the_build_is_told_why(talks) -> None:
    pages = render_site(talks).pages
    kwargs = {"config_file": "/nonexistent/mkdocs.yml", "theme_dirs": [], "templates": None}
    found = share.Sharer().share(talks, pages, [], site_url=None, **kwargs)  # type: ignore[arg-type]
    assert (found.files, found.pages, found.warnings) == ({}, {}, [share.NO_SITE_URL])
    off = share.Sharer().share(talks, pages, [], site_url=None, cards=False, embeds=False, **kwargs)  # type: ignore[arg-type]
    assert off.warnings == []  # nothing asked for that needs it


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("cards"), TALKS_2025_12)
    result = build_in_process(project, env={**ENV, "SITE_URL": URL})
    assert result.returncode == 0, result.stderr
    return project


def test_an_unchanged_rebuild_draws_nothing_and_a_changed_stand_redraws_one_card(
    built: Path, tmp_path: Path
) -> None:
    project = tmp_path / "p"
    shutil.copytree(built, project)  # with its build/cache/cards/
    cache = project / "build" / "cache" / "cards"
    drawn = sorted(cache.rglob("*.png"))
    card = project / "site" / "assets" / "cards" / "issues" / "donbas.png"
    before = {p: p.read_bytes() for p in (project / "site" / "assets" / "cards").rglob("*.png")}
    assert card in before
    result = build_in_process(project, env={**ENV, "SITE_URL": URL})
    assert result.returncode == 0, result.stderr
    assert sorted(cache.rglob("*.png")) == drawn  # nothing new drawn
    assert {p: p.read_bytes() for p in before} == before  # byte for byte
    issue = project / "content" / "issues" / "donbas.yml"
    text = issue.read_text(encoding="utf-8")
    assert "Donbas fully a part of Russia" in text
    issue.write_text(
        text.replace("label: Donbas fully a part of Russia", "label: All of Donbas to Russia"),
        encoding="utf-8",
    )
    result = build_in_process(project, env={**ENV, "SITE_URL": URL})
    assert result.returncode == 0, result.stderr
    new = set(cache.rglob("*.png")) - set(drawn)
    # the issue's card, and the home page's? No: the home card shows no option label
    assert len(new) >= 1
    # the cards no page shows any more are gone: the cache holds this site's cards only
    assert len(set(drawn) - set(cache.rglob("*.png"))) == len(new)
    assert len(list(cache.rglob("*.png"))) == len(before)
    assert card.read_bytes() != before[card]
    home = project / "site" / "assets" / "cards" / "index.png"
    assert home.read_bytes() == before[home]


def test_a_build_without_site_url_says_cards_need_it_and_writes_no_og_image(tmp_path: Path) -> None:
    project = project_copy(tmp_path, TALKS_2025_12)
    env = {k: v for k, v in ENV.items() if k != "SITE_URL"}
    result = build_in_process(project, env=env)
    assert result.returncode == 0, result.stderr  # a warning, not an error, even with --strict
    assert f"INFO    -  {share.NO_SITE_URL}\n" in result.stderr
    site = project / "site"
    assert not (site / "assets" / "cards").exists()
    for page in _pages(site):
        assert "og:image" not in page.read_text(encoding="utf-8"), page
    assert "xp-embed-code" not in (site / "issues" / "donbas" / "index.html").read_text("utf-8")


def test_the_switches_turn_cards_and_embeds_off(tmp_path: Path) -> None:
    project = project_copy(tmp_path, TALKS_2025_12)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - explainer\n" in text
    config.write_text(
        text.replace(
            "  - explainer\n", "  - explainer:\n      cards: false\n      embeds: false\n"
        ),
        encoding="utf-8",
    )
    result = build_in_process(project, env={**ENV, "SITE_URL": URL})
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "assets" / "cards").exists()
    assert not (site / "embed").exists()
    page = (site / "issues" / "donbas" / "index.html").read_text(encoding="utf-8")
    assert "og:image" not in page and "xp-embed-code" not in page
    assert re.search(r'<meta property="og:title"', page)  # the rest of the head as before


def test_many_missing_cards_are_drawn_by_worker_processes_to_the_same_bytes(
    talks, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(card_cache, "PER_WORKER", 2)  # a pool from 4 cards on, not 200
    specs = [cards.issue_card(talks, issue) for issue in talks.issues.values()]
    assert len(specs) == 5
    cache = card_cache.CardCache(tmp_path)
    paths = cache.paths(specs, draw.Style(), FONTS)
    assert cache.drawn == 5
    for spec, path in zip(specs, paths, strict=True):
        assert path.read_bytes() == draw.draw(spec, draw.Style(), FONTS)
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        [p.name for p in paths] + [p.parent.name for p in paths]
    )  # no temporary file left
    again = card_cache.CardCache(tmp_path)
    assert again.paths(specs, draw.Style(), FONTS) == paths and again.drawn == 0
    assert again.pruned == 0
    fewer = card_cache.CardCache(tmp_path)  # a site with one issue less: its card is deleted
    assert fewer.paths(specs[1:], draw.Style(), FONTS) == paths[1:] and fewer.drawn == 0
    assert fewer.pruned == 1 and not paths[0].exists() and all(p.exists() for p in paths[1:])
