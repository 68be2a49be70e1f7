"""What `content/` may publish: pages the net scans, fact files and sources' texts (read with
the facts, never published as they are), and files no browser runs. Everything else is refused, with a located problem, by `validate`,
the build and the live preview alike.

A browser runs script in SVG, HTML, XHTML, XML with a style sheet, and of course JavaScript;
served from the site's own origin (the origin of the editor at /admin/ too), such a file could
do whatever the site's own pages can. So a file of `content/` reaches the site only as a page
(`.md`, compiled and scanned), or as a file of a kind that runs nothing (images other than SVG,
PDF, fonts, CSV, JSON, plain text, audio, video) whose first bytes are those of its kind, so
that a page renamed `.png` is refused too.

A hand-written page may set only the front matter in `FRONT_MATTER` (nothing that picks a
template or a redirect), and is at most `PAGE_LIMIT` bytes.

Pure: no MkDocs import; the plugin and the CLI call it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from site_gen.errors import Problem, display_path
from site_gen.files import FileError, TooLarge, read_bounded, read_head

FACT_SUFFIXES = (".yml", ".yaml")
PAGE_SUFFIX = ".md"
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What the engine reads as pages (MkDocs' Markdown suffixes)."""
PAGE_LIMIT = 200_000
"""The largest hand-written page, in bytes (about 30,000 words): Python-Markdown's cost grows
faster than the text on some inputs, so a page is bounded like a fact field."""

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".pdf": (b"%PDF-",),
    ".woff": (b"wOFF",),
    ".woff2": (b"wOF2",),
    ".ttf": (b"\x00\x01\x00\x00", b"true"),
    ".otf": (b"OTTO",),
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    ".mp4": (b"\x00\x00\x00",),
    ".m4a": (b"\x00\x00\x00",),
    ".webm": (b"\x1a\x45\xdf\xa3",),
    ".ogg": (b"OggS",),
    ".wav": (b"RIFF",),
}
"""Inert binary kinds, by the bytes each must start with."""
_HEAD = 512
"""How much of an inert file is read to tell its kind."""
_TEXT_KINDS = frozenset([".csv", ".json", ".txt"])
"""Inert text kinds: served as text or data, which no browser runs; checked to be text."""
INERT = frozenset(_SIGNATURES) | _TEXT_KINDS
_MARKUP_START = re.compile(rb"^\s*<", re.IGNORECASE)

FRONT_MATTER = frozenset(["title", "description", "hide", "search", "icon", "subtitle", "status"])
"""What a hand-written page's front matter may set. Not `template` (which picks a theme
template, such as the one that redirects by an inline script) nor anything else."""
_HIDE = frozenset(["navigation", "toc", "footer", "path", "tags", "feedback"])
_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""YAML front matter, as MkDocs reads it (`mkdocs.utils.meta`)."""
_MMD_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$")
"""A MultiMarkdown-style meta line, which MkDocs also reads at the top of a page."""
_ALLOWED_KINDS = (
    "pages (.md), fact files (.yml) and files no browser runs: images other than SVG (.png, "
    ".jpg, .gif, .webp, .avif), PDF, fonts, .csv, .json, .txt, audio and video"
)


def source_text(rel: tuple[str, ...] | list[str]) -> bool:
    """Whether a file of the content folder, by its path's parts there, is a source's own text
    (`sources/<id>.txt`): read with the facts to check quotes against, never published, as the
    source's rights may not allow it."""
    return len(rel) == 2 and rel[0] == "sources" and rel[1].lower().endswith(".txt")


def ignored(rel: tuple[str, ...]) -> bool:
    """Whether the engine leaves this path of the content folder out by itself: hidden files
    and folders (`.gitkeep`, `.DS_Store`) and the `templates/` folder at the top."""
    return any(part.startswith(".") for part in rel) or rel[0] == "templates"


def content_file_problems(
    root: Path, files: Iterable[tuple[str, tuple[str, ...]]]
) -> list[Problem]:
    """The files of the content folder (paths and their parts relative to `root`, regular files
    only) that may not be published: of a kind a browser may run, or not what their name says,
    or a page over `PAGE_LIMIT`."""
    problems = []
    for path, rel in files:
        if ignored(rel):
            continue
        suffix = posixpath.splitext(rel[-1])[1].lower()
        if suffix in FACT_SUFFIXES or source_text(rel):
            continue  # read with the facts (load.py)
        if suffix in PAGE_SUFFIXES:
            problems += page_problems(Path(path))
            continue
        message = file_kind_problem(Path(path), suffix)
        if message:
            problems.append(Problem(display_path(Path(path)), 1, 1, message))
    return problems


def publishable(src_uri: str) -> bool:
    """Whether a file of the content folder, by its path there, is of a kind that may reach the
    site as it is (the plugin drops the others from the engine's list): never a fact file nor
    a source's text."""
    if source_text(src_uri.split("/")):
        return False
    return posixpath.splitext(src_uri)[1].lower() in INERT


def file_kind_problem(path: Path, suffix: str) -> str | None:
    """Why a file of the content folder may not be published, or None."""
    if suffix not in INERT:
        kind = f"'{suffix}' files" if suffix else "files without a kind (no suffix)"
        return (
            f"{kind} are not published: a browser may run script in them, and the safety net "
            f"does not read them; the content folder publishes only {_ALLOWED_KINDS}"
        )
    try:
        head = read_head(path, _HEAD)
    except FileError as e:
        return e.message
    if suffix in _TEXT_KINDS:
        if b"\x00" in head or _MARKUP_START.match(head):
            return (
                f"holds markup or binary data, not the text a '{suffix}' file holds: a browser "
                "could read it as a page; save it as plain text"
            )
        return None
    if not head.startswith(_SIGNATURES[suffix]):
        return (
            f"is not a '{suffix}' file (its first bytes are not those of one): a browser could "
            "read it as something else; save it again in its real format"
        )
    return None


def page_problems(path: Path) -> list[Problem]:
    """A hand-written page's size and front matter (its HTML is checked once built)."""
    display = display_path(path)
    try:
        data = read_bounded(path, PAGE_LIMIT)
    except TooLarge as e:
        return [Problem(display, 1, 1, page_too_big(e.size))]
    except FileError as e:
        return [e.problem]
    source = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    problems = front_matter_problems(read_front_matter(source), source, display)
    return problems + paragraph_problems(source, display)


def page_too_big(size: int) -> str:
    return (
        f"page too long: {size:,} bytes, the limit is {PAGE_LIMIT:,}; split it into several pages"
    )


def front_matter_problems(meta: Mapping[str, object], source: str, display: str) -> list[Problem]:
    """What a hand-written page's front matter (`meta`, as the engine read it from `source`)
    sets that it may not, located in `source`."""
    problems = []
    for key, value in meta.items():
        line, col = _key_position(source, str(key))
        if key not in FRONT_MATTER:
            problems.append(
                Problem(
                    display,
                    line,
                    col,
                    f"front matter '{key}' is not allowed: a page may set only "
                    f"{', '.join(sorted(FRONT_MATTER))} (nothing that picks a template or a "
                    "redirect)",
                )
            )
        elif message := _value_problem(str(key), value):
            problems.append(Problem(display, line, col, message))
    return problems


def allowed_front_matter(meta: Mapping[str, object]) -> dict[str, object]:
    """The part of `meta` a page may set (what the live preview keeps of a page with problems)."""
    return {k: v for k, v in meta.items() if k in FRONT_MATTER and not _value_problem(k, v)}


def _value_problem(key: str, value: object) -> str | None:
    if key in ("title", "description", "subtitle", "icon", "status"):
        if not isinstance(value, str) or "\n" in value or "\r" in value:
            return f"front matter '{key}' must be one line of text"
    elif key == "hide":
        if not isinstance(value, list) or not all(v in _HIDE for v in value):
            return f"front matter 'hide' must be a list of: {', '.join(sorted(_HIDE))}"
    elif key == "search" and (
        not isinstance(value, dict)
        or not set(value) <= {"exclude", "boost"}
        or not isinstance(value.get("exclude", False), bool)
        or not isinstance(value.get("boost", 1), int | float)
    ):
        return "front matter 'search' may set only 'exclude' (true or false) and 'boost' (a number)"
    return None


def read_front_matter(source: str) -> dict[str, object]:
    """The front matter MkDocs would read from a page: YAML between `---` lines at the top, or
    else MultiMarkdown-style `key: value` lines up to the first blank line."""
    if m := _FRONT.match(source):
        try:
            data = yaml.safe_load(m[1])
        except yaml.YAMLError:
            return {}
        return data if isinstance(data, dict) else {}
    meta: dict[str, object] = {}
    for line in source.split("\n"):
        if not line.strip():
            break
        if not (m := _MMD_KEY.match(line)):
            if meta and line.startswith((" ", "\t")):
                continue  # a continued value
            break
        meta[m[1].lower()] = m[2].strip()
    return meta


def _key_position(source: str, key: str) -> tuple[int, int]:
    m = re.search(rf"^([ ]*){re.escape(key)}\s*:", source, re.MULTILINE | re.IGNORECASE)
    if not m:
        return 1, 1
    return source.count("\n", 0, m.start()) + 1, len(m[1]) + 1


PARAGRAPH_LIMIT = 5_000
"""The longest paragraph of a hand-written page, in characters: as a Markdown field of a fact
file. Python-Markdown's inline work grows with the square of a paragraph's length."""
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|\||>)")
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")


def paragraph_problems(source: str, display: str) -> list[Problem]:
    """The paragraphs (lines between blank lines, list items, headings and table rows; not
    fenced code) of a hand-written page over `PARAGRAPH_LIMIT` characters."""
    problems = []
    fence, start, size = "", 0, 0
    lines = source.split("\n")
    for n, line in enumerate([*lines, ""], start=1):
        if fence:
            if line.lstrip(" ").startswith(fence):
                fence = ""
            continue
        new_block = not line.strip() or bool(_BLOCK_START.match(line))
        if new_block or (m := _FENCE.match(line)):
            if size > PARAGRAPH_LIMIT:
                problems.append(
                    Problem(
                        display,
                        start,
                        1,
                        f"paragraph too long: {size:,} characters, at most "
                        f"{PARAGRAPH_LIMIT:,} in one paragraph (as in a Markdown field); split "
                        "it with a blank line",
                    )
                )
            start, size = n, 0
            if not new_block and m:
                fence = m[1]
                continue
            if not line.strip():
                start = n + 1
                continue
        size += len(line) + 1
    return problems


MARKUP_PLACEHOLDER = "\ufdd1"
"""Stands for a `<` that starts no tag, comment or autolink; the HTML gets it back as `&lt;`.
A noncharacter, which no page may hold."""
_LT = re.compile(r"<")
_TAG = re.compile(
    # As the HTML tokenizer reads a tag: a name, then attributes whose unquoted values run to
    # white space or `>`; possessive, so a tag that does not close fails without backtracking.
    r"</?[A-Za-z][^\s/>]*+"
    r"(?:[\s/]++[^\s/>=]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s>]++))?+)*+[\s/]*+>"
    r"|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>"  # <scheme:autolink>
    r"|<[^\s<>@]+@[^\s<>@]+>"  # <email@autolink>
)
_TAG_REACH = 2_000
_COMMENT_REACH = 5_000


def defuse_markup(markdown_text: str) -> str:
    """The Markdown with every `<` that cannot start a whole tag (closed within 2,000
    characters), a comment (closed within 5,000) or an autolink replaced by
    `MARKUP_PLACEHOLDER`. Python-Markdown's raw-HTML reader took minutes on 50,000 `<a ` that
    never close; each `<` now costs at most a bounded look ahead. Linear time."""
    if "<" not in markdown_text:
        return markdown_text
    parts, last = [], 0
    for m in _LT.finditer(markdown_text):
        at = m.start()
        if at < last:
            continue
        if markdown_text.startswith("<!--", at):
            end = markdown_text.find("-->", at + 4, at + _COMMENT_REACH)
            if end >= 0:
                last_kept = end + 3
                parts.append(markdown_text[last:last_kept])
                last = last_kept
                continue
        else:
            close = markdown_text.find(">", at + 1, at + _TAG_REACH)
            if close >= 0 and _TAG.fullmatch(markdown_text, at, close + 1):
                continue
        parts += [markdown_text[last:at], MARKUP_PLACEHOLDER]
        last = at + 1
    return "".join(parts) + markdown_text[last:]
