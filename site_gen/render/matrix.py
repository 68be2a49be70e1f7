"""The positions matrix: a row per issue, a cell per principal."""

from __future__ import annotations

from site_gen import facts
from site_gen.render.base import Renderer
from site_gen.render.issues import stand_parts
from site_gen.render.text import href, table


def positions(r: Renderer) -> str:
    page = "positions.md"
    ex = r.c.explainer
    principals = list(ex.principals) or [a.id for a in r.actors_in_order()]
    out = [
        r.front(
            "Positions",
            "Who wants what on every issue: the newest position of each principal.",
            "hide:\n  - navigation\n  - toc",
        )
    ]
    out.append(
        "<p>Each cell is the newest position of the principal or of an actor affiliated "
        "with it: which option it supports or rejects, or what it says when the issue "
        "lists no options. Follow a cell to the full position, with quotes and sources. "
        f"As of {r.time(ex.as_of, short=True)}.</p>\n"
    )
    head = ["Issue", *(r.actor_link(page, p) for p in principals)]
    rows = []
    for issue in r.issues:
        cells = [
            f'<th scope="row" data-label="Issue">{r.issue_link(page, issue.id)} '
            f"{r.status(issue)}</th>"
        ]
        ground = r.ground(issue)
        by_principal = {ps.principal: ps for ps in ground.principals}
        row = []
        for principal in principals:
            ps = by_principal.get(principal) or facts.PrincipalStand(
                principal, facts.matrix_cell(r.c, r.stands[issue.id], principal)
            )
            p = ps.stand.current if ps.stand else None
            row.append(
                {
                    "label": r.c.actors[principal].name,
                    "via": r.c.actors[p.actor].name
                    if p and p.actor != principal and ps.kind != "none"
                    else "",
                    "href": href(page, f"issues/{issue.id}.md", f"position-{p.actor}")
                    if p and ps.kind != "none"
                    else "",
                    "parts": stand_parts(r, issue, ps),
                }
            )
        cells.append(r.block("matrix_cells.html", cells=row))
        rows.append(f'<tr id="issue-{issue.id}">' + "\n".join(cells) + "</tr>")
    out.append(table("Positions by issue and principal", "xp-matrix", head, rows, searched=False))
    return "\n".join(out)
