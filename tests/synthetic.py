"""Synthetic explainers on the content contract, for the benchmark and for scale tests.

`write_corpus(root, issues)` writes an explainer with `issues` issues, half as many actors
and ten events per issue, spread over ten years. Every fact is sourced and dated, every
principal has a current position on every issue, and some actors changed position, so the
corpus builds with `--strict` and exercises every page kind. Same input, same files.
"""

from __future__ import annotations

from pathlib import Path

PRINCIPALS = 3
EVENTS_PER_ISSUE = 10
FIRST_YEAR, YEARS = 2016, 10
AS_OF = "2025-12-31"


def write_corpus(root: Path, issues: int, events_per_issue: int = EVENTS_PER_ISSUE) -> Path:
    """Write the corpus into `root` (which must not exist yet); return `root`. Fewer
    `events_per_issue` keep a big explainer's timeline to a page per year."""
    actors = max(PRINCIPALS + 1, issues // 2)
    for folder in ("actors", "issues", "events", "sources"):
        (root / folder).mkdir(parents=True)
    principals = "".join(f"  - actor-{i}\n" for i in range(PRINCIPALS))
    _write(
        root / "explainer.yml",
        f"title: Synthetic talks with {issues} issues\n"
        "lede: >-\n  A generated explainer for measuring the build; see [[issue-0]] and "
        "[[actor-0]].\n"
        f'as_of: "{AS_OF}"\nprincipals:\n{principals}',
    )
    _write(
        root / "glossary.yml",
        "ceasefire: A halt to the fighting.\nframework: The outline of a later agreement.\n",
    )
    for a in range(actors):
        if a < PRINCIPALS:
            body = f"name: State {a}\nkind: state\n"
        else:
            body = (
                f"name: Person {a}\nkind: person\nrole: Negotiator\n"
                f"affiliation: actor-{a % PRINCIPALS}\naliases: [P{a}, Delegate {a}]\n"
            )
        _write(
            root / "actors" / f"actor-{a}.yml",
            body + f"summary: Takes part in [[issue-{a % issues}]].\n",
        )
    for i in range(issues):
        _write(
            root / "sources" / f"source-{i}.yml",
            f"title: Report {i} on the talks\npublisher: Newswire {i % 7}\n"
            f'published: "{AS_OF}"\nurl: https://example.org/reports/{i}\n',
        )
        _write(root / "issues" / f"issue-{i}.yml", _issue(i, issues, actors))
        for k in range(events_per_issue):
            n = i * events_per_issue + k
            year = FIRST_YEAR + n % YEARS
            month, day = 1 + n // YEARS % 12, 1 + n // (YEARS * 12) % 28
            _write(
                root / "events" / f"event-{n}.yml",
                f'date: "{year}-{month:02d}-{day:02d}"\ntitle: Round {n} of talks on issue {i}\n'
                f"summary: Delegations met on [[issue-{i}]].\n"
                f"actors: [actor-{n % actors}, actor-{(n + 1) % actors}]\nissues: [issue-{i}]\n"
                f"sources: [source-{i}]\n",
            )
    return root


def _issue(i: int, issues: int, actors: int) -> str:
    who = [*range(PRINCIPALS), PRINCIPALS + i % (actors - PRINCIPALS)]
    positions = []
    for j, a in enumerate(who):
        month = 10 + (i + j) % 3
        positions.append(
            f"  - actor: actor-{a}\n    stance: Stance {j} of actor {a} on issue {i}\n"
            f"    detail: Said at round {i} with *emphasis*, see [[actor-{a}]].\n"
            f"    flexibility: {('red-line', 'firm', 'open', 'unclear')[j]}\n"
            f'    as_of: "2025-{month:02d}-15"\n    sources: [source-{i}]\n'
            f'    quotes:\n      - text: "Words {j} on issue {i}"\n        source: source-{i}\n'
        )
    # The first principal changed its position: the earlier one stays in the history.
    positions.append(
        f"  - actor: actor-0\n    stance: Earlier stance on issue {i}\n    flexibility: open\n"
        f'    as_of: "2024-06"\n    sources: [source-{i}]\n'
    )
    related = f"related: [issue-{(i + 1) % issues}]\n" if issues > 1 else ""
    return (
        f"title: Issue {i}\nquestion: What happens to question {i}?\n"
        f"status: {('open', 'narrowing', 'agreed', 'deadlocked')[i % 4]}\n"
        f"summary: The parties disagree on question {i}; see [[actor-0]].\n"
        f"positions:\n{''.join(positions)}{related}"
    )


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
