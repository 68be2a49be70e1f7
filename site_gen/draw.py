"""Share cards drawn with Pillow: a `Card` (render/cards.py) in, a small reproducible PNG out.

1200 x 630, in the site's own font (Newsreader, read from the theme's self-hosted woff2 files:
Pillow's FreeType reads woff2 and sets the variable weight), in the gap meter's palette
(stands.css) with its marks: a filled square for an option supported, a hollow one for an
option rejected, always beside the word and the option's label (never colour alone). The PNG
is palette-coded and carries no metadata, so the same card is the same bytes on every build.
`card_cache.CardCache` keys each card by its spec's hash: a card is drawn once per change of
its facts.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from site_gen.render.cards import Card, Part, Row

WIDTH, HEIGHT = 1200, 630
VERSION = "1"
"""Bump when the drawing changes: it is part of every card's cache key."""
FONT_FILES = ("newsreader-latin-wght-normal.woff2", "newsreader-latin-ext-wght-normal.woff2")
"""The site's fonts (theme/assets/fonts/): Latin, then Latin Extended for what it lacks."""
STYLE_FILE = "card.json"
"""A newsroom's colours for the card, in the theme's `explainer/` folder (like the blocks'
templates): any of `Style`'s fields, e.g. `{"band": "#002b5c", "accent": "#d4a017"}`."""

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Style:
    """The card's colours (CSS hex), as the site's light theme has them."""

    background: str = "#ffffff"
    band: str = "#15171c"
    """The masthead band across the top (the site's near-black masthead)."""
    band_text: str = "#ffffff"
    accent: str = "#b0231b"
    text: str = "#15171c"
    muted: str = "#555b66"
    rule: str = "#d7dae0"
    options: tuple[str, ...] = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
    """The option marks `xp-opt--0` to `xp-opt--5` (stands.css)."""
    open: str = "#4278e6"
    narrowing: str = "#e66e00"
    agreed: str = "#2ea043"
    deadlocked: str = "#d32f2f"


def load_style(folder: Path | None) -> tuple[Style, list[str]]:
    """The style with a newsroom's `card.json` from `folder` applied, and what was wrong in it
    (unknown keys, values that are not colours), each as a sentence."""
    path = folder / STYLE_FILE if folder else None
    if path is None or not path.is_file():
        return Style(), []
    problems: list[str] = []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return Style(), [f"{path}: not JSON ({e}); the default card colours are used"]
    if not isinstance(data, dict):
        return Style(), [f"{path}: expected an object of colours; the defaults are used"]
    names = {f.name for f in fields(Style)}
    changes: dict[str, object] = {}
    for key, value in data.items():
        if key not in names:
            problems.append(f"{path}: unknown key '{key}' (known: {', '.join(sorted(names))})")
        elif key == "options":
            if isinstance(value, list) and value and all(_is_colour(v) for v in value):
                changes[key] = tuple(value)
            else:
                problems.append(f"{path}: 'options' must be a list of colours like \"#0072b2\"")
        elif _is_colour(value):
            changes[key] = value
        else:
            problems.append(f"{path}: '{key}' must be a colour like \"#15171c\", not {value!r}")
    return replace(Style(), **changes), problems  # type: ignore[arg-type]


def _is_colour(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 7
        and value.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )


def _rgb(colour: str) -> RGB:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def find_fonts(folders: Iterable[Path | str]) -> tuple[Path, ...]:
    """The font files in the first theme folder that has them (`assets/fonts/`)."""
    for folder in folders:
        found = tuple(Path(folder) / "assets" / "fonts" / name for name in FONT_FILES)
        if found[0].is_file():
            return tuple(f for f in found if f.is_file())
    return ()


class Fonts:
    """The card's font at each size and weight, with the Latin Extended file for the
    characters the Latin one lacks (the same split as the stylesheet's unicode-range)."""

    def __init__(self, files: tuple[Path, ...]) -> None:
        self.files = files

    @functools.cache  # noqa: B019 (one Fonts per set of files, kept for the process)
    def get(
        self, size: int, weight: int, ext: bool = False
    ) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if not self.files:
            return ImageFont.load_default(size)
        path = self.files[1] if ext and len(self.files) > 1 else self.files[0]
        font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        with contextlib.suppress(OSError):  # not a variable font: its one weight
            font.set_variation_by_axes([weight])
        return font


@functools.cache
def fonts_for(files: tuple[Path, ...]) -> Fonts:
    return Fonts(files)


def _is_ext(char: str) -> bool:
    cp = ord(char)
    return 0x100 <= cp <= 0x2FF and cp not in (0x131, 0x152, 0x153) or 0x1E00 <= cp <= 0x1EFF


class _Pen:
    """Text on the card: runs in the Latin or Latin Extended font, measured and cut to fit."""

    def __init__(self, draw: ImageDraw.ImageDraw, fonts: Fonts) -> None:
        self.d = draw
        self.fonts = fonts

    def runs(self, text: str) -> list[tuple[str, bool]]:
        if max(text, default="a") < "\u0100":
            return [(text, False)]
        out: list[tuple[str, bool]] = []
        for ch in text:
            ext = _is_ext(ch)
            if out and out[-1][1] == ext:
                out[-1] = (out[-1][0] + ch, ext)
            else:
                out.append((ch, ext))
        return out

    def width(self, text: str, size: int, weight: int) -> float:
        return sum(self.fonts.get(size, weight, ext).getlength(run) for run, ext in self.runs(text))

    def text(self, xy: tuple[float, float], text: str, size: int, weight: int, fill: RGB) -> float:
        """Draw `text` with its top-left at `xy` (baseline-aligned runs); return its width."""
        x, y = xy
        for run, ext in self.runs(text):
            font = self.fonts.get(size, weight, ext)
            self.d.text((x, y + size * 0.8), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)
        return x - xy[0]

    def fit(self, text: str, size: int, weight: int, room: float) -> str:
        """`text`, cut at a word with an ellipsis if it is wider than `room`."""
        if self.width(text, size, weight) <= room:
            return text
        words = text.split()
        while words:
            words.pop()
            candidate = " ".join(words).rstrip(",;:") + "…"
            if self.width(candidate, size, weight) <= room:
                return candidate
        return "…"

    def wrap(self, text: str, size: int, weight: int, room: float, lines: int) -> list[str]:
        """`text` in at most `lines` lines of `room` width; the last one cut if it must be."""
        out: list[str] = []
        words = text.split()
        while words and len(out) < lines:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}", size, weight) <= room:
                line += " " + words.pop(0)
            out.append(line)
        if words:
            out[-1] = self.fit(f"{out[-1]} {' '.join(words)}", size, weight, room)
        return [self.fit(line, size, weight, room) for line in out]


MARGIN = 60
BAND = 76


def draw(card: Card, style: Style = Style(), font_files: tuple[Path, ...] = ()) -> bytes:
    """The card as PNG bytes (palette-coded, no metadata: the same card, the same bytes)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _rgb(style.background))
    d = ImageDraw.Draw(image)
    pen = _Pen(d, fonts_for(font_files))
    text, muted = _rgb(style.text), _rgb(style.muted)
    room = WIDTH - 2 * MARGIN
    # The masthead: the explainer's title, a red rule under it.
    d.rectangle((0, 0, WIDTH, BAND), fill=_rgb(style.band))
    d.rectangle((0, BAND, WIDTH, BAND + 6), fill=_rgb(style.accent))
    site = pen.fit(card.site, 28, 600, room)
    pen.text((MARGIN, 22), site, 28, 600, _rgb(style.band_text))
    y = BAND + 34
    # What kind of page, with the status badge first.
    x = MARGIN
    if card.status:
        x += _badge(d, pen, (x, y), card.status, style) + 18
    if card.kicker:
        pen.text((x, y + 3), pen.fit(card.kicker, 26, 500, WIDTH - MARGIN - x), 26, 500, muted)
    y += 52
    # The title: up to three lines, smaller when long.
    size = 58 if card.kind != "home" else 50
    lines = pen.wrap(card.title, size, 700, room, 3 if not card.rows else 2)
    if len(lines) > 2 and card.kind != "home":
        size = 48
        lines = pen.wrap(card.title, size, 700, room, 3 if not card.rows else 2)
    for line in lines:
        pen.text((MARGIN, y), line, size, 700, text)
        y += int(size * 1.18)
    y += 16
    footer = HEIGHT - 70
    if card.rows:
        d.line((MARGIN, y, WIDTH - MARGIN, y), fill=_rgb(style.rule), width=2)
        y += 18
        row_h = max(40, min(56, (footer - 14 - y) // max(1, len(card.rows) + bool(card.more))))
        for row in card.rows:
            if y + row_h > footer - 6:
                break
            _row(d, pen, (MARGIN, y), row, style, row_h)
            y += row_h
        if card.more:
            pen.text((MARGIN, y), f"and {card.more} more", 24, 500, muted)
    if card.tally:
        x = MARGIN
        for status, label in card.tally:
            x += _badge(d, pen, (x, y + 6), status, style, label, size=30) + 20
    # The footer: as of when, by whom.
    d.line((MARGIN, footer, WIDTH - MARGIN, footer), fill=_rgb(style.rule), width=2)
    stamp = " · ".join(
        s for s in (f"As of {card.as_of}" if card.as_of else "", card.publisher) if s
    )
    pen.text((MARGIN, footer + 18), pen.fit(stamp, 26, 500, room), 26, 500, muted)
    return _png(image, style)


def _badge(
    d: ImageDraw.ImageDraw,
    pen: _Pen,
    xy: tuple[int, int],
    status: str,
    style: Style,
    label: str = "",
    size: int = 26,
) -> int:
    """A status badge as the site draws it: its symbol (○ ◑ ✓ ✕) and word in a bordered box;
    returns its width."""
    tone = _rgb(getattr(style, status, style.text))
    word = label or status.capitalize()
    x, y = xy
    h = int(size * 1.6)
    icon = int(size * 0.8)
    w = int(pen.width(word, size, 600)) + icon + int(size * 1.3)
    d.rounded_rectangle((x, y, x + w, y + h), radius=6, outline=tone, width=3)
    cx, cy, r = x + int(size * 0.45) + icon // 2, y + h // 2, icon // 2
    _glyph(d, (cx, cy), r, status, tone)
    pen.text((cx + r + size * 0.4, y + (h - size) / 2 - 2), word, size, 600, tone)
    return w


def _row(
    d: ImageDraw.ImageDraw, pen: _Pen, xy: tuple[int, int], row: Row, style: Style, height: int
) -> None:
    """One stand: who in bold, then each part (its mark, its word, what it is about)."""
    x, y = xy
    size = 28 if height >= 48 else 24
    end = WIDTH - MARGIN
    who_room = 330
    if row.status:  # an actor's card: the status symbol first
        x += _symbol(d, (x, y + 4), row.status, style, size) + 10
    who = pen.fit(row.who, size, 700, who_room)
    pen.text((x, y), who, size, 700, _rgb(style.text))
    x = (
        max(x + int(pen.width(who, size, 700)) + 20, MARGIN + who_room + 20)
        if not row.status
        else (x + int(pen.width(who, size, 700)) + 16)
    )
    for i, part in enumerate(row.parts):
        if x >= end - 40:
            break
        if i:
            x += int(pen.text((x, y), "·", size, 400, _rgb(style.muted))) + 12
        x = _part(d, pen, (x, y), part, style, size, end)


def _part(
    d: ImageDraw.ImageDraw,
    pen: _Pen,
    xy: tuple[int, int],
    part: Part,
    style: Style,
    size: int,
    end: int,
) -> int:
    x, y = xy
    if part.mark is not None:
        tone = _rgb(style.options[part.mark % len(style.options)])
        s = int(size * 0.7)
        box = (x, y + (size - s) // 2 + 3, x + s, y + (size - s) // 2 + 3 + s)
        if part.word == "Rejects":
            d.rectangle(box, outline=tone, width=4)
        else:
            d.rectangle(box, fill=tone)
        x += s + 10
    if part.word:
        word = part.word + (":" if part.text and part.mark is None else "")
        x += int(pen.text((x, y), word, size, 600, _rgb(style.muted))) + 8
    if part.text:
        text = pen.fit(part.text, size, 400, end - x)
        x += int(pen.text((x, y), text, size, 400, _rgb(style.text))) + 8
    return x


def _symbol(
    d: ImageDraw.ImageDraw, xy: tuple[int, int], status: str, style: Style, size: int
) -> int:
    x, y = xy
    r = size // 2 - 2
    _glyph(d, (x + r, y + r), r, status, _rgb(getattr(style, status, style.text)))
    return 2 * r


def _glyph(
    d: ImageDraw.ImageDraw, centre: tuple[int, int], r: int, status: str, tone: tuple[int, ...]
) -> None:
    """A status's symbol as the site shows it, of radius `r`: open ○, narrowing ◑, agreed ✓,
    deadlocked ✕."""
    cx, cy = centre
    box = (cx - r, cy - r, cx + r, cy + r)
    if status == "narrowing":
        d.ellipse(box, outline=tone, width=3)
        d.pieslice(box, 90, 270, fill=tone)
    elif status == "agreed":
        d.line(
            (cx - r, cy, cx - r // 3, cy + r * 2 // 3, cx + r, cy - r * 2 // 3), fill=tone, width=4
        )
    elif status == "deadlocked":
        d.line((cx - r, cy - r, cx + r, cy + r), fill=tone, width=4)
        d.line((cx - r, cy + r, cx + r, cy - r), fill=tone, width=4)
    else:
        d.ellipse(box, outline=tone, width=3)


def _png(image: Image.Image, style: Style) -> bytes:
    """Palette-coded (the style's colours and the anti-aliasing's shades between each and its
    ground: a fixed palette maps fast and the same way every time), compressed, no text chunks
    or times: reproducible bytes."""
    small = image.quantize(palette=_palette(style), dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


SHADES = 8


@functools.cache
def _palette(style: Style) -> Image.Image:
    """A palette image: each ink of the style in `SHADES` steps from its ground."""
    ground, band = _rgb(style.background), _rgb(style.band)
    inks = [style.text, style.muted, style.rule, style.accent, *style.options]
    inks += [style.open, style.narrowing, style.agreed, style.deadlocked]
    pairs = [(ground, _rgb(ink)) for ink in inks] + [(band, _rgb(style.band_text))]
    colours: list[RGB] = [ground, band]
    for a, b in pairs:
        for step in range(1, SHADES + 1):
            t = step / SHADES
            shade = tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
            if shade not in colours:
                colours.append(shade)  # type: ignore[arg-type]
    colours = colours[:256]
    flat = [v for c in colours for v in c] + [0] * (3 * (256 - len(colours)))
    image = Image.new("P", (1, 1))
    image.putpalette(flat)
    return image
