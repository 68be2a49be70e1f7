"""The YAML loader: plain values with a mark each, YAML 1.1 surprises defused, safety bounds."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import site_gen.files
import site_gen.load
import site_gen.load.reader
from site_gen import preview
from site_gen.check import get_content
from site_gen.dates import PartialDate
from site_gen.errors import Problem
from site_gen.files import TooLarge, read_bounded
from site_gen.load import Mark, read_yaml

COMPOSERS = [
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


# --- YAML 1.1 surprises -----------------------------------------------------------------------


def test_scalars_stay_text_except_true_false_and_null(tmp_path: Path) -> None:
    path = tmp_path / "values.yml"
    path.write_text(
        "stance: no\n"
        "aliases: [yes, on, off, y, n, No, OFF]\n"
        "title: 1:20\n"
        "hex: 0x1F\n"
        "octal: 017\n"
        "version: 1.10\n"
        "big: 1e3\n"
        "infinite: .inf\n"
        "date: 2025-12-19\n"
        "stamp: 2025-12-19 10:00:00\n"
        "merge: <<\n"
        "yes: key\n"
        "quoted: 'no'\n"
        "true_: true\n"
        "false_: False\n"
        "tilde: ~\n"
        "null_: null\n"
        "empty:\n"
        "quoted_null: 'null'\n",
        encoding="utf-8",
    )
    doc, problems = read_yaml(path)
    assert problems == []
    assert doc is not None
    assert doc.data == {
        "stance": "no",
        "aliases": ["yes", "on", "off", "y", "n", "No", "OFF"],
        "title": "1:20",
        "hex": "0x1F",
        "octal": "017",
        "version": "1.10",
        "big": "1e3",
        "infinite": ".inf",
        "date": "2025-12-19",
        "stamp": "2025-12-19 10:00:00",
        "merge": "<<",
        "yes": "key",
        "quoted": "no",
        "true_": True,
        "false_": False,
        "tilde": None,
        "null_": None,
        "empty": None,
        "quoted_null": "null",
    }


def test_yaml11_words_validate_as_text(content: Path, write) -> None:
    write(
        "issues/ceasefire.yml",
        """\
        title: 1:20
        question: Will there be a ceasefire?
        status: open
        summary: A short summary.
        positions:
          - actor: putin
            stance: no
            as_of: 2025-12-19
            sources: [report-rubio-progress]
        """,
    )
    write("actors/lavrov.yml", "name: Sergey Lavrov\nkind: person\naliases: [yes, on, off]\n")

    facts = get_content(content)

    assert facts.issues["ceasefire"].title == "1:20"
    assert facts.issues["ceasefire"].positions[0].stance == "no"
    assert facts.actors["lavrov"].aliases == ("yes", "on", "off")


# --- dates ------------------------------------------------------------------------------------


def test_unquoted_and_quoted_dates_are_the_same_partial_date(content: Path, write) -> None:
    quoted = get_content(content).explainer.as_of
    explainer = (content / "explainer.yml").read_text(encoding="utf-8")
    assert 'as_of: "2025-12-19"\n' in explainer
    write("explainer.yml", explainer.replace('as_of: "2025-12-19"', "as_of: 2025-12-19"))

    unquoted = get_content(content).explainer.as_of

    assert quoted == unquoted == PartialDate(2025, 12, 19)
    assert (unquoted.precision, unquoted.label, str(unquoted)) == (
        "day",
        "19 December 2025",
        "2025-12-19",
    )


@pytest.mark.parametrize(
    ("written", "date", "precision", "label"),
    [
        ("2016-01", PartialDate(2016, 1), "month", "January 2016"),
        ('"2016-01"', PartialDate(2016, 1), "month", "January 2016"),
        ("2016", PartialDate(2016), "year", "2016"),
        ("2024-02-29", PartialDate(2024, 2, 29), "day", "29 February 2024"),
    ],
)
def test_date_precision_is_its_written_form(
    content: Path, write, written: str, date: PartialDate, precision: str, label: str
) -> None:
    write(
        "events/geneva-talks.yml",
        f"date: {written}\ntitle: Talks in Geneva\nsources: [report-rubio-progress]\n",
    )
    loaded = get_content(content).events["geneva-talks"].date
    assert (loaded, loaded.precision, loaded.label, str(loaded)) == (
        date,
        precision,
        label,
        written.strip('"'),
    )


# --- marks ------------------------------------------------------------------------------------


def test_every_value_and_key_has_its_mark(tmp_path: Path) -> None:
    path = tmp_path / "ceasefire.yml"
    path.write_text(
        "# Issue: a ceasefire.\n"  # 1
        "title: Ceasefire\n"  # 2
        "positions:\n"  # 3
        "  - actor: putin\n"  # 4
        "    sources: [a, b]\n"  # 5
        "  - actor: zelenskyy\n"  # 6
        "    quotes:\n"  # 7
        '      - text: "now"\n'  # 8
        "      - text: >-\n"  # 9
        "          not now\n",  # 10
        encoding="utf-8",
    )
    doc, problems = read_yaml(path)
    assert problems == []
    assert doc is not None

    assert doc.mark(("title",)) == Mark(2, 8)
    assert doc.mark(("title",), key=True) == Mark(2, 1)
    assert doc.mark(("positions", 0)) == Mark(4, 5)
    assert doc.mark(("positions", 0, "sources", 1)) == Mark(5, 18)
    assert doc.mark(("positions", 1, "actor")) == Mark(6, 12)
    assert doc.mark(("positions", 1, "quotes"), key=True) == Mark(7, 5)
    assert doc.mark(("positions", 1, "quotes", 0, "text")) == Mark(8, 15, '"')
    assert doc.mark(("positions", 1, "quotes", 1, "text")) == Mark(9, 15, ">")
    # A key that is not in the file (a missing one) is at its nearest located parent.
    assert doc.mark(("positions", 1, "stance")) == Mark(6, 5)
    assert doc.mark(("positions", 1, "stance"), key=True) == Mark(6, 5)


FOLDED = (
    "name: Someone\n"  # 1
    "kind: person\n"  # 2
    "role: see [[zelensky\n"  # 3: the same text, before the summary: not found there
    "summary: >-\n"  # 4
    "  Met [[putin]] in Paris, and\n"  # 5
    "  then [[zelensky|the Ukrainian\n"  # 6: the link's label wraps onto line 7
    "  president]] in Kyiv.\n"  # 7
)


def test_problem_at_text_inside_a_folded_block(tmp_path: Path) -> None:
    path = tmp_path / "someone.yml"
    path.write_text(FOLDED, encoding="utf-8")
    doc, problems = read_yaml(path)
    assert problems == []
    assert doc is not None
    assert "then [[zelensky|the Ukrainian president]] in Kyiv." in doc.data["summary"]

    assert doc.problem(("summary",), "m", text="[[zelensky") == Problem(doc.display, 6, 8, "m")
    assert doc.problem(("summary",), "m", text="[[putin") == Problem(doc.display, 5, 7, "m")
    # Text the file does not hold as written (here: folded across lines): the value's mark.
    whole = "[[zelensky|the Ukrainian president]]"
    assert doc.problem(("summary",), "m", text=whole) == Problem(doc.display, 4, 10, "m")


def test_wiki_link_with_wrapped_label_is_located_at_its_target(write, validate) -> None:
    write("actors/someone.yml", FOLDED.replace("role: see [[zelensky\n", "role: Envoy\n"))
    assert validate() == (
        1,
        "",
        "content/actors/someone.yml:6:8: wiki-link [[zelensky]] points to no actor, issue or "
        "event (did you mean 'zelenskyy'?)\n"
        "1 problem found\n",
    )


# --- safety -----------------------------------------------------------------------------------


def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_alias_bomb_stops_at_the_value_budget(write, validate) -> None:
    text = _billion_laughs()
    assert text.splitlines()[9] == "a9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]"
    write("actors/lol.yml", text)
    assert validate() == (
        1,
        "",
        "content/actors/lol.yml:1:10: file expands to more than 100,000 values: each YAML "
        "alias (*name) repeats the value it names; write the values out instead of aliasing "
        "them\n"
        "1 problem found\n",
    )


def test_recursive_alias(write, validate) -> None:
    write("actors/loop.yml", "name: Loop\nkind: group\naliases: &a [*a]\n")
    assert validate() == (
        1,
        "",
        "content/actors/loop.yml:3:10: recursive alias: this value contains an alias to "
        "itself; write the values out instead of aliasing them\n"
        "1 problem found\n",
    )


@pytest.mark.parametrize("composer", COMPOSERS)
@pytest.mark.parametrize("depth", [40, 5000])
def test_deep_nesting_is_located(write, validate, monkeypatch, composer, depth: int) -> None:
    monkeypatch.setattr(site_gen.load.reader, "_Composer", composer)
    write("actors/deep.yml", "a: " + "[" * depth + "]" * depth + "\n")

    code, out, err = validate()

    if depth > 1000 and composer is not yaml.SafeLoader:
        # libyaml stops at its own limit of 1000 flow levels, at the 1000th bracket.
        expected = (
            "content/actors/deep.yml:1:1003: invalid YAML: exceeded maximum nesting depth "
            "(while increasing flow level at line 1)\n"
        )
    else:
        # The root mapping is level 0, `a`'s list level 1 at column 4: level 33 is column 36.
        expected = "content/actors/deep.yml:1:36: values are nested more than 32 levels deep\n"
    assert (code, out, err) == (1, "", expected + "1 problem found\n")


def test_file_over_1_mb(write, validate) -> None:
    write("actors/long.yml", "name: Long\nkind: person\nsummary: " + "x" * 2_000_000 + "\n")
    assert validate() == (
        1,
        "",
        "content/actors/long.yml:1:1: file is 2.0 MB, over the 1 MB limit for a fact file; "
        "split it or cite the long text as a source\n"
        "1 problem found\n",
    )


# --- files that are not files: serve and validate never block on one -----------------------

PIPE_AND_ZERO = (
    "content/actors/pipe.yml:1:1: not a regular file (a named pipe): the content folder may "
    "hold only files and folders\n"
    "content/actors/z.yml:1:1: symbolic link to '/dev/zero': the content folder is published "
    "as it is, so it may hold only files and folders; put a copy of the file here instead\n"
)


def _within_a_second(call: Callable[[], object]) -> object:
    """What `call` returns, run in a thread that must end within a second (no hang)."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(timeout=1)
    assert not thread.is_alive(), "blocked on a file"
    return result[0]


def test_a_pipe_and_a_link_to_dev_zero_are_located_problems(content: Path, validate) -> None:
    os.mkfifo(content / "actors" / "pipe.yml")  # opening it for reading waits for a writer
    os.symlink("/dev/zero", content / "actors" / "z.yml")  # never ends
    assert _within_a_second(validate) == (1, "", PIPE_AND_ZERO + "2 problems found\n")


def test_the_preview_s_problem_lines_never_block(content: Path) -> None:
    """`preview.locate` opens each problem's file again, long after the walk: a pipe, a link to
    /dev/zero or a device there gives no line, at once."""
    os.mkfifo(content / "actors" / "pipe.yml")
    os.symlink("/dev/zero", content / "actors" / "z.yml")
    problems = [
        Problem("content/actors/pipe.yml", 1, 1, "a pipe"),
        Problem("content/actors/z.yml", 1, 1, "a link"),
        Problem("/dev/zero", 1, 1, "a device"),
        Problem("content/actors/putin.yml", 1, 1, "a file"),
    ]
    located = _within_a_second(lambda: preview.locate(problems))
    assert {x.problem.path: x.line for x in located} == {  # type: ignore[attr-defined]
        "/dev/zero": "",
        "content/actors/pipe.yml": "",
        "content/actors/putin.yml": "# Actor: Vladimir Putin, President of Russia.",
        "content/actors/z.yml": "",
    }


def test_a_pipe_that_appears_after_the_walk_is_not_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "late.yml"
    os.mkfifo(pipe)
    doc, problems = _within_a_second(lambda: read_yaml(pipe))  # type: ignore[misc]
    assert doc is None
    assert [p.message for p in problems] == [
        "not a regular file (a named pipe): the content folder may hold only files and folders"
    ]


def test_a_file_that_grows_past_the_limit_after_its_size_was_checked(
    write, validate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size a stat gave is not trusted: the read itself stops one byte past the limit."""
    path = write("actors/grows.yml", "name: Grows\nkind: person\n")
    real_fstat, inode = os.fstat, path.stat().st_ino
    grown = []

    def fstat_then_grow(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        if st.st_ino == inode and not grown:
            grown.append(True)
            with path.open("a", encoding="utf-8") as f:
                f.write("summary: " + "x" * 2_000_000 + "\n")
        return st

    monkeypatch.setattr(site_gen.files.os, "fstat", fstat_then_grow)
    assert validate() == (
        1,
        "",
        "content/actors/grows.yml:1:1: file is 2.0 MB, over the 1 MB limit for a fact file; "
        "split it or cite the long text as a source\n"
        "1 problem found\n",
    )
    assert grown == [True]
    with pytest.raises(TooLarge) as caught:
        read_bounded(path, 1_000)
    assert caught.value.size == path.stat().st_size


# --- invisible characters in one-line fields ----------------------------------------------

INVISIBLE = [
    pytest.param(
        'name: "Iran\\u200B"',
        "content/actors/iran.yml:1:7: name: invisible character U+200B (ZERO WIDTH SPACE) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="zero-width-space",
    ),
    pytest.param(
        "name: Ir\u00adan",
        "content/actors/iran.yml:1:7: name: invisible character U+00AD (SOFT HYPHEN) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="soft-hyphen-as-typed",
    ),
    pytest.param(
        'name: "\\u3164"',
        "content/actors/iran.yml:1:7: name: invisible character U+3164 (HANGUL FILLER) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="hangul-filler-as-the-whole-name",
    ),
    pytest.param(
        'name: "Iran\\uFEFF"',
        "content/actors/iran.yml:1:7: name: invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="byte-order-mark-inside-text",
    ),
    pytest.param(
        'name: "Iran\\U000E0041\\U000E0042"',
        "content/actors/iran.yml:1:7: name: invisible character U+E0041 (TAG LATIN CAPITAL LETTER A) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="tag-characters-spell-hidden-ascii",
    ),
    pytest.param(
        'name: "Iran \\uFE0F"',
        "content/actors/iran.yml:1:7: name: variation selector U+FE0F with no character before it to vary, in a one-line field; remove it",
        id="variation-selector-after-a-space",
    ),
    pytest.param(
        'name: Iran\nrole: "\\u200Fhead of state"',
        "content/actors/iran.yml:2:7: role: invisible character U+200F (RIGHT-TO-LEFT MARK) in a one-line field: readers do not see it, yet the text differs from the same words typed plainly; remove it",
        id="right-to-left-mark",
    ),
]


@pytest.mark.parametrize(("line", "expected"), INVISIBLE)
def test_invisible_characters_in_one_line_fields(write, validate, line: str, expected: str) -> None:
    write("actors/iran.yml", f"{line}\nkind: state\n")
    assert validate() == (1, "", f"{expected}\n1 problem found\n")


def test_what_spelling_needs_is_kept(write, validate) -> None:
    """Joiners (Persian, Hindi, emoji), a variation selector after its character, and anything
    in a Markdown field or a quote (a block of its own)."""
    write(
        "actors/iran.yml",
        """\
        name: "\\u0645\\u06CC\\u200C\\u062E\\u0648\\u0627\\u0647\\u0645 \\u2764\\uFE0F \\U0001F469\\u200D\\U0001F52C"
        kind: state
        summary: "Soft\\u00ADhyphen and zero\\u200Bwidth space in Markdown"
        """,
    )
    assert validate() == (0, "ok: 10 actors, 5 issues, 5 events, 1 source\n", "")


def test_empty_and_null_values_are_absent(content: Path, write) -> None:
    write("actors/lavrov.yml", "name: Sergey Lavrov\nkind: person\nrole:\naffiliation: null\n")
    lavrov = get_content(content).actors["lavrov"]
    assert (lavrov.role, lavrov.affiliation) == (None, None)


# --- a source's text (sources/<id>.txt) ------------------------------------------------------


def test_a_source_s_text_is_read_bounded_and_never_blocks(content: Path, validate) -> None:
    text = content / "sources" / "report-rubio-progress.txt"
    text.unlink()
    os.mkfifo(text)
    os.symlink("/dev/zero", content / "sources" / "memo.txt")
    assert _within_a_second(validate) == (
        1,
        "",
        "content/sources/memo.txt:1:1: symbolic link to '/dev/zero': the content folder is "
        "published as it is, so it may hold only files and folders; put a copy of the file here "
        "instead\n"
        "content/sources/report-rubio-progress.txt:1:1: not a regular file (a named pipe): the "
        "content folder may hold only files and folders\n"
        "2 problems found\n",
    )
    text.unlink()
    (content / "sources" / "memo.txt").unlink()
    text.write_bytes(b"x" * 1_000_001)
    assert validate()[2] == (
        "content/sources/report-rubio-progress.txt:1:1: file is 1.0 MB, over the 1 MB limit for "
        "a source's text; keep the part of the source that the facts quote\n1 problem found\n"
    )


def test_the_preview_reads_a_source_s_text_again_only_once_it_changed(content: Path) -> None:
    cache: site_gen.load.FileCache = {}
    first = site_gen.load.load_content(content, cache).texts["report-rubio-progress"]
    assert site_gen.load.load_content(content, cache).texts["report-rubio-progress"] is first
    path = content / "sources" / "report-rubio-progress.txt"
    path.write_text(path.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    again = site_gen.load.load_content(content, cache).texts["report-rubio-progress"]
    assert again is not first and again.text.endswith("More.\n")
    path.unlink()
    assert "report-rubio-progress" not in site_gen.load.load_content(content, cache).texts
    assert str(path) not in cache
