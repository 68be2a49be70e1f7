"""`make bench`: how fast the tool is and how it grows, as ratios measured within one run.

Machines here are shared and noisy, so the figures to compare are ratios of timings taken
side by side in one run (build vs plain MkDocs, big vs small), not absolute numbers.

For each size of a synthetic explainer (tests/synthetic.py: N issues, N/2 actors, 10N events)
it measures `site-gen validate`, the compile step alone (load + check + Markdown), the full
`mkdocs build`, and plain MkDocs building the Markdown that `site-gen compile` wrote (same
theme, same navigation, no plugin); then the live preview's save-to-reload time; then how
fast bad input is stopped. Usage: `python tests/bench.py [SIZE ...]` (default 20 200 1000).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_gen.check import get_checked, get_content  # noqa: E402
from site_gen.errors import ContentError  # noqa: E402
from site_gen.load import FileCache  # noqa: E402
from site_gen.render import PageCache, render_site  # noqa: E402
from site_gen.render.text import MarkdownRenderer  # noqa: E402
from site_gen.safety import known_scripts, scan_site, theme_scripts  # noqa: E402
from tests.corpora import TALKS  # noqa: E402
from tests.hostile_corpus import SLOW_UNITS, one_megabyte_issue  # noqa: E402
from tests.synthetic import write_corpus  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
BIN = Path(sys.executable).parent
SIZES = (20, 200, 1000)
PREVIEW_SIZES = (200, 1000)
"""Sizes at which the live preview's save-to-reload is timed (plain `mkdocs serve` at the
first only: at 1,000 issues each of its saves is a whole build)."""
PREVIEW_TARGET = 2.0


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(cmd: list[str], cwd: Path) -> Run:
    """Run a command; its wall time and the peak resident memory of that process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{process.stderr.read().decode()}")
    process.stderr.close()
    return Run(seconds, usage.ru_maxrss / 1024)


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def project(work: Path, issues: int) -> Path:
    """A project like this repository's, with the synthetic content and a plain twin config."""
    root = work / f"project-{issues}"
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    write_corpus(root / "content", issues)
    return root


def plain_config(root: Path) -> Path:
    """`site-gen compile` into plain/, and a config building it with the same theme and nav."""
    run([str(BIN / "site-gen"), "compile", "content", "--out", "plain"], root)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: plain").replace("  - explainer\n", "")
    nav = json.loads((root / "plain" / "nav.json").read_text(encoding="utf-8"))
    (root / "plain" / "nav.json").unlink()
    config += "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True)
    config = config.replace("  omitted_files: warn", "  omitted_files: info")
    (root / "plain.yml").write_text(config, encoding="utf-8")
    return root / "plain.yml"


def site_sizes(site: Path) -> tuple[int, int, int, str]:
    """Pages, total bytes, and the largest page with its size."""
    pages = list(site.rglob("*.html"))
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    largest = max(pages, key=lambda f: f.stat().st_size)
    return len(pages), total, largest.stat().st_size, str(largest.relative_to(site))


def measure(work: Path, issues: int) -> dict[str, float | int | str]:
    root = project(work, issues)
    files = sum(1 for _ in (root / "content").rglob("*.yml"))
    repeat = 3 if issues <= 200 else 2  # interleaved: one run at 1,000 was too noisy
    validate = min(
        run([str(BIN / "site-gen"), "validate", "content"], root).seconds for _ in range(repeat)
    )
    content_dir = root / "content"

    def compile_cold() -> None:
        render_site(get_content(content_dir))

    compile_ = best(compile_cold, repeat)
    plain = plain_config(root)
    builds, plains = [], []
    for _ in range(repeat):  # interleaved, so both see the same machine
        builds.append(run([str(BIN / "mkdocs"), "build", "--strict", "-q"], root))
        plains.append(
            run([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain), "-d", "plain-site"], root)
        )
    build = min(builds, key=lambda r: r.seconds)
    base = min(plains, key=lambda r: r.seconds)
    pages, total, largest, largest_path = site_sizes(root / "site")
    scan = scan_cost(root)
    return {
        "scan": scan,
        "issues": issues,
        "files": files,
        "validate": validate,
        "compile": compile_,
        "build": build.seconds,
        "plain": base.seconds,
        "pages": pages,
        "site_mb": total / 1e6,
        "largest_kb": largest / 1e3,
        "largest_path": largest_path,
        "peak_mb": max(r.peak_mb for r in builds),
    }


def scan_cost(root: Path) -> float:
    """CPU seconds of the safety net over the built site (part of every build's time)."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    allowed = theme_scripts(Path(d) for d in config.theme.dirs)
    start = time.process_time()
    scripts = known_scripts(Path(d) for d in config.theme.dirs)
    found = scan_site(root / "site", allowed, scripts=scripts)
    seconds = time.process_time() - start
    if found:
        raise SystemExit(f"the net found unsafe markup on the synthetic site: {found[:3]}")
    return seconds


def worst_text(work: Path) -> list[tuple[str, float, float]]:
    """CPU seconds to check (load, check) and to render every Markdown field of a file at the
    1 MB limit made of one once-quadratic unit, for each unit: the worst case of the text
    operations."""
    rows = []
    for unit in (*SLOW_UNITS, "[a](", "[a](b"):
        root = shutil.copytree(TALKS, work / f"worst-{len(rows)}")
        text = one_megabyte_issue(units=(unit,))
        (root / "issues" / "big.yml").write_text(text, encoding="utf-8")
        start = time.process_time()
        with contextlib.suppress(ContentError):  # `[a](` spells links to nowhere: reported
            get_content(root)
        check = time.process_time() - start
        render = MarkdownRenderer(lambda id: ("actors/putin.md", "", "Putin"))
        details = [p["detail"] for p in yaml.safe_load(text)["positions"]]
        start = time.process_time()
        for i, detail in enumerate(details):  # each one different: none is memoized
            render(f"{i} {detail}", "issues/big.md")
        rows.append((unit, check, time.process_time() - start))
    return rows


def save_to_reload(work: Path, issues: int, dirty: bool, edits: int = 5) -> float:
    """Median seconds from saving an issue's YAML to `mkdocs serve` serving its new page."""
    wait = 120 if issues <= 200 else 900  # a save at 1,000 issues may take a while
    root = project(work / ("dirty" if dirty else "full"), issues)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if dirty else [])]
    server = subprocess.Popen(
        cmd, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/issues/issue-7/"
    issue = root / "content" / "issues" / "issue-7.yml"
    text = issue.read_text(encoding="utf-8")
    try:
        wait_for(url, "Stance 0 of actor 0 on issue 7", 600 if issues <= 200 else 1800)
        times = []
        for n in range(edits):
            time.sleep(1.0)  # let the watcher settle
            marker = f"Edited {n} stance"
            start = time.perf_counter()
            issue.write_text(text.replace("Stance 0 of actor 0", marker, 1), encoding="utf-8")
            wait_for(url, marker, wait)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def recompile_on_save(work: Path, issues: int) -> tuple[float, int, int]:
    """Seconds the plugin spends on a save with its caches warm (re-read the changed file,
    check everything, render again the pages whose facts changed): its part of the preview's
    save-to-reload; and how many pages it rendered again, of how many."""
    root = project(work / "recompile", issues)
    cache: FileCache = {}
    pages = PageCache()
    render_site(get_checked(root / "content", cache)[0], data_files=False, cache=pages)
    issue = root / "content" / "issues" / "issue-7.yml"
    text = issue.read_text(encoding="utf-8")

    def save_and_compile() -> None:
        issue.write_text(text.replace("Stance 0", f"Stance {time.monotonic()}", 1), "utf-8")
        render_site(get_checked(root / "content", cache)[0], data_files=False, cache=pages)

    seconds = best(save_and_compile, 3)
    return seconds, len(pages.rendered), len(pages.pages)


def wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not up yet, or busy building
        time.sleep(0.02)
    raise SystemExit(f"{text!r} did not appear at {url} within {seconds} s")


def bad_input(work: Path, name: str, text: str) -> tuple[float, str]:
    root = shutil.copytree(TALKS, work / name)
    (root / "sources" / "bad.yml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    try:
        get_content(root)
        message = "accepted"
    except ContentError as e:
        message = e.problems[0].message
    return time.perf_counter() - start, message[:70]


def compose_ratio(content: Path) -> float:
    """How much slower PyYAML's pure-Python composer is than libyaml on these files."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.yml"))]
    c = best(lambda: [yaml.compose(t, Loader=yaml.CSafeLoader) for t in texts], 3)
    py = best(lambda: [yaml.compose(t, Loader=yaml.SafeLoader) for t in texts], 3)
    return py / c


def main(sizes: tuple[int, ...]) -> None:
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores; best of 3 (2 at 1000 issues)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = [measure(work, n) for n in sizes]
        head = (
            f"{'issues':>6} {'files':>6} {'pages':>6} {'validate':>9} {'compile':>8} "
            f"{'build':>7} {'plain':>7} {'build/plain':>11} {'compile/build':>13} "
            f"{'site MB':>8} {'largest KB':>10} {'peak MB':>8} {'scan CPU':>9}"
        )
        print(head)
        for r in rows:
            print(
                f"{r['issues']:>6} {r['files']:>6} {r['pages']:>6} {r['validate']:>8.2f}s "
                f"{r['compile']:>7.2f}s {r['build']:>6.2f}s {r['plain']:>6.2f}s "
                f"{r['build'] / r['plain']:>11.2f} {r['compile'] / r['build']:>12.0%} "
                f"{r['site_mb']:>8.1f} {r['largest_kb']:>10.0f} {r['peak_mb']:>8.0f}"
                f" {r['scan']:>8.2f}s"
            )
        print("largest pages: " + ", ".join(f"{r['issues']}: {r['largest_path']}" for r in rows))
        if len(rows) > 1:
            small, big = rows[0], rows[-1]
            time_growth = big["build"] / small["build"]
            page_growth = big["pages"] / small["pages"]
            print(
                f"\ngrowth {small['issues']} -> {big['issues']} issues: pages x{page_growth:.1f}, "
                f"build time x{time_growth:.1f} (ratio {time_growth / page_growth:.2f}; "
                f"<= 1.1 means no faster than the pages)"
            )
        previews = [n for n in PREVIEW_SIZES if n in sizes]
        if previews:
            print(f"\nlive preview, save-to-reload (median; target under {PREVIEW_TARGET:.0f} s):")
        for n in previews:
            dirty = save_to_reload(work, n, dirty=True, edits=5 if n <= 200 else 3)
            compile_, again, of = recompile_on_save(work, n)
            line = (
                f"  {n:>5} issues: `mkdocs serve --dirty` (make serve) {dirty:.2f} s "
                f"({'under' if dirty < PREVIEW_TARGET else 'OVER'} target), of which the "
                f"plugin's compile {compile_:.2f} s ({compile_ / dirty:.0%}; "
                f"{again} of {of} pages rendered again)"
            )
            if n == previews[0]:
                full = save_to_reload(work, n, dirty=False, edits=3)
                line += f"; plain `mkdocs serve` {full:.2f} s, ratio {full / dirty:.1f}"
            print(line)

        print(
            f"\nPyYAML pure-Python composer vs libyaml on the shipped content: x{compose_ratio(TALKS):.1f}"
        )
        bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        print(
            "\nthe safety net (selectolax/lexbor) over the built site, CPU seconds: "
            + ", ".join(
                f"{r['issues']} issues {r['scan']:.2f} s ({r['scan'] / r['build']:.0%} of the build)"
                for r in rows
            )
        )
        print("worst case of the text operations: a file at the 1 MB limit of one unit, CPU s")
        for unit, check, render in worst_text(work):
            print(f"  {unit!r:8} load+check {check:6.2f} s   render every field {render:6.2f} s")
        print_share_cost(work, rows[-1]["issues"])  # type: ignore[arg-type]
        print("bad input, time to the error:")
        for name, text in (
            ("alias-bomb", bomb),
            ("2mb-field", "title: " + "x" * 2_000_000 + "\n"),
            ("900kb-field", "title: t\npublisher: " + "x" * 900_000 + "\n"),
            ("deep-nesting", "title: " + "[" * 5000 + "]" * 5000 + "\n"),
        ):
            seconds, message = bad_input(work, name, text)
            print(f"  {name:13} {seconds * 1000:7.1f} ms  {message}")


def share_cost(work: Path, issues: int) -> dict[str, float | int]:
    """What share cards and embed pages cost a build (issue 24), against plain MkDocs on the
    same Markdown: builds with `site_url` (so with cards) from an empty card cache and then
    with the cache of that build (nothing changed: nothing drawn), and builds with cards and
    embeds switched off. Interleaved; best of `repeat`. In CPU seconds of the build and all
    its processes (the card workers too), which a machine shared with other work disturbs far
    less than the wall time."""
    root = work / f"project-{issues}"
    if not root.exists():
        root = project(work, issues)
    plain = plain_config(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    off = root / "off.yml"
    off.write_text(
        config.replace(
            "  - explainer\n", "  - explainer:\n      cards: false\n      embeds: false\n"
        ),
        encoding="utf-8",
    )
    cache = root / "build" / "cache" / "cards"
    build = [str(BIN / "mkdocs"), "build", "--strict", "-q"]
    times: dict[str, list[float]] = {"plain": [], "off": [], "cold": [], "warm": []}
    repeat = int(os.environ.get("SHARE_REPEAT", 2 if issues >= 1000 else 3))
    no_url = {k: v for k, v in ENV.items() if k != "SITE_URL"}
    with_url = {**ENV, "SITE_URL": "https://example.org/explainer/"}
    for _ in range(repeat):
        plain_cmd = [str(BIN / "mkdocs"), "build", "-q", "-f", str(plain), "-d", "plain-site"]
        times["plain"].append(cpu(plain_cmd, root, no_url))
        times["off"].append(cpu([*build, "-f", str(off)], root, with_url))
        shutil.rmtree(cache, ignore_errors=True)
        times["cold"].append(cpu(build, root, with_url))
        times["warm"].append(cpu(build, root, with_url))
    best_of = {k: min(v) for k, v in times.items()}
    cards = list((root / "site" / "assets" / "cards").rglob("*.png"))
    embeds = list((root / "site" / "embed").rglob("*.html"))
    return {
        **best_of,
        "cards": len(cards),
        "cards_kb": sum(p.stat().st_size for p in cards) / 1e3,
        "embeds": len(embeds),
    }


def cpu(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    """CPU seconds (user and system) of the command and every process it started."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def print_share_cost(work: Path, issues: int) -> None:
    r = share_cost(work, issues)
    plain, off = r["plain"], r["off"]
    print(
        f"\nshare cards and embeds at {issues} issues ({r['cards']} cards, "
        f"{r['cards_kb'] / max(1, r['cards']):.0f} KB each; {r['embeds']} embed pages), CPU s: "
        f"plain {plain:.1f}, both off {off:.1f} (build/plain {off / plain:.2f}); on, nothing "
        f"to draw {r['warm']:.1f} (build/plain {r['warm'] / plain:.2f}, "
        f"{r['warm'] / off - 1:+.0%} over off; target at most +10 %); on, every card drawn "
        f"{r['cold']:.1f} ({r['cold'] / off - 1:+.0%} over off)"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--share"]:  # only the cards' and embeds' cost: bench.py --share 1000
        with tempfile.TemporaryDirectory() as tmp:
            for n in tuple(int(a) for a in sys.argv[2:]) or (SIZES[-1],):
                print_share_cost(Path(tmp), n)
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
