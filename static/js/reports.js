// Completeness grid: the chart of on-time, late and missing reports per period, drawn from the
// JSON the page embeds (no inline script; the table below stays the accessible source), and
// the print button.
(function () {
  "use strict";
  var colours = { on_time: "#198754", late: "#f0ad4e", missing: "#dc3545", pending: "#0dcaf0" };
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var holder = document.getElementById("grid-chart");
  var source = document.getElementById("grid-chart-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: data.series.map(function (s) { return s.name; }), bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56, containLabel: true },
    xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, width: 120, overflow: "break" } },
    yAxis: { type: "value", minInterval: 1 },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", stack: "total", data: s.data, itemStyle: { color: colours[s.key] } };
    }),
    animation: false
  });
  holder.dataset.ready = "true";
  window.addEventListener("resize", function () { chart.resize(); });
  window.addEventListener("beforeprint", function () { chart.resize(); });
})();
