// Runs before Decap CMS. The editor starts from site-gen.js (a module, so it runs later),
// once the formats and the save rules it needs are registered.
window.CMS_MANUAL_INIT = true;

// `mkdocs serve` reloads every page it serves after each rebuild, which a save in the editor
// causes: a reload would throw away what is being typed in another entry. The preview's
// reloader assigns `window.livereload`; a read-only property makes that a no-op.
Object.defineProperty(window, "livereload", { value: function () {}, writable: false });
