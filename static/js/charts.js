// The dashboards' charts: each <canvas data-chart="id"> draws the JSON of <script id="id">
// (dashboards/views.py: one series a currency, so nothing is summed across currencies).
(function () {
  "use strict";
  const COLOURS = ["#0d6efd", "#198754", "#dc3545", "#6f42c1", "#fd7e14", "#20c997"];

  function draw(canvas) {
    const spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    const percent = (v) => `${(v * 100).toFixed(0)}%`;
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => ({
          label: d.label, data: d.data, borderColor: COLOURS[i % COLOURS.length],
          backgroundColor: COLOURS[i % COLOURS.length] + (spec.type === "bar" ? "cc" : "33"),
          tension: 0, spanGaps: true,
        })),
      },
      options: {
        maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: spec.datasets.length > 1 } },
        scales: { y: { beginAtZero: true, ticks: spec.percent ? { callback: percent } : {} } },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (typeof Chart === "undefined") return;  // the tables below carry the same figures
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
