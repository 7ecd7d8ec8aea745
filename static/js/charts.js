// Draw Chart.js charts from configurations the server put in <script type="application/json">
// (Django's json_script): <canvas data-chart="id-of-the-json-script"></canvas>. No inline JS.
(function () {
  "use strict";
  // A series names a colour role ("color": "brand"); the colour itself is the CSS custom
  // property --simitra-chart-<role> (static/css/simitra.css). It paints the series' fill
  // (backgroundColor) unless the series lists the Chart.js properties in "colorOn".
  function paint(config) {
    var style = window.getComputedStyle(document.documentElement);
    ((config.data || {}).datasets || []).forEach(function (series) {
      if (!series.color) { return; }
      var colour = style.getPropertyValue("--simitra-chart-" + series.color).trim();
      (series.colorOn || ["backgroundColor"]).forEach(function (property) {
        series[property] = colour;
      });
      delete series.color;
      delete series.colorOn;
    });
    return config;
  }
  function draw(root) {
    if (typeof window.Chart === "undefined") { return; }
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var config = paint(JSON.parse(source.textContent));
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
