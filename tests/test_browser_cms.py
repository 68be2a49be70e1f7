"""The browser editor, driven in a real Chromium against the local backend, as `make edit`
runs it: `site-gen edit` in a copy of the project, its editor server writing into content/ and
`mkdocs serve --dirty` serving the preview and /admin/. An editor creates an actor, then an
issue with a position for it picked from the list, citing a source picked from the list; the
files on disk are what a careful editor would write, `site-gen validate --strict` passes and
the preview shows the new page.

Needs `npm ci` (decap-cms) and Chromium, like tests/test_browser.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from test_browser import (  # skips without Chromium
    AXE,
    DESKTOP,
    Browser,
    Locator,
    Page,
    axe_violations,
    expect,
    need,
)

from tests.sites import free_port as _free_port
from tests.test_build import ENV, project_copy
from tests.test_serve import _wait_for

ROOT = Path(__file__).parent.parent
NODE_MODULES = ROOT / "node_modules"
SHOTS = os.environ.get("SITE_GEN_SCREENSHOTS")
"""A folder to save the editor's screenshots into, to look at them."""

need((NODE_MODULES / "decap-cms").is_dir(), "node_modules/decap-cms (npm ci)", module=True)

pytestmark = pytest.mark.browser

ACTOR = """\
name: Alex Mediator
kind: person
role: Envoy
"""

ISSUE = """\
title: Prisoner exchange
question: Will the sides exchange prisoners?
status: open
summary: Whether the sides will exchange prisoners, and on what terms.
positions:
  - actor: alex-mediator
    stance: Supports an exchange of all prisoners
    flexibility: open
    as_of: 2025-12
    sources:
      - report-rubio-progress
"""
"""What a careful editor writes: the documented key order, no empty optional key."""


class Editor:
    def __init__(self, project: Path, preview: str, process: subprocess.Popen[str]) -> None:
        self.project, self.preview, self.process = project, preview, process
        self.admin = preview + "admin/"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    project = project_copy(tmp_path_factory.mktemp("project"))
    (project / "node_modules").symlink_to(NODE_MODULES)
    # Without principals no "silent principal" warning: one new position is a whole issue.
    explainer = project / "content" / "explainer.yml"
    text = explainer.read_text(encoding="utf-8")
    start = text.index("principals:")
    end = text.index("\n", text.index("  - russia", start)) + 1
    explainer.write_text(text[:start] + text[end:], encoding="utf-8")

    proxy_port, preview_port = _free_port(), _free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "site_gen", "edit"]
        + ["--port", str(proxy_port), "--preview-port", str(preview_port)],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        preview = f"http://127.0.0.1:{preview_port}/"
        _wait_for(preview + "admin/", "decap-cms.js", seconds=60)
        yield Editor(project, preview, serve)
    finally:
        serve.send_signal(signal.SIGINT)  # Ctrl-C: stops the preview and the editor server
        serve.communicate(timeout=30)


@pytest.fixture(scope="module")
def page(editor: Editor, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    try:
        tab = context.new_page()
        tab.errors = []  # type: ignore[attr-defined]
        tab.hosts = set()  # type: ignore[attr-defined]
        tab.on("request", lambda r: tab.hosts.add(urlsplit(r.url).hostname))  # type: ignore[attr-defined]
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))  # type: ignore[attr-defined]
        tab.goto(editor.admin)
        tab.get_by_role("button", name="Login").click()  # the local backend: no account
        tab.get_by_text("Actors").first.wait_for()
        yield tab
    finally:
        context.close()


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"cms-{name}.png"))


def _pick(page: Page, field: str, typed: str, option: str) -> None:
    """Choose from a pick-list (Decap's relation and select widgets) as a person does."""
    page.locator(f"[id^={field}-field]").click()
    if typed:
        page.keyboard.type(typed)
    page.get_by_role("option", name=option, exact=True).click()


def _publish(page: Page, path: Path, expected: str) -> str:
    """Publish the form; the text of `path` once it is `expected`, or after 15 s."""
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    deadline = time.monotonic() + 15
    while _text(path) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return _text(path)


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


def test_editor_creates_an_actor_and_an_issue_that_validate_and_show(
    editor: Editor, page: Page
) -> None:
    content = editor.project / "content"
    page.goto(editor.admin + "#/collections/actors/new")
    page.get_by_label("Name", exact=True).fill("Alex Mediator")
    _pick(page, "kind", "", "person")
    page.get_by_label("Role (optional)").fill("Envoy")
    page.get_by_label("Summary (optional)").fill("")  # touched and left empty: not written
    _shot(page, "actor")
    assert _publish(page, content / "actors" / "alex-mediator.yml", ACTOR) == ACTOR

    # The save rebuilds the preview, whose live reload then reloads /admin/ too: wait until the
    # rebuild has shown the actor, then load the issue's form afresh, so that no reload comes
    # in the middle of filling it (a detached field, on a busy machine).
    _wait_for(editor.preview + "actors/alex-mediator/", "Alex Mediator", seconds=30)
    page.goto("about:blank")
    page.goto(editor.admin + "#/collections/issues/new")
    page.get_by_label("Title", exact=True).fill("Prisoner exchange")
    page.get_by_label("Question", exact=True).fill("Will the sides exchange prisoners?")
    _pick(page, "status", "", "open")
    page.get_by_label("Summary", exact=True).fill(
        "Whether the sides will exchange prisoners, and on what terms."
    )
    page.get_by_role("button", name="Add position").click()
    # Out of the form's order, as people do: the file still has the documented order.
    page.get_by_label("Stance", exact=True).fill("Supports an exchange of all prisoners")
    # Every one-line field counts its characters; the stance's limit is 120.
    counter = page.locator(".site-gen-counter", has_text="/ 120 characters")
    expect(counter).to_have_text("37 / 120 characters")
    page.get_by_label("As of", exact=True).fill("2025-12")
    _pick(page, "flexibility", "", "open")
    _pick(page, "actor", "Alex", "Alex Mediator")
    _pick(page, "sources", "Rubio", _source_title(content))
    _shot(page, "issue")
    assert _publish(page, content / "issues" / "prisoner-exchange.yml", ISSUE) == ISSUE

    result = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", "--strict", str(content)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 10 actors, 6 issues,")

    shown = _wait_for(editor.preview + "issues/prisoner-exchange/", "Alex Mediator", seconds=30)
    assert "Supports an exchange of all prisoners" in shown
    assert editor.process.poll() is None
    assert page.errors == []  # type: ignore[attr-defined]
    # Self-hosted: the editor asks nothing of any other host (no CDN, no fonts, no status);
    # its saves go to the editor server, on 127.0.0.1 as the preview.
    assert page.hosts == {"127.0.0.1"}  # type: ignore[attr-defined]


def test_editing_one_key_of_a_file_leaves_the_rest_as_written(editor: Editor, page: Page) -> None:
    """Decap rewrites a whole file and drops its comments; site-gen's format keeps the text of
    every top-level key that did not change, and the comments at the top."""
    path = editor.project / "content" / "issues" / "donbas.yml"
    before = path.read_text(encoding="utf-8")
    page.goto("about:blank")
    page.goto(editor.admin + "#/collections/issues/entries/donbas")
    page.get_by_text("3 positions").first.wait_for()
    _pick(page, "status", "", "narrowing")
    after = before.replace("\nstatus: open\n", "\nstatus: narrowing\n")
    assert _publish(page, path, after) == after


def test_a_new_glossary_term_is_added_below_the_others(editor: Editor, page: Page) -> None:
    path = editor.project / "content" / "glossary.yml"
    before = path.read_text(encoding="utf-8")
    page.goto("about:blank")
    page.goto(editor.admin + "#/collections/glossary/entries/glossary")
    page.get_by_role("button", name="Add term").click()
    page.get_by_label("Term", exact=True).last.fill("prisoner exchange")
    page.get_by_label("Definition", exact=True).last.fill("A swap of captives between the sides.")
    _shot(page, "glossary")
    after = before + "prisoner exchange: A swap of captives between the sides.\n"
    assert _publish(page, path, after) == after


def test_a_bad_date_and_a_long_stance_are_stopped_in_the_form(editor: Editor, page: Page) -> None:
    page.goto(editor.admin + "#/collections/issues/new")
    page.get_by_label("Title", exact=True).fill("Not saved")
    page.get_by_role("button", name="Add position").click()
    page.get_by_label("As of", exact=True).fill("19 December 2025")
    page.get_by_label("Stance", exact=True).fill("x" * 121)
    counter = page.locator(".site-gen-counter", has_text="/ 120 characters")
    expect(counter).to_have_text("121 / 120 characters: too long")
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    page.get_by_text("write a date as YYYY-MM-DD, YYYY-MM or YYYY", exact=False).wait_for()
    page.get_by_text("At most 120 characters.").wait_for()
    _shot(page, "errors")
    assert not (editor.project / "content" / "issues" / "not-saved.yml").exists()


ATTACK = """async ([urls, path]) => {
  const body = JSON.stringify({action: "persistEntry", params: {branch: "main", entry: {slug: "x",
    path, raw: "[core]\\n\\tfsmonitor = \\"touch PWNED; false\\"\\n"}, assets: [],
    options: {commitMessage: "m", useWorkflow: false, status: "draft"}}});
  const found = [];
  for (const url of urls) {
    try {
      const r = await fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body});
      found.push([r.status, await r.json()]);
    } catch (e) {
      found.push(String(e));
    }
  }
  return found;
}"""
"""Issue 19's reproduction: a page posts the fsmonitor hook to the editor's server."""


def test_a_page_cannot_write_outside_content_through_the_editor_server(
    editor: Editor,
    page: Page,
    browser: Browser,  # noqa: F811
) -> None:
    """Issue 19 in Chromium: a page of the preview's origin, which can read /admin/config.yml
    and so the secret, still cannot write .git/config or beside content/; a page of another
    origin, or one without the secret, cannot even send its request."""
    git = editor.project / ".git"
    git.mkdir(exist_ok=True)
    (git / "config").write_text("[core]\n", encoding="utf-8")
    page.goto("about:blank")
    page.goto(editor.preview)
    config = page.evaluate("fetch('/admin/config.yml').then(r => r.text())")
    url = yaml.safe_load(config)["local_backend"]["url"]
    without_secret = url.replace(urlsplit(url).path, "/api/v1")
    only = "the editor reads and writes only .yml, .yaml and .md files under content/"
    found = page.evaluate(ATTACK, [[url, without_secret], ".git/config"])
    assert found == [
        [403, {"error": f"refused: '.git/config' is outside content/: {only}"}],
        "TypeError: Failed to fetch",  # its preflight was refused: nothing sent
    ]
    found = page.evaluate(ATTACK, [[url], "OUTSIDE-CONTENT.txt"])
    assert found == [
        [403, {"error": f"refused: 'OUTSIDE-CONTENT.txt' is outside content/: {only}"}]
    ]

    context = browser.new_context()
    try:
        other = context.new_page()
        other.route(
            "http://evil.example/", lambda r: r.fulfill(body="<p>hi</p>", content_type="text/html")
        )
        other.goto("http://evil.example/")
        found = other.evaluate(ATTACK, [[url], "content/actors/evil.yml"])
        assert found == ["TypeError: Failed to fetch"]
    finally:
        context.close()
    assert (git / "config").read_text(encoding="utf-8") == "[core]\n"
    assert not (editor.project / "OUTSIDE-CONTENT.txt").exists()
    assert not (editor.project / "content" / "actors" / "evil.yml").exists()


def test_axe_on_the_editor_lists_only_its_own_markup(editor: Editor, page: Page) -> None:
    """The editor is Decap's UI: axe's findings there are listed (EDITOR_AXE), not hidden; a
    new finding fails so that it is looked at. Reader pages stay at zero (test_browser.py)."""
    need(AXE.is_file(), "tests/browser/node_modules/axe-core (make test-tools)")
    page.goto("about:blank")  # leave the unsaved form of the test before
    page.goto(editor.admin + "#/collections/issues")
    page.get_by_text("Fate of the Donbas region").first.wait_for()
    _shot(page, "issues")
    page.goto(editor.admin + "#/collections/issues/entries/donbas")
    page.get_by_label("Title", exact=True).wait_for()
    page.get_by_text("3 positions").first.wait_for()
    _shot(page, "donbas")
    violations = axe_violations(page)
    found = sorted({v.split(" (")[0] for v in violations})
    assert set(found) <= EDITOR_AXE, found


CEASEFIRE = """\
title: Ceasefire first
question: Will the sides agree to a ceasefire before a settlement?
status: open
summary: Whether a ceasefire comes before a settlement.
positions:
  - actor: zelenskyy
    stance: Wants a ceasefire before any settlement
    as_of: 2025-12
    sources:
      - report-rubio-progress
    supports:
      - ceasefire-now
      - full-withdrawal
options:
  - id: ceasefire-now
    label: An immediate ceasefire
"""
"""An issue whose position supports an option of another issue (donbas's `full-withdrawal`)."""

DONBAS_OPTIONS = """\
options:
  - id: ceasefire-line
    label: Freeze along the current line
  - id: full-withdrawal
    label: Full withdrawal from the region
"""


@pytest.fixture
def options(editor: Editor) -> Iterator[Path]:
    """donbas.yml with two options and ceasefire.yml picking one of them; put back after."""
    issues = editor.project / "content" / "issues"
    donbas = issues / "donbas.yml"
    before = donbas.read_text(encoding="utf-8")
    donbas.write_text(before + DONBAS_OPTIONS, encoding="utf-8")
    (issues / "ceasefire.yml").write_text(CEASEFIRE, encoding="utf-8")
    try:
        yield issues / "ceasefire.yml"
    finally:
        donbas.write_text(before, encoding="utf-8")
        (issues / "ceasefire.yml").unlink()


def _open(page: Page, url: str) -> None:
    """Load an entry's form afresh (leaving any unsaved form before it)."""
    page.goto("about:blank")
    page.goto(url)
    page.get_by_label("Title", exact=True).wait_for()


def _submit(page: Page) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()


def _checks(page: Page) -> Locator:
    return page.get_by_role("complementary", name="Checks of this file")


def _validate_lines(editor: Editor, path: str) -> list[str]:
    """What `site-gen validate` (make validate) prints about the file at `path`."""
    result = subprocess.run(
        [sys.executable, "-m", "site_gen", "validate", "content"],
        cwd=editor.project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line for line in result.stderr.splitlines() if line.startswith(f"{path}:")]


def test_an_option_of_another_issue_cannot_be_saved_silently(
    editor: Editor, page: Page, options: Path
) -> None:
    """The pickers of a position offer the options of its own issue only, an option added in
    the same edit at once; an id that is not one of them is shown, and refused at the save in
    the words of `site-gen validate`."""
    _open(page, editor.admin + "#/collections/issues/entries/ceasefire")
    supports = page.get_by_role("group", name="Supports")
    boxes = supports.get_by_role("checkbox")
    expect(boxes).to_have_count(2)
    # Not the 2 options of donbas, nor any other issue's: the one of this issue, and the
    # other issue's id the file holds, flagged.
    assert [b.evaluate("b => b.parentElement.textContent") for b in boxes.all()] == [
        "An immediate ceasefire (ceasefire-now)",
        "full-withdrawal: not an option of this issue",
    ]
    expect(
        supports.get_by_role("checkbox", name="An immediate ceasefire (ceasefire-now)")
    ).to_be_checked()
    # The panel of checks shows the file's problem as saved, as `make validate` prints it.
    checks = _checks(page)
    expect(checks.locator("li code")).to_have_text(
        _validate_lines(editor, "content/issues/ceasefire.yml")
    )
    _shot(page, "other-issue-option")

    page.get_by_label("Stance", exact=True).fill("Wants a ceasefire before any talks")
    _submit(page)
    message = "unknown option 'full-withdrawal' (the options are 'ceasefire-now')"
    page.get_by_text(message, exact=True).wait_for()
    assert options.read_text(encoding="utf-8") == CEASEFIRE  # refused: nothing written

    # An option added in this edit is offered at once, in both pickers of the position.
    page.get_by_role("button", name="Add option").click()
    page.get_by_label("Id", exact=True).last.fill("prisoner-swap")
    page.get_by_label("Label", exact=True).last.fill("A prisoner swap first")
    new = "A prisoner swap first (prisoner-swap)"
    expect(
        page.get_by_role("group", name="Rejects").get_by_role("checkbox", name=new)
    ).to_be_visible()
    supports.get_by_role("checkbox", name=new).check()
    supports.get_by_role("checkbox", name="full-withdrawal: not an option of this issue").click()
    expect(boxes).to_have_count(2)  # unticked, the unknown id is gone
    _submit(page)
    expect(checks).to_contain_text("No problems in this file: make validate finds nothing here.")
    saved = yaml.safe_load(options.read_text(encoding="utf-8"))
    assert saved["positions"][0]["supports"] == ["ceasefire-now", "prisoner-swap"]
    assert saved["options"] == [
        {"id": "ceasefire-now", "label": "An immediate ceasefire"},
        {"id": "prisoner-swap", "label": "A prisoner swap first"},
    ]
    assert _validate_lines(editor, "content/issues/ceasefire.yml") == []


def test_the_problems_of_a_saved_file_show_in_the_editor(
    editor: Editor, page: Page, options: Path
) -> None:
    """After a save, the panel lists what `site-gen validate` finds in the file, in its words
    and with the line; a save that fixes them says so; reopened, the entry shows them again."""
    path = "content/issues/ceasefire.yml"
    _open(page, editor.admin + "#/collections/issues/entries/ceasefire")
    supports = page.get_by_role("group", name="Supports")
    supports.get_by_role("checkbox", name="full-withdrawal: not an option of this issue").click()
    # A mistake the form cannot see: a link to a fact that does not exist.
    page.get_by_label("Summary", exact=True).fill("Whether a [[ceasefire-deal]] comes first.")
    _submit(page)
    checks = _checks(page)
    expect(checks).to_contain_text("1 problem in this file, as make validate lists them:")
    expected = _validate_lines(editor, path)
    assert len(expected) == 1 and "ceasefire-deal" in expected[0]
    expect(checks.locator("li code")).to_have_text(expected)
    expect(checks.locator("li pre")).to_contain_text(
        "summary: Whether a [[ceasefire-deal]] comes first."
    )
    _shot(page, "problems")

    page.goto(editor.admin + "#/collections/issues")  # away: the panel is for an entry
    page.get_by_text("Fate of the Donbas region").first.wait_for()
    expect(checks).to_be_hidden()
    _open(page, editor.admin + "#/collections/issues/entries/ceasefire")
    expect(checks.locator("li code")).to_have_text(expected)

    page.get_by_label("Summary", exact=True).fill("Whether a ceasefire comes first.")
    _submit(page)
    expect(checks).to_contain_text("No problems in this file: make validate finds nothing here.")
    assert _validate_lines(editor, path) == []


def test_few_positions_open_expanded_and_many_collapsed(editor: Editor, page: Page) -> None:
    """An issue of up to COLLAPSED_ABOVE positions shows them whole when opened; with more,
    one line each (Decap's summary), so that the form stays short."""
    _open(page, editor.admin + "#/collections/issues/entries/donbas")
    page.get_by_text("3 positions").first.wait_for()
    expect(page.get_by_label("Stance", exact=True)).to_have_count(3)
    for stance in page.get_by_label("Stance", exact=True).all():
        expect(stance).to_be_visible()

    issues = editor.project / "content" / "issues"
    many = issues / "many-positions.yml"
    position = CEASEFIRE[CEASEFIRE.index("  - actor:") : CEASEFIRE.index("    supports:")]
    text = CEASEFIRE.replace("title: Ceasefire first", "title: Many positions")
    text = text[: text.index("positions:")] + "positions:\n" + position * 6
    many.write_text(text, encoding="utf-8")
    try:
        _open(page, editor.admin + "#/collections/issues/entries/many-positions")
        page.get_by_text("6 positions").first.wait_for()
        expect(page.get_by_label("Stance", exact=True).first).to_be_hidden()
        summary = "zelenskyy: Wants a ceasefire before any settlement, 2025-12"
        expect(page.get_by_text(summary)).to_have_count(6)
    finally:
        many.unlink()


def _source_title(content: Path) -> str:
    path = content / "sources" / "report-rubio-progress.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["title"]


EDITOR_AXE = {"aria-command-name", "button-name", "color-contrast", "region"}
"""axe rules Decap CMS's own interface breaks on an entry form (see README): icon-only buttons
of its top bar without a name, light grey hints and labels, the toast outside a landmark."""
