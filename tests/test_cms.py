"""The browser editor's configuration follows the models; the build adds /admin/ only when the
editor is installed, and the safety net keeps its code to /admin/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from pydantic import Field

from site_gen import admin_files, cms, model
from site_gen.cli import main
from site_gen.safety import known_scripts, scan_page
from tests.sites import build_in_process, project_copy

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "goldens" / "cms" / "config.yml"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
NODE_MODULES = ROOT / "node_modules"


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def test_generated_configuration_matches_the_golden() -> None:
    """A change to the models shows up here as a diff to review (`make goldens`)."""
    text = admin_files.config_yaml(cms.cms_config())
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_a_new_optional_field_in_the_model_reaches_the_editor(monkeypatch) -> None:
    class Actor(model.Actor):
        nickname: model.OneLine | None = Field(default=None, description="What friends say.")

    before = cms.cms_config()
    monkeypatch.setitem(model.KINDS, "actor", Actor)
    after = cms.cms_config()
    assert before != after
    fields = _collection(after, "actors")["fields"]
    assert [f["name"] for f in fields] == [
        "name",
        "kind",
        "role",
        "affiliation",
        "summary",
        "aliases",
        "nickname",
    ]
    assert _field(fields, "nickname") == {
        "name": "nickname",
        "label": "Nickname",
        "required": False,
        "widget": "counted",  # a one-line field has at most MAX_ONE_LINE characters
        "maxlength": 300,
        "hint": "What friends say.",
    }
    rules = admin_files.save_rules(after)["actors"]
    assert rules[-1] == {"name": "nickname", "keep": False}


def test_an_id_field_that_names_no_kind_of_fact_is_an_error(monkeypatch) -> None:
    class Source(model.Source):
        superseded_by: model.Id | None = None

    monkeypatch.setitem(model.KINDS, "source", Source)
    with pytest.raises(cms.UnmappedField) as e:
        cms.cms_config()
    assert str(e.value) == (
        "Source.superseded_by holds an id but names no kind of fact: annotate it in "
        "site_gen/model.py with the kind it refers to, e.g. Annotated[Id, Ref('source')] "
        "(SourceId)"
    )


def test_every_reference_is_a_pick_list_and_every_choice_a_select() -> None:
    config = cms.cms_config()

    def walk(fields: list[dict], path: str):
        for f in fields:
            yield f"{path}{f['name']}", f
            yield from walk(f.get("fields", []), f"{path}{f['name']}.")

    found = {}
    for c in config["collections"]:
        for fields in [c.get("fields", [])] + [f["fields"] for f in c.get("files", [])]:
            for path, f in walk(fields, f"{c['name']}:"):
                found[path] = f
    relations = {
        p: (f["collection"], f.get("multiple", False))
        for p, f in found.items()
        if f["widget"] == "relation"
    }
    assert (
        relations.items()
        >= {
            "explainer:principals": ("actors", True),
            "actors:affiliation": ("actors", False),
            "issues:positions.actor": ("actors", False),
            "issues:positions.sources": ("sources", True),
            "issues:positions.quotes.by": ("actors", False),
            "issues:positions.quotes.source": ("sources", False),
            "issues:related": ("issues", True),
            "events:actors": ("actors", True),
            "events:issues": ("issues", True),
            "events:sources": ("sources", True),
            "events:quotes.by": ("actors", False),
            "events:quotes.source": ("sources", False),
        }.items()
    )
    assert all(f["value_field"] == "{{slug}}" for p, f in found.items() if p in relations)
    # A position's options come from its own issue, as the form holds them (admin/form.js).
    options = {p for p, f in found.items() if f["widget"] == cms.OPTION_PICKER}
    assert options == {"issues:positions.supports", "issues:positions.rejects"}
    # Lists of objects open expanded when short (admin/form.js reads `collapsed_above`).
    lists = {
        p: f.get("collapsed_above")
        for p, f in found.items()
        if f["widget"] == "list" and "fields" in f
    }
    assert lists["issues:positions"] == lists["issues:options"] == cms.COLLAPSED_ABOVE == 5
    assert set(lists.values()) == {5}
    assert all("collapsed" not in f for f in found.values())  # form.js sets it by the size
    assert found["issues:status"]["options"] == ["open", "narrowing", "agreed", "deadlocked"]
    assert found["issues:positions.flexibility"]["options"] == [
        "red-line",
        "firm",
        "open",
        "unclear",
    ]
    assert found["actors:kind"]["widget"] == "select"
    stance = found["issues:positions.stance"]
    assert (stance["widget"], stance["maxlength"]) == ("counted", 120)
    for date in ("issues:positions.as_of", "events:date", "sources:published", "explainer:as_of"):
        assert found[date]["widget"] == "string"
        assert found[date]["pattern"][0] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
        assert "YYYY-MM-DD, YYYY-MM or YYYY" in found[date]["hint"]
    # Markdown in a plain text area: Decap's rich-text widget would escape [[id]] links.
    assert found["issues:summary"]["widget"] == "text"
    assert found["issues:positions"]["summary"] == (
        "{{fields.actor}}: {{fields.stance | truncate(48)}}, {{fields.as_of}}"
    )
    # A required list that may be empty is kept by its default, not by Decap's `required`.
    assert (found["issues:positions"]["required"], found["issues:positions"]["default"]) == (
        False,
        [],
    )
    assert found["issues:positions.sources"]["min"] == 1


def test_folder_collections_name_files_by_id(tmp_path: Path) -> None:
    config = cms.cms_config("content")
    issues = _collection(config, "issues")
    assert (issues["folder"], issues["extension"], issues["format"]) == (
        "content/issues",
        "yml",
        "site-gen-yml",
    )
    assert issues["slug"] == "{{slug}}" and issues["identifier_field"] == "title"
    assert _collection(config, "explainer")["files"][0]["file"] == "content/explainer.yml"
    assert _collection(config, "glossary")["format"] == "site-gen-glossary"


def test_site_gen_cms_writes_the_configuration(tmp_path: Path, capsys) -> None:
    out = tmp_path / "admin"
    assert main(["cms", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote config.yml and fields.json to {out}\n"
    assert (out / "config.yml").read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    rules = json.loads((out / "fields.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in rules["issues"]] == [
        "title",
        "question",
        "status",
        "summary",
        "positions",
        "not_covered",
        "related",
        "options",
        "options_ordered",
        "status_history",
    ]
    assert (
        main(["cms", "--out", str(out), "--repo", "newsroom/explainer", "--editorial-workflow"])
        == 0
    )
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "newsroom/explainer", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] is True


def test_the_published_editor_logs_in_through_the_newsroom_s_own_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "admin"
    args = ["cms", "--out", str(out), "--repo", "newsroom/explainer"]
    assert (
        main([*args, "--auth-url", "https://login.newsroom.example/", "--auth-endpoint", "gh"]) == 0
    )
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "github",
        "repo": "newsroom/explainer",
        "branch": "main",
        "base_url": "https://login.newsroom.example",
        "auth_endpoint": "gh",
    }
    assert main([*args, "--site-domain", "newsroom-login.netlify.app"]) == 0  # Netlify's server
    config = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["site_domain"] == "newsroom-login.netlify.app"
    assert "base_url" not in config["backend"]
    capsys.readouterr()
    assert main([*args, "--auth-url", "http://login.newsroom.example"]) == 2
    assert capsys.readouterr().err == (
        "error: --auth-url: the login server must be an https:// address, such as "
        "https://login.example.org; found 'http://login.newsroom.example'\n"
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://localhost:8081", "localhost"),
        ("https://127.0.0.1/", "127.0.0.1"),
        ("https://10.0.0.7", "10.0.0.7"),
        ("https://cms.local/", "cms.local"),
        ("https://[::1]/", "::1"),
    ],
)
def test_a_login_server_on_this_machine_or_a_private_network_is_refused(
    url: str, host: str
) -> None:
    assert cms.login_url_problem(url) == (
        f"the login server {host} is on this machine or a private network: a published editor "
        "logs in through a server on the internet"
    )
    assert cms.login_url_problem("https://login.newsroom.example/") is None


def test_the_login_server_is_a_setting_checked_in_mkdocs_yml(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(
        plain.replace(
            "\n  - explainer\n", "\n  - explainer:\n      editor_auth_url: https://localhost\n"
        ),
        encoding="utf-8",
    )
    result = build_in_process(project)
    assert result.returncode != 0
    assert (
        "Plugin 'explainer' option 'editor_auth_url': the login server localhost is on this "
        "machine or a private network: a published editor logs in through a server on the "
        "internet"
    ) in result.stderr
    config.write_text(
        plain.replace(
            "\n  - explainer\n",
            "\n  - explainer:\n      editor_auth_url: https://login.newsroom.example\n",
        ),
        encoding="utf-8",
    )
    result = build_in_process(project)
    assert result.returncode != 0
    assert (
        "Plugin 'explainer' option 'editor_auth_url': a login server serves the editor on "
        "GitHub: set editor_repo too"
    ) in result.stderr


def test_build_without_the_editor_installed_leaves_it_out_with_a_note(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    _with_editor_repo(project)
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    assert "the browser editor (/admin/) is left out: run `npm ci` to install it" in result.stderr
    assert not (project / "site" / "admin").exists()
    assert (project / "site" / "issues" / "donbas" / "index.html").is_file()


def _with_editor_repo(project: Path) -> None:
    """mkdocs.yml's plugin told to publish the editor against GitHub's newsroom/explainer."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - explainer\n" in text
    text = text.replace(
        "\n  - explainer\n", "\n  - explainer:\n      editor_repo: newsroom/explainer\n"
    )
    config.write_text(text, encoding="utf-8")


def _published_files(site: Path) -> dict[str, str]:
    """Every file of a built site as text, but third parties' code: the editor's bundle
    (Decap's own code names localhost, to look for a local proxy only when served from
    localhost) and Material's assets (its source maps name localhost)."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file()
        and not p.name.endswith("decap-cms.js")
        and p.suffix != ".gz"
        and not p.relative_to(site).as_posix().startswith("assets/")
    }


def test_a_built_site_never_carries_an_editor_pointing_at_a_local_proxy(tmp_path: Path) -> None:
    """Issue 22: a build for publishing with node_modules present leaves /admin/ out (editors
    edit on GitHub, or with `make edit`); with editor_repo set it carries /admin/ against
    GitHub, and no local backend. No published file names localhost or the proxy's port."""
    if not (NODE_MODULES / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.skip("the editor is not installed (npm ci)")
    project = project_copy(tmp_path)
    (project / "node_modules").symlink_to(NODE_MODULES)
    result = build_in_process(project)  # --strict, and the safety net scans the site
    assert result.returncode == 0, result.stderr
    assert "the browser editor (/admin/) is left out of a built site" in result.stderr
    assert not (project / "site" / "admin").exists()
    for path, text in _published_files(project / "site").items():
        assert "localhost" not in text and "8081" not in text, path

    _with_editor_repo(project)
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    admin = project / "site" / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (
        NODE_MODULES / "decap-cms" / "dist" / "decap-cms.js"
    ).read_bytes()
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "newsroom/explainer", "branch": "main"}
    assert "local_backend" not in config
    settings = project / "mkdocs.yml"  # with the newsroom's own login server
    settings.write_text(
        settings.read_text("utf-8").replace(
            "editor_repo: newsroom/explainer\n",
            "editor_repo: newsroom/explainer\n      editor_auth_url: https://login.newsroom.example\n",
        ),
        encoding="utf-8",
    )
    result = build_in_process(project)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["base_url"] == "https://login.newsroom.example"
    assert '<script src="decap-cms.js"></script>' in (admin / "index.html").read_text("utf-8")
    # site-gen's own scripts, imported by site-gen.js, published byte for byte (the safety
    # net trusts the editor's scripts by their SHA-256).
    for name in ("site-gen-first.js", "site-gen.js", "form.js", "checks.js"):
        assert (admin / name).read_bytes() == (admin_files.STATIC / name).read_bytes()
    assert sorted(p.name for p in admin_files.STATIC.iterdir()) == [
        "checks.js",
        "form.js",
        "index.html",
        "site-gen-first.js",
        "site-gen.js",
    ]
    for path, text in _published_files(project / "site").items():
        assert "localhost" not in text and "8081" not in text, path


def test_the_editors_code_may_run_only_under_admin(tmp_path: Path) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "decap-cms.js").write_text("/* the editor */", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.js").write_text("/* the theme */", encoding="utf-8")
    admin_page = '<body><script src="decap-cms.js"></script></body>'
    assert (
        scan_page(
            admin_page, "admin/index.html", site_dir=tmp_path, scripts=known_scripts([tmp_path])
        )
        == []
    )
    reader_page = '<body><script src="admin/decap-cms.js"></script></body>'
    found = scan_page(
        reader_page, "index.html", site_dir=tmp_path, scripts=known_scripts([tmp_path])
    )
    assert [(u.line, u.what) for u in found] == [
        (1, "<script> loading the editor's code outside /admin/")
    ]
    assert (
        scan_page(
            '<script src="assets/theme.js"></script>',
            "index.html",
            site_dir=tmp_path,
            scripts=known_scripts([tmp_path]),
        )
        == []
    )
    # The exception is for the editor's files, not for anything on its page.
    inline = scan_page(
        "<script>alert(1)</script>",
        "admin/index.html",
        site_dir=tmp_path,
        scripts=known_scripts([tmp_path]),
    )
    assert [u.what for u in inline] == ["<script> the theme did not put there"]


def test_options_of_an_issue_are_picked_from_the_issues_options() -> None:
    config = cms.cms_config()
    fields = _collection(config, "issues")["fields"]
    options = _field(fields, "options")
    assert options["summary"] == "{{fields.id}}: {{fields.label}}"
    assert _field(options["fields"], "id")["pattern"][0] == model.ID_PATTERN
    supports = _field(_field(fields, "positions")["fields"], "supports")
    assert supports == {
        "name": "supports",
        "label": "Supports",
        "required": False,
        "widget": "issue-options",
        "hint": "Ids of the issue's options the actor supports, as the sources say; an option the"
        " sources are silent on is left out. Tick this issue's options (listed under Options,"
        " saved or not).",
    }
    assert _field(fields, "options_ordered")["widget"] == "boolean"
    rules = admin_files.save_rules(config)["issues"]
    assert {"name": "options_ordered", "keep": False, "omit": False} in rules


def test_every_key_of_explainer_yml_is_in_the_form_so_a_save_keeps_it() -> None:
    """The editor rebuilds a file from `fields.json` on save: a key missing there would be
    dropped. `block_on_warnings` is left out of the open data, not out of the form."""
    config = cms.cms_config()
    rules = admin_files.save_rules(config)["explainer/explainer"]
    assert [r["name"] for r in rules] == [
        name for name, info in model.Explainer.model_fields.items()
    ]
    assert {"name": "block_on_warnings", "keep": False, "omit": False} in rules
