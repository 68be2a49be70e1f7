// Optional, for a page that embeds issue cards (<iframe data-explainer-embed>): fits each
// frame's height to its card as the card reports it (assets/embed.js). Only messages from
// the frame's own window and origin are heeded; the height is bounded.
(function () {
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data.explainerEmbed !== "string" || typeof data.height !== "number") return;
    var frames = document.querySelectorAll("iframe[data-explainer-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) continue;
      frame.style.height = Math.max(120, Math.min(4000, data.height)) + "px";
    }
  });
})();
