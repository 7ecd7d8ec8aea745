// Simitra's small client-side helpers. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // Bars: width from data-fraction="3/7" or data-percent="42" (inline styles are not allowed).
  function sizeBars(root) {
    root.querySelectorAll("[data-fraction], [data-percent]").forEach(function (el) {
      var percent;
      if (el.dataset.percent !== undefined) {
        percent = parseFloat(el.dataset.percent);
      } else {
        var parts = el.dataset.fraction.split("/");
        percent = (parseFloat(parts[0]) / parseFloat(parts[1])) * 100;
      }
      if (!isNaN(percent)) {
        el.style.width = Math.max(0, Math.min(100, percent)) + "%";
      }
    });
  }

  // Forms and buttons with data-confirm ask before doing something destructive.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.dataset ? form.dataset.confirm : null;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  document.addEventListener("htmx:afterSwap", function (event) { sizeBars(event.target); });
  window.Simitra = { sizeBars: sizeBars };
})();
