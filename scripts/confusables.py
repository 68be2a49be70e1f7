"""Write site_gen/confusables.txt: the part of Unicode's confusables table (UTS #39) that the
look-alike check (site_gen/lookalike.py) uses.

    python scripts/confusables.py                    # from ICU, as installed (libicu)
    python scripts/confusables.py --from confusables.txt   # from Unicode's own file
    python scripts/confusables.py --check            # exit 1 if the vendored table differs

Unicode publishes the table as security/confusables.txt; ICU compiles the same file into its
spoof checker, and Debian ships ICU (libicu72: ICU 72.1, Unicode 15.0), so either source
gives the same lines for the same Unicode version. Kept: characters of the Latin, Greek,
Cyrillic, Common and Inherited scripts that a name can still hold once it is NFKC-normalized,
case-folded and decomposed (NFD), as `skeleton` makes it; each line maps one to its prototype,
decomposed. About 700 lines, where the whole table has over 6,000.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "site_gen" / "confusables.txt"
SCRIPTS = {0: "Common", 1: "Inherited", 8: "Cyrillic", 14: "Greek", 25: "Latin"}
"""ICU's UScriptCode numbers of the scripts kept."""


class Icu:
    """ICU's spoof checker and script property, through ctypes (no compiled binding needed)."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/*/libicui18n.so.[0-9]*[0-9]"))
        if not found:
            sys.exit("ICU not found: apt-get install libicu72 (or give --from confusables.txt)")
        lib = found[0]
        self.major = re.search(r"\.so\.(\d+)", lib)[1]  # type: ignore[index]
        self.i18n, self.uc = ctypes.CDLL(lib), ctypes.CDLL(lib.replace("i18n", "uc"))
        version = (ctypes.c_uint8 * 4)()
        self._fn(self.uc, "u_getUnicodeVersion")(version)
        self.unicode = ".".join(str(v) for v in version[:3])
        icu = (ctypes.c_uint8 * 4)()
        self._fn(self.uc, "u_getVersion")(icu)
        self.version = ".".join(str(v) for v in icu[:2])
        error = ctypes.c_int(0)
        open_ = self._fn(self.i18n, "uspoof_open")
        open_.restype = ctypes.c_void_p
        self.checker = open_(ctypes.byref(error))
        self._skeleton = self._fn(self.i18n, "uspoof_getSkeleton")
        self._skeleton.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p]
        self._skeleton.argtypes += [ctypes.c_int32, ctypes.c_char_p, ctypes.c_int32]
        self._skeleton.argtypes += [ctypes.POINTER(ctypes.c_int)]
        self._script = self._fn(self.uc, "uscript_getScript")
        self._script.argtypes = [ctypes.c_int32, ctypes.POINTER(ctypes.c_int)]

    def _fn(self, lib: ctypes.CDLL, name: str) -> Callable:
        return getattr(lib, f"{name}_{self.major}")

    def skeleton(self, text: str) -> str:
        data, out, error = (
            text.encode("utf-16-le"),
            ctypes.create_string_buffer(512),
            ctypes.c_int(0),
        )
        n = self._skeleton(self.checker, 0, data, len(data) // 2, out, 256, ctypes.byref(error))
        assert error.value <= 0, (text, error.value)
        return out.raw[: 2 * n].decode("utf-16-le")

    def script(self, code: int) -> int:
        return self._script(code, ctypes.byref(ctypes.c_int(0)))

    def mappings(self) -> Iterator[tuple[str, str]]:
        for code in _candidates():
            c = chr(code)
            if self.script(code) in SCRIPTS and (target := self.skeleton(c)) != c:
                yield c, target


def _candidates() -> Iterator[int]:
    """Code points a skeleton's input can hold: unchanged by NFD, NFKC and case folding."""
    for code in range(0x110000):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF or c.casefold() != c:
            continue
        if unicodedata.normalize("NFKC", c) == c == unicodedata.normalize("NFD", c):
            yield code


def from_file(path: Path) -> tuple[str, Iterator[tuple[str, str]]]:
    """The version and the kept mappings of Unicode's confusables.txt (scripts from ICU)."""
    text = path.read_text(encoding="utf-8-sig")
    version = re.search(r"^# Version: (\S+)", text, re.MULTILINE)
    table = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) >= 2:
            source = "".join(chr(int(x, 16)) for x in fields[0].split())
            table[source] = "".join(chr(int(x, 16)) for x in fields[1].split())
    icu = Icu()
    kept = (
        (chr(code), unicodedata.normalize("NFD", table[chr(code)]))
        for code in _candidates()
        if chr(code) in table and icu.script(code) in SCRIPTS
    )
    return (version[1] if version else "?"), kept


def lines(source: str, mappings: Iterator[tuple[str, str]]) -> str:
    out = [
        "# The part of Unicode's confusables table (UTS #39, security/confusables.txt) that",
        "# site_gen/lookalike.py uses: characters of the Latin, Greek, Cyrillic, Common and",
        "# Inherited scripts that a name holds once NFKC-normalized, case-folded and decomposed,",
        "# each with its prototype (decomposed). Regenerate with scripts/confusables.py.",
        f"# Source: {source}",
        "# Format as confusables.txt: source ; prototype ; MA # ( source → prototype ); without",
        "# the characters' names (the tool's files name no place: tests/test_editors.py)",
        "",
    ]
    for c, target in mappings:
        codes = " ".join(f"{ord(t):04X}" for t in target)
        shown = target if unicodedata.category(target[0]) != "Mn" else "\u25cc" + target
        out.append(f"{ord(c):04X} ;\t{codes} ;\tMA\t# ( {c} → {shown} )")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="Unicode's confusables.txt")
    parser.add_argument("--check", action="store_true", help="compare with the vendored table")
    args = parser.parse_args()
    if args.source:
        version, mappings = from_file(args.source)
        text = lines(f"confusables.txt, Unicode {version}", mappings)
    else:
        icu = Icu()
        text = lines(
            f"ICU {icu.version} (Unicode {icu.unicode}), uspoof_getSkeleton", icu.mappings()
        )
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("the vendored table is up to date" if same else f"{OUT} differs: regenerate it")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 7} mappings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
