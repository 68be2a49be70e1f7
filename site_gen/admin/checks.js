// The panel of checks: after a save, what `site-gen validate` finds in the saved file, in its
// words, with the line each problem points at (the editor server runs the checks: the
// `problems` action of site_gen/editor_server.py); on opening an entry, those of its file as
// saved. Only where `site-gen edit` (make edit) serves the editor: there is no server to ask on
// a published site.

const TONES = {
  problems: { background: "#fde8e8", color: "#5c0000", border: "#b00020" },
  warnings: { background: "#fff4d6", color: "#3d2b00", border: "#a06b00" },
  none: { background: "#e9f5ea", color: "#173d1a", border: "#2e7d32" },
  checking: { background: "#eef1f5", color: "#1f2933", border: "#5b6b7f" },
};

function counted(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// The address of the editor server, with the secret of this start, as config.yml gives it
// (only `site-gen edit` writes one: a published config.yml has none, and no panel shows).
function serverUrl(config) {
  const local = config.local_backend;
  if (local && typeof local === "object" && local.url) return local.url;
  if (config.backend && config.backend.name === "proxy") return config.backend.proxy_url;
  return null;
}

// The file of the entry open in the form (`#/collections/<name>/entries/<slug>`), as the
// editor server names it; null elsewhere (a list, a new entry not yet saved).
function entryFile(config) {
  const found = window.location.hash.match(/^#\/collections\/([^/?]+)\/entries\/([^?]+)/);
  if (!found) return null;
  const [name, slug] = [decodeURIComponent(found[1]), decodeURIComponent(found[2])];
  const collection = (config.collections || []).find((c) => c.name === name);
  if (!collection) return null;
  if (collection.folder) return `${collection.folder}/${slug}.${collection.extension || "yml"}`;
  const file = (collection.files || []).find((f) => f.name === slug);
  return file ? file.file : null;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (key === "style") Object.assign(node.style, value);
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null));
  return node;
}

function panel() {
  const aside = element("aside", {
    class: "site-gen-checks",
    "aria-label": "Checks of this file",
    "aria-live": "polite",
    style: {
      position: "fixed",
      left: "0",
      right: "0",
      bottom: "0",
      zIndex: "400",
      maxHeight: "35vh",
      overflow: "auto",
      padding: "8px 16px",
      borderTop: "3px solid",
      boxShadow: "0 -2px 6px rgba(0, 0, 0, 0.15)",
      font: "14px/1.4 system-ui, sans-serif",
    },
  });
  aside.hidden = true;
  document.body.append(aside);
  return aside;
}

// Decap's form scrolls in its own pane: room at its end, so that the panel hides none of it.
function makeRoom(aside) {
  const pane = document.querySelector('[class*="ControlPaneContainer"]');
  if (pane) pane.style.paddingBottom = aside.hidden ? "" : `${aside.offsetHeight + 16}px`;
}

function show(aside, tone, ...children) {
  Object.assign(aside.style, {
    background: TONES[tone].background,
    color: TONES[tone].color,
    borderTopColor: TONES[tone].border,
  });
  aside.replaceChildren(...children);
  aside.hidden = false;
  makeRoom(aside);
}

function item(problem) {
  const quoted = problem.quoted.trim()
    ? element(
        "pre",
        { style: { margin: "2px 0 0", overflowX: "auto", font: "12px/1.3 monospace" } },
        `${problem.line} | ${problem.quoted}\n${" ".repeat(`${problem.line} | `.length + Math.max(problem.col - 1, 0))}^`
      )
    : null;
  const text = element("code", { style: { whiteSpace: "pre-wrap" } }, problem.text);
  return element("li", { style: { margin: "4px 0" } }, text, quoted);
}

function summary(errors, warnings) {
  if (errors.length > 0) {
    const also = warnings.length > 0 ? ` and ${counted(warnings.length, "warning")}` : "";
    return `${counted(errors.length, "problem")}${also} in this file, as make validate lists them:`;
  }
  if (warnings.length > 0) {
    return `${counted(warnings.length, "warning")} in this file (the site still builds):`;
  }
  return "No problems in this file: make validate finds nothing here.";
}

function report(answer) {
  const errors = answer.problems.filter((p) => !p.warning);
  const warnings = answer.problems.filter((p) => p.warning);
  const tone = errors.length ? "problems" : warnings.length ? "warnings" : "none";
  const parts = [
    element("h2", { style: { font: "inherit", fontWeight: "bold", margin: "0 0 4px" } }, `Checks of ${answer.path}, as saved`),
    element("p", { style: { margin: "0 0 4px" } }, summary(errors, warnings)),
  ];
  if (answer.problems.length > 0) {
    parts.push(element("ol", { style: { margin: "0 0 4px", paddingLeft: "20px" } }, ...[...errors, ...warnings].map(item)));
  }
  const other = answer.elsewhere;
  if (other.problems + other.warnings > 0) {
    const found = [
      other.problems ? counted(other.problems, "problem") : "",
      other.warnings ? counted(other.warnings, "warning") : "",
    ].filter(Boolean);
    parts.push(
      element(
        "p",
        { style: { margin: 0 } },
        `Other files: ${found.join(" and ")} (`,
        element("a", { href: "../problems/", target: "_blank", style: { color: "inherit" } }, "the preview's list"),
        ")."
      )
    );
  }
  return [tone, parts];
}

// Starts the panel: it follows the entry open in the form, and is checked again after a save.
export function startChecks(CMS, config) {
  const url = serverUrl(config);
  if (!url) return;
  const aside = panel();
  let asked = 0;

  async function refresh() {
    const path = entryFile(config);
    const mine = ++asked;
    if (!path) {
      aside.hidden = true;
      makeRoom(aside);
      return;
    }
    show(aside, "checking", element("p", { style: { margin: 0 } }, `Checking ${path}…`));
    let answer;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ action: "problems", params: { path } }),
      });
      answer = await response.json();
      if (!response.ok) throw new Error(answer.error || response.statusText);
    } catch (error) {
      if (mine === asked) {
        const message = `The checks could not be run: ${error.message}`;
        show(aside, "warnings", element("p", { style: { margin: 0 } }, message));
      }
      return;
    }
    if (mine === asked) {
      const [tone, parts] = report(answer);
      show(aside, tone, ...parts);
    }
  }

  window.addEventListener("hashchange", refresh);
  // A new entry is saved before the form moves to its address: the move checks it then.
  CMS.registerEventListener({ name: "postSave", handler: () => void refresh() });
  refresh();
}
