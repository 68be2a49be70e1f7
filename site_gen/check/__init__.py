"""References and semantics across fact files -> every problem, never just the first. In
modules along its seams:

- `content`: load, check, and the facts or every problem (`get_content`, `get_checked`);
- `checker`: the references and rules within and across files;
- `ids`, `links`, `order`: ids the pages reserve, links in Markdown, the order of events;
- `doubtful`: what may mislead readers though nothing is broken (warnings).
"""

from site_gen.check.checker import check
from site_gen.check.content import get_checked, get_content
from site_gen.check.doubtful import warnings

__all__ = ["check", "get_checked", "get_content", "warnings"]
