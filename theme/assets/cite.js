// A citation mark [1] opens its source in place, in a small note under it: by tap, click or
// Enter; Escape, the close button or a click elsewhere closes it and focus returns to the
// mark. Without this script the mark is a plain link to the page's list of sources, whose
// entries link back to each mark.
(function () {
  "use strict";
  var open = null;

  function close(refocus) {
    if (!open) return;
    open.note.remove();
    open.mark.setAttribute("aria-expanded", "false");
    if (refocus) open.mark.focus();
    open = null;
  }

  function show(mark, item) {
    var n = mark.hash.slice("#cite-".length);
    var note = document.createElement("div");
    note.className = "xp-cite-note";
    note.id = "xp-cite-note";
    note.setAttribute("role", "dialog");
    note.setAttribute("aria-label", "Source " + n);
    note.tabIndex = -1;
    var body = document.createElement("p");
    item.childNodes.forEach(function (node) {
      if (!(node.classList && node.classList.contains("xp-back"))) {
        body.appendChild(node.cloneNode(true));
      }
    });
    var shut = document.createElement("button");
    shut.type = "button";
    shut.className = "xp-cite-note__close";
    shut.textContent = "Close";
    shut.addEventListener("click", function () { close(true); });
    note.appendChild(body);
    note.appendChild(shut);
    document.body.appendChild(note);
    var box = mark.getBoundingClientRect();
    var width = Math.min(note.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    note.style.left = left + window.scrollX + "px";
    note.style.top = box.bottom + window.scrollY + 4 + "px";
    mark.setAttribute("aria-expanded", "true");
    mark.setAttribute("aria-controls", note.id);
    open = { mark: mark, note: note };
    note.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("a.xp-cite");
    if (!mark) {
      if (open && !open.note.contains(event.target)) close(false);
      return;
    }
    var item = document.getElementById(mark.hash.slice(1));
    if (!item) return;
    event.preventDefault();
    var same = open && open.mark === mark;
    close(same);
    if (!same) show(mark, item);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) close(true);
  });
})();
