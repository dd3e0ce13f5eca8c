// Draws the dashboard's bar charts from the JSON data beside each canvas. The table under each
// chart holds the same numbers, for screen readers and for copying.
(function () {
  "use strict";

  // Counts and percentages are whole numbers on the axis: no "1.5 referrals" between 1 and 2.
  function draw(canvas, data) {
    var percent = data.unit === "percent";
    // eslint-disable-next-line no-undef
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: data.title, data: data.values, backgroundColor: "#0172ad" }],
      },
      options: {
        indexAxis: data.labels.length > 6 ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: {
            beginAtZero: true,
            max: percent && data.labels.length > 6 ? 100 : undefined,
            ticks: { precision: 0 },
          },
          y: {
            beginAtZero: true,
            max: percent && data.labels.length <= 6 ? 100 : undefined,
            ticks: { precision: 0 },
          },
        },
      },
    });
    canvas.setAttribute("data-drawn", "true");
  }

  function drawAll() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[id^='chart-']").forEach(function (canvas) {
      var source = document.getElementById(canvas.id.slice("chart-".length));
      if (source) draw(canvas, JSON.parse(source.textContent));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
