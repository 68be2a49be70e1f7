"""The facts of an explainer. One declaration serves validation, the JSON Schema and the docs.

The models hold what an editor writes in one YAML file; the file's stem becomes `id`.
No I/O here: `load.py` reads files, `check.py` checks references between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    StringConstraints,
)
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core.core_schema import CoreSchema

from site_gen.addresses import URI_RE as URI_RE
from site_gen.addresses import Uri as Uri
from site_gen.addresses import Url as Url
from site_gen.dates import PartialDate

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="The id of another fact: its file name without `.yml`."),
]


@dataclass(frozen=True)
class Ref:
    """Marks an id that names another fact, of the kind `to` (in `KINDS`), or an option of the
    same issue (`issue.options`); the checks and the editor's pick-lists read it."""

    to: str

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "x-ref": self.to}  # what the editor's pick-list offers


ActorId = Annotated[Id, Ref("actor")]
IssueId = Annotated[Id, Ref("issue")]
EventId = Annotated[Id, Ref("event")]
SourceId = Annotated[Id, Ref("source")]
OptionId = Annotated[Id, Ref("issue.options")]
MAX_MARKDOWN = 5_000
"""Characters in a Markdown field or a quote: a few paragraphs. Markdown's parser takes time
that grows faster than the length of a paragraph; this bound keeps a file's cost in line with
its size."""
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_MARKDOWN)]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_MARKDOWN),
    Field(
        description="Markdown: paragraphs, emphasis, lists, links and wiki-links [[id]].",
        json_schema_extra={"contentMediaType": "text/markdown"},
    ),
]


def _one_line(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    if len(value.strip().splitlines()) > 1:  # a CR, U+2028 or U+0085 breaks a line too
        raise ValueError("must be one line; move the rest into 'summary' or 'detail'")
    return value.strip()


MAX_ONE_LINE = 300
"""Characters in a one-line field: names and titles are repeated on many pages."""
OneLine = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_ONE_LINE), AfterValidator(_one_line)
]

ActorKind = Literal["person", "state", "organization", "group"]
Status = Literal["open", "narrowing", "agreed", "deadlocked"]
Flexibility = Literal["red-line", "firm", "open", "unclear"]
Claim = Literal["said", "reported", "assessed"]


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Stored(Fact):
    """A fact stored in a file of its own; `id` is the file's stem, not a key in the file."""

    id: SkipJsonSchema[str] = Field(default="", exclude=True)


class Publisher(Fact):
    """Who publishes the explainer: shown in every page's footer and in the structured data."""

    name: OneLine = Field(description="The publisher's name, e.g. `The Daily Example`.")
    url: Url | None = Field(default=None, description="The publisher's web address.")


class Correction(Fact):
    """One correction of a published fact: what was wrong, and what the explainer says now."""

    date: PartialDate = Field(description="When the correction was made.")
    wrong: OneLine = Field(
        description="What was wrong, in one line, e.g. `The Berlin talks were dated 17 December`."
    )
    now: OneLine = Field(description="What the explainer says now, in one line.")


class KeyPoint(Fact):
    """One short statement of where things stand, shown first on the home page."""

    text: Markdown = Field(description="The point in one or two sentences (Markdown).")
    sources: tuple[SourceId, ...] = Field(min_length=1, description="Source ids; at least one.")


class Explainer(Fact):
    """content/explainer.yml: what the whole explainer is about."""

    title: OneLine = Field(description="The explainer's title, shown on the home page and tab.")
    lede: Markdown = Field(description="The opening paragraph(s): what is at stake, in brief.")
    as_of: PartialDate = Field(description="The date the explainer is current to.")
    principals: tuple[ActorId, ...] = Field(
        default=(),
        description="Actor ids that form the columns of the position matrix, in order.",
    )
    description: OneLine | None = Field(
        default=None,
        description="One line on what the explainer covers, for search engines and link "
        "previews (the site's description); unset, the title.",
    )
    language: Annotated[OneLine, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        default="en",
        json_schema_extra={"pattern": LANGUAGE_PATTERN},
        description="The language of the content as a BCP 47 tag, e.g. `en`, `fr`, `pt-BR`: "
        "the pages' `lang` and the theme's own labels.",
    )
    stale_after_days: Annotated[int, Field(ge=1)] = Field(
        default=180,
        description="A current position older than this many days before `as_of` is reported "
        "as stale (a warning).",
    )
    concluded: bool = Field(
        default=False,
        description="`true` once the negotiation is over: positions are final as of `as_of`, "
        "so none is reported as stale.",
    )
    block_on_warnings: bool = Field(
        default=False,
        exclude=True,  # how the newsroom builds, not a fact for the open data
        description="`true` makes warnings fail `site-gen validate --strict`, `make build` and "
        "CI, as errors do; by default they are shown and do not block.",
    )
    uri: Uri | None = Field(
        default=None,
        description="A permanent name for the explainer, the base of feed entry ids, e.g. "
        "`tag:newsroom.example,2025:harbour-talks`; unset, they derive from the title.",
    )
    license: OneLine | None = Field(
        default=None,
        description="The license of the facts for reuse, e.g. `CC-BY-4.0`; unset: not stated.",
    )
    citation: OneLine | None = Field(
        default=None, description="How to cite the explainer and its data, in one line."
    )
    publisher: Publisher | None = Field(
        default=None, description="Who publishes the explainer: `name` and optional `url`."
    )
    corrections: tuple[Correction, ...] = Field(
        default=(),
        description="The corrections log, oldest first: each with `date`, `wrong` (what was "
        "wrong) and `now` (what it now says).",
    )
    bottom_line: OneLine | None = Field(
        default=None,
        description="The explainer's bottom line in one sentence (Markdown on one line), "
        "first on the home page above the tally of the issues; unset, the first key point.",
    )
    key_points: tuple[KeyPoint, ...] = Field(
        default=(),
        description="3 to 6 short statements of where things stand, each citing sources; "
        "shown first on the home page.",
    )


class Actor(Stored):
    """content/actors/<id>.yml: a person, state, organization or group with positions."""

    name: OneLine = Field(description="The name readers see, e.g. `Vladimir Putin`.")
    kind: ActorKind = Field(description="person, state, organization or group.")
    role: OneLine | None = Field(default=None, description="Office or role, e.g. `President`.")
    affiliation: ActorId | None = Field(
        default=None, description="The actor this one belongs to or speaks for (an actor id)."
    )
    summary: Markdown | None = Field(default=None, description="Who this is, in a few lines.")
    aliases: tuple[OneLine, ...] = Field(
        default=(), description="Other names the actor goes by, e.g. `the Kremlin`."
    )


class Quote(Fact):
    """Someone's exact words, character for character, with the source that carries them."""

    text: Text = Field(description="The exact words, without surrounding quotation marks.")
    by: ActorId | None = Field(
        default=None,
        description="Who said it (an actor id); in a position, defaults to the position's actor.",
    )
    date: PartialDate | None = Field(default=None, description="When the words were said.")
    source: SourceId = Field(description="The source that carries the quote (a source id).")


class Position(Fact):
    """What one actor wants on one issue, as of a date, on what evidence."""

    actor: ActorId = Field(description="Who holds the position (an actor id).")
    stance: Annotated[OneLine, StringConstraints(max_length=120)] = Field(
        description="The position in a short label (at most 120 characters)."
    )
    detail: Markdown | None = Field(default=None, description="The position in full.")
    flexibility: Flexibility | None = Field(
        default=None, description="red-line, firm, open or unclear."
    )
    as_of: PartialDate = Field(description="The date the sources attest the position.")
    sources: tuple[SourceId, ...] = Field(min_length=1, description="Source ids; at least one.")
    quotes: tuple[Quote, ...] = Field(default=(), description="Quotes that show the position.")
    supports: tuple[OptionId, ...] = Field(
        default=(),
        description="Ids of the issue's options the actor supports, as the sources say; an "
        "option the sources are silent on is left out.",
    )
    rejects: tuple[OptionId, ...] = Field(
        default=(),
        description="Ids of the issue's options the actor rejects, as the sources say.",
    )
    claim: Claim | None = Field(
        default=None,
        description="Whose claim the position is: `said` (the actor's own words or statement), "
        "`reported` (the actor's position as the source reports it) or `assessed` (the "
        "source's own assessment of the actor, such as a reporter's observation). Unset: "
        "`said` when a quote is by the actor, else `reported`.",
    )
    declined: StrictBool = Field(
        default=False,
        description="`true` when the sources report that the actor declined to take a position "
        "(say how in `stance`); shown as declined, never as a stand on the options.",
    )


class Option(Fact):
    """One outcome on the table for an issue."""

    id: Id = Field(description="A short id for the option, unique within the issue.")
    label: Annotated[OneLine, StringConstraints(max_length=80)] = Field(
        description="The option in a few words (at most 80 characters)."
    )


class StatusChange(Fact):
    """A status an issue had, from a date, and why."""

    status: Status = Field(description="open, narrowing, agreed or deadlocked.")
    since: PartialDate = Field(
        description="When the issue took this status, as precisely as the sources say."
    )
    reason: OneLine = Field(description="Why, in one line.")
    sources: tuple[SourceId, ...] = Field(min_length=1, description="Source ids; at least one.")


class Issue(Stored):
    """content/issues/<id>.yml: one question of the negotiation and who wants what."""

    title: OneLine = Field(description="A short title, e.g. `The fate of Donbas`.")
    question: OneLine = Field(description="The issue as one question, e.g. `Who controls X?`.")
    status: Status = Field(description="open, narrowing, agreed or deadlocked.")
    summary: Markdown = Field(description="The issue in a few lines.")
    positions: tuple[Position, ...] = Field(
        description="Positions; several for one actor with different as_of make its history."
    )
    not_covered: tuple[ActorId, ...] = Field(
        default=(),
        description="Actor ids the sources say nothing about on this issue, listed on purpose: "
        "pages show them as not covered by the sources (never as a stand), and the warning "
        "for a principal without a position is silenced.",
    )
    related: tuple[IssueId, ...] = Field(default=(), description="Related issue ids.")
    options: tuple[Option, ...] = Field(
        default=(),
        description="The outcomes being negotiated; positions say which they support or reject.",
    )
    options_ordered: StrictBool = Field(
        default=False,
        description="`true` when the options form a scale, listed from one end to the other; "
        "the issue page then draws them as a spectrum.",
    )
    status_history: tuple[StatusChange, ...] = Field(
        default=(),
        description="The statuses the issue has had, each with its date, reason and sources; "
        "the newest is the current `status`.",
    )


class EventQuote(Quote):
    by: ActorId = Field(description="Who said it (an actor id).")


class Event(Stored):
    """content/events/<id>.yml: something that happened on a date."""

    date: PartialDate = Field(description="When it happened, at the precision known.")
    title: OneLine = Field(description="What happened, in one line.")
    summary: Markdown | None = Field(default=None, description="What happened, in a few lines.")
    actors: tuple[ActorId, ...] = Field(default=(), description="Actor ids that took part.")
    issues: tuple[IssueId, ...] = Field(default=(), description="Issue ids the event bears on.")
    sources: tuple[SourceId, ...] = Field(min_length=1, description="Source ids; at least one.")
    quotes: tuple[EventQuote, ...] = Field(default=(), description="Quotes from the event.")
    expected: StrictBool = Field(
        default=False,
        description="`true` for an event announced but not yet happened as of the explainer's "
        '`as_of`; shown under "What\'s next".',
    )
    after: EventId | None = Field(
        default=None,
        description="The id of an event this one came after, as the sources say, when the dates "
        "alone cannot tell: their dates overlap (a month and a day of it, two events of one "
        "day). Pages list the two in that order.",
    )
    before: EventId | None = Field(
        default=None,
        description="The id of an event this one came before, as the sources say, when the "
        "dates alone cannot tell (see `after`).",
    )


class Source(Stored):
    """content/sources/<id>.yml: a report, document or statement that facts cite."""

    title: OneLine = Field(description="The source's title or a plain description of it.")
    publisher: OneLine | None = Field(
        default=None, description="Who published it (the outlet); unset, pages say it is not given."
    )
    author: OneLine | None = Field(default=None, description="Who wrote it, e.g. `Jane Doe`.")
    url: Url | None = Field(
        default=None,
        description="Its web address (http or https only); unset, pages say it is not given.",
    )
    archived_url: Url | None = Field(
        default=None,
        description="A copy kept by an archive (e.g. the Wayback Machine), for when `url` "
        "moves or goes.",
    )
    published: PartialDate | None = Field(default=None, description="When it was published.")


class Glossary(Fact):
    """content/glossary.yml: term -> one-line definition."""

    model_config = ConfigDict(frozen=True)

    terms: dict[OneLine, OneLine]


class Content(Fact):
    """Everything in content/, loaded and checked: the input of rendering."""

    explainer: Explainer
    actors: dict[str, Actor] = {}
    issues: dict[str, Issue] = {}
    events: dict[str, Event] = {}
    sources: dict[str, Source] = {}
    glossary: dict[str, str] = {}
    source_texts: frozenset[str] = frozenset()
    """The ids of the sources whose own text is kept beside them (`sources/<id>.txt`): every
    quote that cites one of them was found in its text."""


KINDS: dict[str, type[Fact]] = {
    "explainer": Explainer,
    "actor": Actor,
    "issue": Issue,
    "event": Event,
    "source": Source,
}
"""Each kind of fact file and its model."""

FOLDERS = {"actor": "actors", "issue": "issues", "event": "events", "source": "sources"}
"""The folder of content/ that holds each kind stored one per file."""
