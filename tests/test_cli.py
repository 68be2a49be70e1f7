"""The site-gen command line: validate, compile, new, schema, edit."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from site_gen.check import get_content
from site_gen.cli import main
from site_gen.render import render_site
from tests.corpora import TALKS

ROOT = Path(__file__).parent.parent
CONTENT = TALKS


def test_validate_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CONTENT)]) == 0
    assert capsys.readouterr().out == "ok: 9 actors, 5 issues, 5 events, 1 source\n"


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", str(CONTENT)],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout) == (
        0,
        "ok: 9 actors, 5 issues, 5 events, 1 source\n",
    )


def test_validate_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert (
        capsys.readouterr().err == f"site-gen: error: no content folder at '{tmp_path / 'nope'}'\n"
    )


def test_compile_writes_what_the_plugin_feeds_mkdocs(tmp_path: Path) -> None:
    out = tmp_path / "md"
    assert main(["compile", str(CONTENT), "--out", str(out)]) == 0
    pages = render_site(get_content(CONTENT)).pages
    written = {str(p.relative_to(out)): p.read_text("utf-8") for p in out.rglob("*.md")}
    assert written == pages
    nav = json.loads((out / "nav.json").read_text("utf-8"))
    assert nav[0] == {"Home": "index.md"}


def test_compile_refuses_to_write_into_content(tmp_path: Path, capsys) -> None:
    content = shutil.copytree(CONTENT, tmp_path / "content")
    assert main(["compile", str(content), "--out", str(content / "out")]) == 2
    assert "outside the content folder" in capsys.readouterr().err
    assert not (content / "out").exists()


@pytest.mark.parametrize("kind", ["actor", "issue", "event", "source"])
def test_new_writes_a_template_with_a_schema_line(tmp_path: Path, kind: str, capsys) -> None:
    content = tmp_path / "content"
    assert main(["new", kind, "my-fact", "--content", str(content)]) == 0
    folder = {"actor": "actors", "issue": "issues", "event": "events", "source": "sources"}[kind]
    path = content / folder / "my-fact.yml"
    first = path.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
    assert isinstance(yaml.safe_load(path.read_text("utf-8")), dict)
    key = "name" if kind == "actor" else "title"
    assert capsys.readouterr().out == (
        f"wrote {path}: fill in the empty values (the site leaves the file out until '{key}' "
        "has one), then run make validate\n"
    )


def test_new_refuses_to_overwrite_and_bad_ids(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    (content / "actors").mkdir(parents=True)
    editor_file = content / "actors" / "putin.yml"
    editor_file.write_text("name: precious work\n", "utf-8")
    assert main(["new", "actor", "putin", "--content", str(content)]) == 1
    assert editor_file.read_text("utf-8") == "name: precious work\n"
    assert main(["new", "actor", "Bad_Id", "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert f"site-gen: error: {editor_file} already exists; not overwriting it\n" in err
    assert (
        "'Bad_Id' is not a valid id: use lowercase letters, digits and single hyphens, "
        "e.g. 'bad-id'" in err
    )


def test_new_template_is_left_out_until_filled_in(tmp_path: Path, capsys) -> None:
    """A file as `new` wrote it is a draft: a warning, and the site builds without it; once
    its title is filled in, it is checked as any file."""
    content = shutil.copytree(CONTENT, tmp_path / "content")
    main(["new", "source", "fresh", "--content", str(content)])
    capsys.readouterr()
    assert main(["validate", "--strict", str(content)]) == 0
    assert capsys.readouterr() == (
        "ok: 9 actors, 5 issues, 5 events, 1 source\n",
        f"{content}/sources/fresh.yml:3:8: warning: not filled in yet, so left out of the site: "
        "give 'title' a value to include it, or delete the file\n1 warning\n",
    )
    fresh = content / "sources" / "fresh.yml"
    fresh.write_text(fresh.read_text("utf-8").replace('title: ""', "title: A report"), "utf-8")
    assert main(["validate", str(content)]) == 0
    assert capsys.readouterr().out == "ok: 9 actors, 5 issues, 5 events, 2 sources\n"
    issue = content / "issues" / "fresh.yml"
    main(["new", "issue", "fresh", "--content", str(content)])
    issue.write_text(issue.read_text("utf-8").replace('title: ""', "title: Half"), "utf-8")
    capsys.readouterr()
    assert main(["validate", str(content)]) == 1
    assert capsys.readouterr().err.endswith("5 problems found\n")


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    for fresh in sorted(tmp_path.glob("*.json")):
        committed = ROOT / "schema" / fresh.name
        assert committed.read_text("utf-8") == fresh.read_text("utf-8"), "run `make schema`"


def _schema(kind: str) -> dict:
    return json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))


def _files() -> list[tuple[str, Path]]:
    folders = {"actors": "actor", "issues": "issue", "events": "event", "sources": "source"}
    found = [("explainer", CONTENT / "explainer.yml"), ("glossary", CONTENT / "glossary.yml")]
    for folder, kind in folders.items():
        found += [(kind, p) for p in sorted((CONTENT / folder).glob("*.yml"))]
    return found


class _Yaml12(yaml.BaseLoader):
    """YAML as editors' tools read it (1.2 core schema, as far as the content needs): text stays
    text, dates included; only `true` and `false` are booleans."""


_Yaml12.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
_Yaml12.add_constructor(
    "tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node) == "true"
)


@pytest.mark.parametrize(("kind", "path"), _files(), ids=lambda v: getattr(v, "name", v))
def test_json_schemas_accept_the_shipped_content(kind: str, path: Path) -> None:
    # Editors' tools read YAML 1.2, where unquoted dates are strings: so quote-free is fine.
    data = yaml.load(path.read_text("utf-8"), Loader=_Yaml12)
    jsonschema.validate(data, _schema(kind))


@pytest.mark.parametrize(
    ("kind", "data", "complaint"),
    [
        (
            "issue",
            {"title": "T", "question": "Q?", "status": "closed", "summary": "S", "positions": []},
            "'closed' is not one of",
        ),
        (
            "issue",
            {"title": "T", "question": "Q?", "status": "open", "summary": "S", "postions": []},
            "Additional properties are not allowed ('postions'",
        ),
        ("source", {"title": "T", "url": "javascript:alert(1)"}, "does not match '^https?://'"),
        (
            "event",
            {"date": "2025-1-5", "title": "T", "sources": ["s"]},
            "'2025-1-5' does not match",
        ),
        ("actor", {"name": "N", "kind": "person", "affiliation": "Bad Id"}, "does not match"),
    ],
)
def test_json_schemas_reject_bad_files(kind: str, data: dict, complaint: str) -> None:
    with pytest.raises(jsonschema.ValidationError) as e:
        jsonschema.validate(data, _schema(kind))
    assert complaint in str(e.value)


def test_edit_stops_before_the_preview_when_its_port_is_taken(tmp_path: Path, capsys) -> None:
    """`site-gen edit` (make edit) itself runs in tests/test_editor_server.py; a second one, or
    another program on the port, is named before anything else starts."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["edit", "--port", str(port), "-f", str(tmp_path / "mkdocs.yml")])
    assert (code, capsys.readouterr().err) == (
        1,
        f"site-gen: error: the editor server cannot listen on 127.0.0.1:{port} (Address "
        "already in use): is `make edit` running already? Or pick another port with --port\n",
    )
