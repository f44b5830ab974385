// Coverage chart: covered vs missing bodies, from the JSON the page embeds (no inline script).
(function () {
  "use strict";
  var holder = document.getElementById("coverage-chart");
  var source = document.getElementById("coverage-data");
  if (!holder || !source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = window.echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: ["Đã có chương trình", "Chưa có"], bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: "category", data: data.categories },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "Đã có chương trình", type: "bar", stack: "total", data: data.covered, itemStyle: { color: "#198754" } },
      { name: "Chưa có", type: "bar", stack: "total", data: data.missing, itemStyle: { color: "#f0ad4e" } }
    ],
    animation: false
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
