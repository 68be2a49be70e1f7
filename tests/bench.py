"""`make bench`: how fast the tool is, as ratios measured within one run.

Machines here are shared and noisy, so every figure is a ratio of two timings taken
side by side (best of several runs), not an absolute number to compare across runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from site_gen.check import get_content
from site_gen.errors import ContentError
from site_gen.render import render_site

ROOT = Path(__file__).parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def synthetic(root: Path, issues: int = 60, actors: int = 40, events: int = 200) -> Path:
    """A bigger explainer than the shipped one, for scaling: copies of the same shapes."""
    shutil.copytree(ROOT / "content", root)
    for i in range(actors):
        (root / "actors" / f"actor-{i}.yml").write_text(
            f"name: Actor {i}\nkind: person\naffiliation: russia\nsummary: See [[donbas]].\n"
        )
    for i in range(issues):
        positions = "".join(
            f"  - actor: actor-{(i + j) % actors}\n    stance: Stance {j}\n    detail: |\n"
            f"      Detail with *emphasis* and [[actor-{j}]].\n    flexibility: firm\n"
            f"    as_of: 2025-0{1 + j % 9}\n    sources: [report-rubio-progress]\n"
            f"    quotes:\n      - text: Words {j}\n        source: report-rubio-progress\n"
            for j in range(6)
        )
        (root / "issues" / f"issue-{i}.yml").write_text(
            f"title: Issue {i}\nquestion: Question {i}?\nstatus: open\nsummary: Summary.\n"
            f"positions:\n{positions}related: [donbas]\n"
        )
    for i in range(events):
        (root / "events" / f"event-{i}.yml").write_text(
            f"date: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}\ntitle: Event {i}\n"
            f"actors: [actor-{i % actors}]\nissues: [issue-{i % issues}]\n"
            "sources: [report-rubio-progress]\n"
        )
    return root


def mkdocs_build(project: Path, config: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", "site"],
        cwd=project,
        env=ENV,
        check=True,
    )


def build_ratio(content: Path, work: Path) -> tuple[float, float, float]:
    """Plugin build vs plain MkDocs building the same pages already compiled to Markdown."""
    project = work / "project"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(content, project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = render_site(get_content(content))
    plain = project / "plain"
    for path, text in site.pages.items():
        (plain / path).parent.mkdir(parents=True, exist_ok=True)
        (plain / path).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: plain").replace("  - explainer\n", "")
    (project / "plain.yml").write_text(config, encoding="utf-8")
    ours = best(lambda: mkdocs_build(project, "mkdocs.yml"), 3)
    theirs = best(lambda: mkdocs_build(project, "plain.yml"), 3)
    return ours, theirs, ours / theirs


def compose_ratio(content: Path) -> tuple[float, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(content.rglob("*.yml"))]

    def compose(loader: type) -> Callable[[], None]:
        return lambda: [yaml.compose(t, Loader=loader) for t in texts]

    c = best(compose(yaml.CSafeLoader))
    py = best(compose(yaml.SafeLoader))
    return c, py


def bad_input(work: Path, name: str, text: str) -> tuple[float, str]:
    root = shutil.copytree(ROOT / "content", work / name)
    (root / "sources" / "bad.yml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    try:
        get_content(root)
        message = "accepted"
    except ContentError as e:
        message = e.problems[0].message
    return time.perf_counter() - start, message[:70]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big = synthetic(work / "big")
        n_big = sum(1 for _ in big.rglob("*.yml"))
        print(
            f"shipped content: {sum(1 for _ in (ROOT / 'content').rglob('*.yml'))} files; "
            f"synthetic: {n_big} files"
        )
        for label, content in (("shipped", ROOT / "content"), ("synthetic", big)):
            load = best(lambda content=content: get_content(content))
            facts = get_content(content)
            render = best(lambda facts=facts: render_site(facts))
            c, py = compose_ratio(content)
            ours, plain, ratio = build_ratio(content, work / label)
            pages = len(render_site(facts).pages)
            print(f"\n[{label}] {pages} generated pages")
            print(f"  load+check {load * 1000:8.1f} ms   render {render * 1000:8.1f} ms")
            print(
                f"  compose with libyaml {c * 1000:.1f} ms vs pure Python {py * 1000:.1f} ms: "
                f"pure Python would cost {py / c:.1f}x"
            )
            print(
                f"  mkdocs build with the plugin {ours:.2f} s vs plain MkDocs on the same "
                f"compiled pages {plain:.2f} s: ratio {ratio:.2f}"
            )
        bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        for name, text in (
            ("alias-bomb", bomb),
            ("2mb-field", "title: " + "x" * 2_000_000 + "\n"),
            ("900kb-field", "title: t\npublisher: " + "x" * 900_000 + "\n"),
            ("deep-nesting", "title: " + "[" * 5000 + "]" * 5000 + "\n"),
        ):
            seconds, message = bad_input(work, name, text)
            print(f"  {name:13} {seconds * 1000:7.1f} ms  {message}")


if __name__ == "__main__":
    main()
