// The embeddable issue card tells the page that frames it how tall it is, so that
// assets/embed-host.js (optional, on that page) can fit the frame; nothing else.
(function () {
  if (window.parent === window) return;
  var last = 0;
  function tell() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ explainerEmbed: location.href, height: height }, "*");
  }
  window.addEventListener("load", tell);
  window.addEventListener("resize", tell);
  if (window.ResizeObserver) new ResizeObserver(tell).observe(document.body);
  tell();
})();
