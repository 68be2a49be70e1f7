"""The positions matrix: a row per issue, a cell per principal; `PAGE_ITEMS` issues to a page
in the issues index's order (`positions.md` first, then `positions/2.md`...)."""

from __future__ import annotations

from markupsafe import Markup

from site_gen import facts
from site_gen.model import Issue
from site_gen.render.base import Renderer
from site_gen.render.issues import stand_parts
from site_gen.render.marks import OptionMarks
from site_gen.render.text import href

FIRST = "positions.md"


def positions(r: Renderer, page: str = FIRST) -> str:
    """One matrix page: the issues `r.matrix_pages[page]`, a row each."""
    ex = r.c.explainer
    principals = list(ex.principals) or [a.id for a in r.actors_in_order()]
    paths = list(r.matrix_counts)
    n = paths.index(page)
    issues = r.matrix_pages[page]
    first = sum(r.matrix_counts[p] for p in paths[:n]) + 1
    title = "Positions" if n == 0 else f"Positions: issues {first}–{first + len(issues) - 1}"
    description = "Who wants what on every issue: the newest position of each principal."
    up = (page, FIRST, "Positions") if n else ("", "", "")
    out = [r.front(title, description, "hide:\n  - navigation\n  - toc", up=up)]
    pages = [{"href": href(page, p), "label": _span(r, p), "current": p == page} for p in paths]
    intro = r.block(
        "matrix_intro.html",
        as_of=Markup(r.time(ex.as_of, short=True)),
        pages=pages if len(paths) > 1 else [],
        first=first,
        last=first + len(issues) - 1,
        count=sum(r.matrix_counts.values()),
    )
    out.append(f"{intro}\n")
    head = ["Issue", *(r.actor_link(page, p) for p in principals)]
    marks = OptionMarks()
    rows = [_row(r, page, issue, principals, marks) for issue in issues]
    out.append(r.table("Positions by issue and principal", "xp-matrix", head, rows, searched=False))
    if len(paths) > 1:
        links = []
        if n > 0:
            links.append(
                f'<a href="{href(page, paths[n - 1])}">Earlier: issues {_span(r, paths[n - 1])}</a>'
            )
        links.append(f'<a href="{href(page, "issues/index.md")}">All issues</a>')
        if n + 1 < len(paths):
            links.append(
                f'<a href="{href(page, paths[n + 1])}">Later: issues {_span(r, paths[n + 1])}</a>'
            )
        out.append(
            r.block("pager.html", label="Positions", links=[Markup(a) for a in links]) + "\n"
        )
    return "\n".join(out)


def _span(r: Renderer, path: str) -> str:
    """`101–200`: which issues of the index a matrix page holds."""
    paths = list(r.matrix_counts)
    first = sum(r.matrix_counts[p] for p in paths[: paths.index(path)]) + 1
    return f"{first}–{first + r.matrix_counts[path] - 1}"


def _row(r: Renderer, page: str, issue: Issue, principals: list[str], marks: OptionMarks) -> str:
    """An issue's row: its title and status, then the stand of each principal."""
    ground = r.ground(issue)
    by_principal = {ps.principal: ps for ps in ground.principals}
    cells = []
    for principal in principals:
        ps = by_principal.get(principal) or facts.PrincipalStand(
            principal, facts.matrix_cell(r.c, r.stands[issue.id], principal)
        )
        p = ps.stand.current if ps.stand else None
        cells.append(
            {
                "label": r.c.actors[principal].name,
                "via": r.c.actors[p.actor].name if p and p.actor != principal else "",
                "href": href(page, f"issues/{issue.id}.md", f"position-{p.actor}") if p else "",
                "parts": stand_parts(r, issue, ps, marks),
            }
        )
    return r.block(
        "matrix_row.html",
        id=issue.id,
        href=href(page, f"issues/{issue.id}.md"),
        title=issue.title,
        status=Markup(r.status(issue)),
        cells=cells,
    )
