"""The browser editor's configuration (Decap CMS), generated from the models' JSON Schema.

Every field of every model becomes a form field, by the type of its value (`WIDGETS`): one-line
text a `string` widget, Markdown a plain `text` area (Decap's rich-text widget rewrites Markdown
and escapes `[[id]]`), a partial date a `string` with the date pattern; a choice a `select`, an
id a `relation` to the collection its `model.Ref` names (`x-ref` in the schema) or, for a
position's options, the issue's own options (`OPTION_PICKER`), a nested model an `object` or a
`list` of them. A field
the generator cannot map is an error, so a new kind of field cannot slip into the editor
unchecked. The editor writes what `admin/site-gen.js` leaves of its data: keys in the models'
order, no unknown keys, no empty optional values (it reads that from `fields.json`).

Pure: no MkDocs import; `editor_files` says which files make up `/admin/`.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from site_gen import model
from site_gen.dates import DATE_PATTERN

PROXY_URL = "http://localhost:8081/api/v1"
"""The local backend's address unless `site-gen edit` gives one (PROXY_ENV); Decap looks there
when served from localhost. Without this start's secret the editor server refuses it."""
PROXY_ENV = "SITE_GEN_EDITOR_PROXY"
"""Set by `site-gen edit` for the preview it runs: its editor server's address, with the secret
of this start, for `/admin/config.yml` (`editor_server.proxy_url`)."""

LOGIN_PATH = "auth"
"""Decap's default path of the login on the login server (its `auth_endpoint`)."""


def login_url_problem(url: str) -> str | None:
    """What is wrong with `url` as the address of the editor's login server (Decap's
    `base_url`), or None: an https address on the internet, never this machine's."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return f"the login server must be an https:// address, such as https://login.example.org; found {url!r}"
    host = parts.hostname
    try:
        local = not ipaddress.ip_address(host).is_global
    except ValueError:
        local = host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if local:
        return f"the login server {host} is on this machine or a private network: a published editor logs in through a server on the internet"
    return None


OPTION_PICKER = "issue-options"
"""The widget of a position's `supports` and `rejects` (`admin/form.js`): a tick box for each
option of the issue being edited, as the form holds them (an option added in this edit too), and
a save refused while an id is not one of them. Decap's relation widget can only list the options
of every saved issue."""
COLLAPSED_ABOVE = 5
"""A list of objects (an issue's positions, its options) opens with its items expanded when it
holds at most this many, collapsed to one line each when more (`admin/form.js` reads the
list's `collapsed_above`; Decap alone collapses them all)."""

PICK = {
    "actors": (["name", "aliases.*"], ["name"]),
    "issues": (["title", "question"], ["title"]),
    "sources": (["title", "publisher"], ["title"]),
    "events": (["title", "date"], ["title"]),
}
"""What a pick-list searches and shows for each collection."""

SUMMARIES = {
    "Position": "{{fields.actor}}: {{fields.stance | truncate(48)}}, {{fields.as_of}}",
    "Quote": "{{fields.text | truncate(60)}} ({{fields.source}})",
    "EventQuote": "{{fields.by}}: {{fields.text | truncate(60)}}",
    "Option": "{{fields.id}}: {{fields.label}}",
    "StatusChange": "{{fields.since}}: {{fields.status}}",
    "KeyPoint": "{{fields.text | truncate(60)}}",
}
"""How a list shows each collapsed item (Decap's template syntax; ids as written)."""

DATE_HINT = "YYYY-MM-DD, YYYY-MM or YYYY: only the precision the source supports."
DATE_ERROR = "write a date as YYYY-MM-DD, YYYY-MM or YYYY"
ID_ERROR = "lowercase letters, digits and single hyphens, e.g. ceasefire-now"
MARKDOWN_HINT = (
    "Markdown: paragraphs, *emphasis*, lists, links; link a fact with [[id]] or [[id|label]]."
)

FOLDER_COLLECTIONS = (
    ("actor", "Actors", "Actor", "name", "{{name}} ({{kind}})"),
    ("issue", "Issues", "Issue", "title", "{{title}} ({{status}})"),
    ("event", "Events", "Event", "title", "{{date}}: {{title}}"),
    ("source", "Sources", "Source", "title", "{{title}}"),
)
"""Each kind stored one per file (`model.KINDS`): labels, the field its new file's name is
made from, and how the collection lists its entries."""


class UnmappedField(TypeError):
    """A model field the generator has no form widget or relation rule for."""


def cms_config(
    content: str = "content",
    *,
    repo: str | None = None,
    branch: str = "main",
    editorial_workflow: bool = False,
    proxy_url: str = PROXY_URL,
    auth_url: str | None = None,
    auth_endpoint: str = LOGIN_PATH,
    site_domain: str | None = None,
) -> dict[str, Any]:
    """The Decap CMS configuration for a content folder at `content` (relative to the
    repository root): the GitHub backend of `repo` when given, logging in through the server
    at `auth_url` (Decap's `base_url`; Netlify's when None), else only the local proxy;
    on localhost, the editor server at `proxy_url` (`site-gen edit`) whenever it answers."""
    backend: dict[str, Any]
    if repo:
        backend = {"name": "github", "repo": repo, "branch": branch}
        if auth_url:
            backend["base_url"] = auth_url.rstrip("/")
            if auth_endpoint != LOGIN_PATH:
                backend["auth_endpoint"] = auth_endpoint.strip("/")
        if site_domain:  # the site the login server knows (Netlify's: the Netlify site's name)
            backend["site_domain"] = site_domain
    else:
        backend = {"name": "proxy", "proxy_url": proxy_url}
    local: bool | dict[str, str] = True if proxy_url == PROXY_URL else {"url": proxy_url}
    config: dict[str, Any] = {"backend": backend, "local_backend": local}
    if editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    # Decap requires a media folder; no field takes an upload, so nothing is written there.
    config["media_folder"] = "media"
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    explainer = {
        "name": "explainer",
        "label": "Explainer",
        "file": f"{content}/explainer.yml",
        "fields": model_fields(model.KINDS["explainer"]),
    }
    glossary = {
        "name": "glossary",
        "label": "Glossary",
        "file": f"{content}/glossary.yml",
        "fields": [glossary_field()],
    }
    collections: list[dict[str, Any]] = [
        {
            "name": "explainer",
            "label": "Explainer",
            "format": "site-gen-yml",
            "files": [explainer],
            "editor": {"preview": False},
        }
    ]
    for kind, label, singular, identifier, summary in FOLDER_COLLECTIONS:
        name, cls = model.FOLDERS[kind], model.KINDS[kind]
        collections.append(
            {
                "name": name,
                "label": label,
                "label_singular": singular,
                "description": _doc(cls),
                "folder": f"{content}/{name}",
                "extension": "yml",
                "format": "site-gen-yml",
                "create": True,
                "identifier_field": identifier,
                "slug": "{{slug}}",
                "summary": summary,
                "editor": {"preview": False},
                "fields": model_fields(cls),
            }
        )
    collections.append(
        {
            "name": "glossary",
            "label": "Glossary",
            "format": "site-gen-glossary",
            "files": [glossary],
            "editor": {"preview": False},
        }
    )
    config["collections"] = collections
    return config


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split())


def glossary_field() -> dict[str, Any]:
    """glossary.yml is a mapping of terms; the editor shows it as a list of term and
    definition (`admin/site-gen.js` converts both ways and keeps the file's order)."""
    one_line = {"widget": "string", "required": True}
    return {
        "name": "terms",
        "label": "Terms",
        "widget": "list",
        "required": False,
        "collapsed_above": COLLAPSED_ABOVE,
        "summary": "{{fields.term}}: {{fields.definition | truncate(60)}}",
        "fields": [
            {"name": "term", "label": "Term", **one_line, "hint": "As it appears in the text."},
            {"name": "definition", "label": "Definition", **one_line, "hint": "One line."},
        ],
    }


def model_fields(cls: type[BaseModel]) -> list[dict[str, Any]]:
    """The form fields of a model, in the order of its declaration (the documented order),
    read from the model's JSON Schema (the one editors' YAML tools read too)."""
    schema = cls.model_json_schema()
    return _fields(schema, schema.get("$defs", {}), cls.__name__)


def _fields(schema: Schema, defs: dict[str, Schema], model_name: str) -> list[dict[str, Any]]:
    required = set(schema.get("required", ()))
    fields = []
    for name, prop in schema.get("properties", {}).items():
        value, optional = _without_null(prop)
        field: dict[str, Any] = {
            "name": name,
            "label": name.replace("_", " ").capitalize(),
            "required": name in required,
        }
        field.update(_widget(value, defs, model_name, name))
        if prop.get("description"):
            field["hint"] = _hint(prop["description"], field.pop("hint", ""))
        if optional or name not in required:
            field["required"] = False
        if field["widget"] == "list" and name in required:
            # A required list may be empty (an issue's positions), which Decap's `required`
            # forbids: the key is kept by its default instead (see `save_rules`).
            field["required"] = False
            field["default"] = []
        if field["widget"] == "relation" and field.get("multiple") and field["required"]:
            field["min"] = 1
        fields.append(field)
    return fields


Schema = dict[str, Any]
"""A JSON Schema, or the part of one for a field."""

WIDGETS: dict[str, dict[str, Any]] = {
    "markdown": {"widget": "text", "hint": MARKDOWN_HINT},
    "text": {"widget": "text"},
    "one-line": {"widget": "string"},
    "date": {"widget": "string", "pattern": [DATE_PATTERN, DATE_ERROR], "hint": DATE_HINT},
    "own id": {"widget": "string", "pattern": [model.ID_PATTERN, ID_ERROR]},
    "url": {"widget": "string", "pattern": ["^https?://\\S+$", "Start with http:// or https://"]},
    "uri": {"widget": "string", "pattern": [model.URI_RE.pattern, "A URI: scheme:name"]},
    "boolean": {"widget": "boolean"},
    "integer": {"widget": "number", "value_type": "int"},
}
"""The form widget of each type of value a field may hold (`_type` tells which); references,
choices, nested facts and lists of them have widgets of their own (`_widget`)."""


def _type(value: Schema) -> str | None:
    """Which of `WIDGETS` fits a field's schema, or None. Text of at most `MAX_ONE_LINE`
    characters is one line (the model's `OneLine`); Markdown says so by its media type."""
    pattern = value.get("pattern")
    if any(option.get("pattern") == DATE_PATTERN for option in value.get("anyOf", ())):
        return "date"
    if value.get("type") in ("boolean", "integer"):
        return str(value["type"])
    if value.get("type") != "string":
        return None
    if value.get("contentMediaType") == "text/markdown":
        return "markdown"
    if pattern == model.ID_PATTERN:
        return None  # an id: what it names decides (`_widget`)
    if pattern == "^https?://":
        return "url"
    if pattern == model.URI_RE.pattern:
        return "uri"
    if value.get("maxLength", model.MAX_MARKDOWN) <= model.MAX_ONE_LINE:
        return "one-line"
    return "text"


def _widget(value: Schema, defs: dict[str, Schema], model_name: str, name: str) -> dict[str, Any]:
    """The widget settings for the schema of one field's value."""
    where = f"{model_name}.{name}"
    if "$ref" in value:
        ref = value["$ref"].rsplit("/", 1)[-1]
        return {"widget": "object", "fields": _fields(defs[ref], defs, ref)}
    if value.get("type") == "array":
        return _list_widget(value["items"], defs, model_name, name)
    if "enum" in value:
        return {"widget": "select", "options": list(value["enum"])}
    if "x-ref" in value:
        return _relation(model.Ref(value["x-ref"]))
    kind = _type(value)
    if kind is None and value.get("pattern") == model.ID_PATTERN:
        if name != "id":
            raise UnmappedField(
                f"{where} holds an id but names no kind of fact: annotate it in "
                "site_gen/model.py with the kind it refers to, e.g. Annotated[Id, Ref('source')] "
                "(SourceId)"
            )
        kind = "own id"  # an item's own id (an option's), naming no other fact
    if kind is None:
        raise UnmappedField(f"{where}: no form widget for {value!r}")
    widget = dict(WIDGETS[kind])
    if kind == "one-line" and "maxLength" in value:
        widget = {"widget": "counted", "maxlength": value["maxLength"]}
    return widget


def _list_widget(
    item: Schema, defs: dict[str, Schema], model_name: str, name: str
) -> dict[str, Any]:
    inner = _widget(item, defs, model_name, name)
    if inner["widget"] == "relation":
        return {**inner, "multiple": True}
    if inner["widget"] == OPTION_PICKER:  # it picks several
        return inner
    if inner["widget"] == "object":
        list_field: dict[str, Any] = {
            "widget": "list",
            "label_singular": _singular(name),
            "collapsed_above": COLLAPSED_ABOVE,
            "fields": inner["fields"],
        }
        summary = SUMMARIES.get(item["$ref"].rsplit("/", 1)[-1])
        if summary:
            list_field["summary"] = summary
        return list_field
    if inner["widget"] in ("string", "counted"):  # counted: one-line, at most N characters
        item_field = {"name": name, "label": _singular(name).capitalize(), **inner}
        return {"widget": "list", "label_singular": _singular(name), "field": item_field}
    raise UnmappedField(f"{model_name}.{name}: no list widget for {item!r}")


def _without_null(prop: Schema) -> tuple[Schema, bool]:
    """The schema of a field's value without `| None`, and whether it had one."""
    options = prop.get("anyOf")
    if options and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        if len(rest) == 1:
            return rest[0], True
        return {**prop, "anyOf": rest}, True
    return prop, False


def _hint(description: str, extra: str) -> str:
    return f"{description} {extra}".strip()


def _singular(name: str) -> str:
    name = name.replace("_", " ")
    return name[:-2] if name.endswith("ses") else name.removesuffix("s")


def _relation(ref: model.Ref) -> dict[str, Any]:
    """A pick-list of the facts of the kind an id field refers to (`model.Ref`)."""
    if ref.to == "issue.options":
        return {
            "widget": OPTION_PICKER,
            "hint": "Tick this issue's options (listed under Options, saved or not).",
        }
    collection = model.FOLDERS[ref.to]
    search, display = PICK[collection]
    return {
        "widget": "relation",
        "collection": collection,
        "value_field": "{{slug}}",
        "search_fields": search,
        "display_fields": display,
    }
