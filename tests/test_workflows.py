"""The GitHub workflows keep their rules: a change of content/ alone is checked, built and
published without waiting on the tool's tests; the tool's tests run when the tool changes and
on a schedule; no job gets more permission than it needs; nothing runs a pull request's code
with the repository's secrets."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).parent.parent / ".github" / "workflows"


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


def test_a_change_of_content_alone_runs_the_pages_workflow_and_nothing_else() -> None:
    changed = ["content/issues/donbas.yml", "content/sources/report.txt"]
    assert [name for name, w in ALL.items() if _runs_on_push(w, changed)] == ["pages.yml"]
    pages = ALL["pages.yml"]
    assert set(pages["jobs"]) == {"build", "deploy"}
    assert pages["jobs"]["deploy"]["needs"] == ["build"]
    commands = [s.get("run", "") for s in pages["jobs"]["build"]["steps"]]
    assert "make validate FORMAT=github" in commands and "make build" in commands
    assert not any("test" in c or "lint" in c or "npm" in c for c in commands)


def test_a_change_of_the_tool_runs_its_tests_and_they_run_every_week() -> None:
    tool = ALL["tool.yml"]
    for changed in (["site_gen/plugin.py"], ["tests/test_render.py"], ["theme/main.html"]):
        assert _runs_on_push(tool, changed), changed
    assert tool["on"]["pull_request"]["paths"] == tool["on"]["push"]["paths"]
    assert [s["cron"] for s in tool["on"]["schedule"]] == ["17 5 * * 1"]
    commands = [s.get("run", "") for s in tool["jobs"]["test"]["steps"]]
    assert {"make lint", "make test", ".venv/bin/pytest -m slow"} <= set(commands)


def test_permissions_are_the_least_each_job_needs() -> None:
    for name, workflow in ALL.items():
        assert workflow["permissions"] == {"contents": "read"}, name
        for job_name, job in workflow["jobs"].items():
            granted = job.get("permissions", {})
            writes = {k for k, v in granted.items() if v == "write"}
            if (name, job_name) == ("pages.yml", "deploy"):
                assert granted == {"pages": "write", "id-token": "write"}
                assert job["if"].startswith("github.event_name != 'pull_request'")
            else:
                assert writes == set(), (name, job_name)


def test_no_workflow_runs_a_pull_request_s_code_with_the_repository_s_secrets() -> None:
    for name, workflow in ALL.items():
        assert "pull_request_target" not in workflow["on"], name
        assert "workflow_run" not in workflow["on"], name
        text = (WORKFLOWS / name).read_text(encoding="utf-8")
        assert "secrets." not in text, name
