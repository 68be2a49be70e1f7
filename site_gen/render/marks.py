"""The marks that tell options apart on a page: the same option has the same mark wherever
the page shows it, and different options never share one (`stands.css` draws them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from site_gen.model import Issue

OPTION_MARKS = 6
"""How many option marks the palette holds (`.xp-opt--0` to `.xp-opt--5` in stands.css)."""


@dataclass
class OptionMarks:
    """The mark of each option shown on one page: an index into the palette, given to an
    issue's options in their order when the page first shows one of them, so one option has
    one mark wherever it appears on the page and two options share one only past
    `OPTION_MARKS` options on a page. The mark is a colour; the label says what it is."""

    index: dict[tuple[str, str], int] = field(default_factory=dict)

    def of(self, issue: Issue, option: str) -> str:
        """The CSS class of the option's mark, e.g. `xp-opt--2`."""
        if (issue.id, option) not in self.index:
            for o in issue.options:
                self.index.setdefault((issue.id, o.id), len(self.index))
        return f"xp-opt--{self.index[issue.id, option] % OPTION_MARKS}"
