"""One walk of the content folder: which files are facts of which kind, which are sources'
texts, and what may not be there (links, devices, misplaced or misnamed files)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from site_gen.errors import Problem, display_path
from site_gen.files import kind_message
from site_gen.load.messages import did_you_mean
from site_gen.markup import slug
from site_gen.model import FOLDERS, ID_RE

_KNOWN_KINDS = ", ".join(f"{folder}/" for folder in FOLDERS.values())


def text_files(root: Path, problems: list[Problem]) -> Iterator[tuple[str, str]]:
    """The sources' text files, `sources/<id>.txt` (regular files only: `content_links`
    reports the others), each as its path and the id of its source, in order."""
    try:
        with os.scandir(root / "sources") as listing:
            entries = sorted(
                (e for e in listing if e.is_file(follow_symlinks=False)), key=lambda e: e.name
            )
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or not entry.name.lower().endswith(".txt"):
            continue
        stem = entry.name[: -len(".txt")]
        if entry.name.endswith(".txt") and ID_RE.match(stem):
            yield entry.path, stem
            continue
        path = Path(entry.path)
        problems.append(
            Problem(
                display_path(path),
                1,
                1,
                (
                    f"bad file name '{entry.name}': a source's text is named after its source, "
                    f"sources/<id>.txt{_rename_hint(path, slug(stem) + '.txt')}"
                ),
            )
        )


def fact_files(
    files: list[tuple[str, tuple[str, ...]]], problems: list[Problem]
) -> Iterator[tuple[str, str]]:
    """Every YAML file of `files` (the content folder's, see `regular_files`; its path, as a
    string: a save looks up thousands) with its kind, in a stable order; misplaced files are
    problems."""
    kinds = {folder: kind for kind, folder in FOLDERS.items()}
    for name, rel in files:
        if not rel[-1].endswith((".yml", ".yaml")):
            continue
        if any(part.startswith(".") for part in rel):
            continue
        stem = rel[-1].rsplit(".", 1)[0]
        if len(rel) == 2 and rel[0] in kinds and ID_RE.match(stem) and rel[-1].endswith(".yml"):
            yield name, kinds[rel[0]]  # the common case, before any Path is made
            continue
        path = Path(name)
        if path.suffix == ".yaml":
            problems.append(Problem(display_path(path), 1, 1, _yaml_suffix_message(path)))
            continue
        if len(rel) == 1:
            if path.name in ("explainer.yml", "glossary.yml"):
                yield name, path.stem
            else:
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        (
                            f"unknown fact file '{path.name}': only explainer.yml and glossary.yml live "
                            f"at the top; actors, issues, events and sources go in {_KNOWN_KINDS}"
                        ),
                    )
                )
            continue
        folder = rel[0]
        if folder not in kinds or len(rel) > 2:
            hint = did_you_mean(folder, kinds)
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    (
                        f"unknown folder '{'/'.join(rel[:-1])}'{hint}: fact files go directly "
                        f"in {_KNOWN_KINDS}"
                    ),
                )
            )
            continue
        if not ID_RE.match(path.stem):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    (
                        f"bad file name '{path.name}': the name is the id, made of lowercase letters, "
                        f"digits and single hyphens{_rename_hint(path, slug(path.stem) + '.yml')}"
                    ),
                )
            )
            continue
        yield name, kinds[folder]


Entries = list[tuple[tuple[str, ...], os.DirEntry[str]]]
"""A walk of a folder: every entry but the folders, with its path's parts, in path order."""


def walk(root: Path) -> Entries:
    """Every entry under `root` but the folders, in the order of their paths, with its path
    relative to `root` as parts. Follows no link, so it ends; one `scandir` per folder (the
    entries' types come with the listing: a folder of 10,000 events costs no stat each)."""
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    found = []
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            parts = (*rel, entry.name)
            if entry.is_dir(follow_symlinks=False):
                stack.append((folder / entry.name, parts))
            else:
                found.append((parts, entry))
    found.sort(key=lambda item: item[0])
    return found


def regular_files(entries: Entries) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The regular files of a walk (no link, pipe or device: see `content_links`), each as its
    path and its path's parts relative to the folder walked."""
    for rel, entry in entries:
        if entry.is_file(follow_symlinks=False):
            yield entry.path, rel


def content_links(root: Path, entries: Entries | None = None) -> list[Problem]:
    """Every symbolic link and special file (a FIFO, a device) under `root`, as a problem.

    MkDocs publishes what `content/` holds and follows links to do so: a link to /etc/passwd or
    /proc/self/environ would publish that file, and a link to a parent folder loops. So the
    folder must hold only folders and regular files. The walk follows no link, so it ends;
    `entries` is one already made of `root` (`load_content` walks once for every check).
    """
    problems = []
    for _, entry in walk(root) if entries is None else entries:
        if entry.is_file(follow_symlinks=False):
            continue
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:  # pragma: no cover - gone since the listing
            continue
        path = Path(entry.path)
        problems.append(Problem(display_path(path), 1, 1, kind_message(path, mode)))
    return problems


def _yaml_suffix_message(path: Path) -> str:
    """Fact files end in .yml: say to rename, unless that name is taken (never advise an
    overwrite)."""
    target = path.with_suffix(".yml")
    if target.exists():
        return (
            f"not read: fact files end in .yml, and '{target.name}' already exists beside it; "
            f"move what this file holds into '{target.name}', then delete this one"
        )
    return f"rename to '{target.name}': fact files end in .yml"


def _rename_hint(path: Path, name: str) -> str:
    """`, e.g. 'x.yml'` as a new name for `path`, or a warning when that file exists."""
    if (path.parent / name).exists():
        return f"; '{name}' already exists, so merge this file into it or choose another name"
    return f", e.g. '{name}'"
