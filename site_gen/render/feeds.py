"""Facts -> Atom 1.0 feeds of the changes: `feed.xml` and `issues/<id>/feed.xml`. Pure.

The entries are `facts.changes`, in its order (the /changes/ page's, newest first): each
position by its `as_of` (one that replaced its side's earlier stand on the issue says what it
was, and who voiced each) and each event by its date.

- Entry ids are URIs made from the explainer's permanent name and the fact's id
  (`data.fact_uri`), never from `site_url`, so a moved site keeps them.
- `updated` never invents a day (`entry_timestamp`): a fact dated to the day is at that day
  (`2025-12-19T00:00:00Z`); one known only to the month or year is at the publication of its
  sources, else at the explainer's `as_of`, and its entry says the date as written
  ("Date: December 2025 (day not given)").
- Links are absolute from `site_url`; without one (a local build) they are relative to the
  feed's own address, which RFC 4287 allows and readers resolve, and the feed has no `self`.
"""

from __future__ import annotations

import dataclasses
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from site_gen import facts
from site_gen.dates import PartialDate
from site_gen.model import Content, Issue, Position
from site_gen.render import data, trust
from site_gen.render.text import esc, plain, url_of, yaml_str

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"
FEED_ENTRIES = 100
"""The site feed carries the newest changes only, like most feeds; the whole history is on
the changes pages and in the open data. An issue's feed carries all of the issue's."""
GENERATOR = "site-gen"

ET.register_namespace("", ATOM)  # serialize as the default namespace, not `ns0:`


def issue_feed(issue_id: str) -> str:
    """The path of an issue's feed, beside its page."""
    return f"issues/{issue_id}/feed.xml"


@dataclass(frozen=True)
class Entry:
    """One change as a feed entry: what it says and where it shows."""

    change: facts.Change
    title: str
    html: str
    """The entry's content as HTML, every text from YAML escaped."""
    target: str
    """Where it shows: the site path of the page, with its anchor."""
    updated: str = ""
    """Its Atom `updated` (`entry_timestamp`)."""


def entries(
    content: Content,
    event_pages: dict[str, str] | None = None,
    changes: list[facts.Change] | None = None,
) -> list[Entry]:
    """An entry per change of a side's stand, split, first position on record and event, in
    the order of `facts.changes`: newest first (restated positions are left out).
    `event_pages` gives the timeline page of each event (default: `timeline.md`);
    `changes` is `facts.changes(content)`, if the caller has it already."""
    changes = facts.changes(content) if changes is None else changes
    # As on the changes page: a restated position is no news.
    news = [c for c in changes if c.nature in ("changed", "split", "first", "event")]
    return [
        dataclasses.replace(
            _entry(content, c, event_pages or {}), updated=entry_timestamp(content, c)
        )
        for c in news
    ]


def _entry(content: Content, change: facts.Change, event_pages: dict[str, str]) -> Entry:
    if change.position is not None:
        p, issue = change.position, content.issues[change.issues[0]]
        was = change.replaced if change.is_change else None
        parts = [f"<p>{esc(p.stance)}</p>"]

        def voice(q: Position) -> str:
            return f"{content.actors[q.actor].name}, " if q.actor != change.side else ""

        if was:
            parts.append(
                f"<p>Was: {esc(was.stance)} ({esc(voice(was))}as of {was.as_of.label}). "
                f"Now: {esc(p.stance)} ({esc(voice(p))}as of {p.as_of.label}).</p>"
            )
        for other in change.split_with:
            parts.append(
                f"<p>Split: on the same date {esc(content.actors[other.actor].name)} "
                f"says otherwise: {esc(other.stance)}.</p>"
            )
        if p.detail:
            parts.append(f"<p>{esc(plain(p.detail, content))}</p>")
        parts.append(_when(p.as_of))
        parts.append(_sources(content, p.sources))
        actor = content.actors[p.actor].name
        if was and change.side != p.actor:
            actor = f"{content.actors[change.side].name} ({actor})"
        anchor = f"position-{p.actor}" if change.current else f"history-{p.actor}"
        return Entry(
            change,
            title=f"{'Changed: ' if was else ''}{actor} on {issue.title}: {p.stance}",
            html="".join(parts),
            target=f"{url_of(f'issues/{issue.id}.md')}#{anchor}",
        )
    assert change.event is not None
    e = change.event
    parts = [f"<p>{esc(plain(e.summary, content))}</p>"] if e.summary else []
    if e.actors:
        names = ", ".join(content.actors[a].name for a in e.actors)
        parts.append(f"<p>Who: {esc(names)}</p>")
    parts.append(_when(e.date, expected=e.expected))
    parts.append(_sources(content, e.sources))
    return Entry(
        change,
        title=e.title,
        html="".join(parts),
        target=f"{url_of(event_pages.get(e.id, 'timeline.md'))}#{e.id}",
    )


def _when(date: PartialDate, *, expected: bool = False) -> str:
    """The date as written, at its precision, saying when the day is not given."""
    note = (
        ""
        if date.precision == "day"
        else f" ({'day' if date.month else 'month and day'} not given)"
    )
    return f"<p>{'Expected' if expected else 'Date'}: {date.label}{note}</p>"


def _sources(content: Content, ids: tuple[str, ...]) -> str:
    return "<p>Sources: " + "; ".join(esc(content.sources[s].title) for s in ids) + "</p>"


def timestamp(date: PartialDate) -> str:
    """RFC 3339 for Atom: the first instant of the day, month or year the date names."""
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def entry_timestamp(content: Content, change: facts.Change) -> str:
    """An entry's `updated`, which never claims a day its fact's date does not give: the day
    itself when known; else the newest publication date, known to the day, of the sources
    the fact cites (when the sources said it); else the explainer's `as_of` (when the
    explainer recorded it). The date as written stays in the entry's text."""
    if change.date.precision == "day":
        return timestamp(change.date)
    fact = change.position or change.event
    assert fact is not None
    published = [content.sources[s].published for s in fact.sources]
    days = [d for d in published if d is not None and d.precision == "day"]
    return timestamp(max(days) if days else content.explainer.as_of)


def render_feeds(
    content: Content,
    site_url: str | None = None,
    event_pages: dict[str, str] | None = None,
    changes: list[facts.Change] | None = None,
) -> dict[str, str]:
    """The site's feed and one per issue, by path under the site root."""
    all_entries = entries(content, event_pages, changes)
    by_issue: dict[str, list[Entry]] = {}
    for entry in all_entries:
        for issue_id in entry.change.issues:
            by_issue.setdefault(issue_id, []).append(entry)
    ex = content.explainer
    feeds = {
        SITE_FEED: _feed(
            content,
            path=SITE_FEED,
            feed_id=data.fact_uri(ex, "feed"),
            title=f"{ex.title}: what changed",
            subtitle=f"New and changed positions and events in {ex.title}.",
            page="",
            entries=all_entries[:FEED_ENTRIES],
            site_url=site_url,
            corrections=True,
        )
    }
    for issue in facts.issues_in_order(content):
        feeds[issue_feed(issue.id)] = _feed(
            content,
            path=issue_feed(issue.id),
            feed_id=data.fact_uri(ex, f"feed/issues/{issue.id}"),
            title=f"{issue.title}: what changed",
            subtitle=issue.question,
            page=url_of(f"issues/{issue.id}.md"),
            entries=by_issue.get(issue.id, []),
            site_url=site_url,
        )
    return feeds


def _link(site_url: str | None, feed_path: str, target: str) -> str:
    """A site path as the feed links it: absolute under `site_url`, else relative to the feed."""
    if site_url:
        return urljoin(site_url.rstrip("/") + "/", target)
    path, hash_, anchor = target.partition("#")
    here = posixpath.dirname(feed_path) or "."
    rel = posixpath.relpath(path.rstrip("/") or ".", here)
    rel = "./" if rel == "." else rel + "/"
    return rel + hash_ + anchor


def _feed(
    content: Content,
    *,
    path: str,
    feed_id: str,
    title: str,
    subtitle: str,
    page: str,
    entries: list[Entry],
    site_url: str | None,
    corrections: bool = False,
) -> str:
    """`corrections`: the explainer's corrections come first, each as an entry of its own."""
    ex = content.explainer
    fixes = trust.numbered(content) if corrections else []
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "subtitle", subtitle)
    _text(feed, "id", feed_id)
    stamps = [timestamp(ex.as_of), *(e.updated for e in entries)]
    _text(feed, "updated", max([*stamps, *(timestamp(c.date) for _, c in fixes)]))
    # The facts carry no byline; the explainer speaks for them.
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", ex.title)
    ET.SubElement(
        feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=_link(site_url, path, page)
    )
    if site_url:
        ET.SubElement(
            feed,
            f"{{{ATOM}}}link",
            rel="self",
            type="application/atom+xml",
            href=_link(site_url, path, path).rstrip("/"),
        )
    _text(feed, "generator", GENERATOR)
    if ex.license:
        _text(feed, "rights", ex.license)
    for number, correction in fixes:  # news in itself, so ahead of the facts
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", data.fact_uri(ex, f"correction/{number}"))
        _text(entry, "title", f"Correction: {correction.now}")
        _text(entry, "updated", timestamp(correction.date))
        target = f"{url_of(trust.PAGE)}#{trust.anchor(number)}"
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="text/html",
            href=_link(site_url, path, target),
        )
        html = f"<p>What was wrong: {esc(correction.wrong)}</p><p>Now: {esc(correction.now)}</p>"
        _text(entry, "content", html, type="html")
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", data.fact_uri(ex, item.change.id))
        _text(entry, "title", item.title)
        _text(entry, "updated", item.updated)
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="text/html",
            href=_link(site_url, path, item.target),
        )
        for issue_id in item.change.issues:
            _category(entry, content.issues[issue_id])
        _text(entry, "content", item.html, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs).text = text


def _category(entry: ET.Element, issue: Issue) -> None:
    ET.SubElement(entry, f"{{{ATOM}}}category", term=issue.id, label=issue.title)


def feed_links(content: Content, page: str) -> list[dict[str, str]]:
    """The feeds a page links with `<link rel="alternate">`: its issue's, then the site's.
    `href` is a path from the site root, for the theme's `url` filter."""
    links = []
    if page.startswith("issues/") and page[len("issues/") : -len(".md")] in content.issues:
        issue = content.issues[page[len("issues/") : -len(".md")]]
        links.append({"title": f"{issue.title}: what changed", "href": issue_feed(issue.id)})
    links.append({"title": f"{content.explainer.title}: what changed", "href": SITE_FEED})
    return links


def with_feed_links(pages: dict[str, str], content: Content) -> dict[str, str]:
    """The pages with a `feeds:` list added to their front matter."""
    out = {}
    for path, text in pages.items():
        end = text.find("\n---\n", 4) if text.startswith("---\n") else -1
        if end < 0:
            out[path] = text
            continue
        items = "".join(
            f"\n  - title: {yaml_str(link['title'])}\n    href: {yaml_str(link['href'])}"
            for link in feed_links(content, path)
        )
        out[path] = f"{text[:end]}\nfeeds:{items}{text[end:]}"
    return out
