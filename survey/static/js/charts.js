/* Render the results charts: each <div class="chart" data-figure="{plotly JSON}"> becomes a
   plotly chart. No inline script (CSP); the data tables next to the charts carry the same
   numbers, so a page without JavaScript loses nothing. */
(function () {
  "use strict";

  function render(element) {
    var figure;
    try {
      figure = JSON.parse(element.getAttribute("data-figure"));
    } catch (error) {
      return;
    }
    var config = {
      displayModeBar: false,
      responsive: true,
      scrollZoom: false,
      doubleClick: false,
      showTips: false,
      // never fetch map data from plotly's CDN (the basic bundle draws no maps anyway)
      topojsonURL: "/static/vendor/topojson/"
    };
    window.Plotly.newPlot(element, figure.data || [], figure.layout || {}, config).then(function () {
      element.classList.add("chart--ready");
    });
  }

  function start() {
    if (!window.Plotly) {
      return;
    }
    var charts = document.querySelectorAll(".chart[data-figure]");
    for (var i = 0; i < charts.length; i += 1) {
      render(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
