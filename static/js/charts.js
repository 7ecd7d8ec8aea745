// Draw Chart.js charts from configurations the server put in <script type="application/json">
// (Django's json_script): <canvas data-chart="id-of-the-json-script"></canvas>. No inline JS.
(function () {
  "use strict";
  function draw(root) {
    if (typeof window.Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var config = JSON.parse(source.textContent);
      config.options = config.options || {};
      config.options.responsive = true;
      config.options.maintainAspectRatio = false;
      // Ticks and tooltips in the page's language (2,5 and 1.250 in Indonesian), not the browser's.
      config.options.locale = config.options.locale || document.documentElement.lang || "id";
      new window.Chart(canvas, config);
      canvas.dataset.drawn = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
