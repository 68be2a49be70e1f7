"""Share cards as files in the project's build/cache/cards/, named by the hash of their spec,
style, fonts and drawing version: a card is drawn once per change of its facts, across builds
and across the preview's saves; a first build draws in one process per core."""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import PIL

from site_gen.draw import VERSION, Style, draw
from site_gen.render.cards import Card


class CardCache:
    """Cards as files in `folder` (build/cache/cards/ of the project), named by the hash of
    their spec and style: a card is drawn when no file has its hash, so an unchanged card is
    never drawn twice, across builds and across the preview's saves."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.known: set[str] = set()
        """The hashes whose files this process has seen (no second look at the disk)."""
        self.drawn = 0
        """How many cards this cache drew (the rest were found)."""
        self.pruned = 0
        """How many cards of no page any more this cache deleted."""
        self.pruned_once = False
        """Whether the folder was pruned since this object was made (done on the first call)."""

    def paths(
        self, cards: Iterable[Card], style: Style, font_files: tuple[Path, ...]
    ) -> list[Path]:
        """Each card's PNG file, drawing those not there yet: in worker processes, one per
        core, when there are many (a first build draws every card)."""
        salt = _salt(style, font_files)
        found: list[Path] = []
        missing: dict[Path, Card] = {}
        for card in cards:
            key = card.key(salt)
            path = self.folder / key[:2] / f"{key}.png"
            found.append(path)
            if key not in self.known and not path.is_file():
                missing[path] = card
            self.known.add(key)
        jobs = [(path, card, style, font_files) for path, card in missing.items()]
        workers = min(os.cpu_count() or 1, len(jobs) // PER_WORKER)
        if workers > 1:
            context = multiprocessing.get_context("spawn")  # no fork of a threaded server
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                list(pool.map(_draw_to, jobs, chunksize=16))
        else:
            for job in jobs:
                _draw_to(job)
        self.drawn += len(jobs)
        if jobs or not self.pruned_once:
            self.prune(set(found))
        return found

    def prune(self, keep: set[Path]) -> None:
        """Deletes the cards that are not in `keep` (the site's cards now), so the folder
        holds one site's cards however often its facts change, as does CI's cache of it. Done
        on a first call and whenever a card was drawn (a changed card leaves its old file)."""
        self.pruned_once = True
        for old in self.folder.glob("??/*.png"):
            if old not in keep:
                old.unlink(missing_ok=True)
                self.known.discard(old.stem)
                self.pruned += 1


PER_WORKER = 100
"""Cards to draw before a second process pays for its start (about a third of a second)."""


def _draw_to(job: tuple[Path, Card, Style, tuple[Path, ...]]) -> None:
    path, card, style, font_files = job
    data = draw(card, style, font_files)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    temp.write_bytes(data)
    temp.replace(path)


@functools.cache
def _salt(style: Style, font_files: tuple[Path, ...]) -> str:
    """What else a card's pixels depend on: this drawing's version, the style, the fonts'
    bytes (a newer font file is a new drawing)."""
    fonts = [hashlib.sha256(f.read_bytes()).hexdigest() for f in font_files]
    return json.dumps([VERSION, asdict(style), fonts, PIL.__version__])
