// Concerns: accept a suggestion into its select, and draw the statistics charts from the JSON
// the page embeds (no inline script: strict CSP).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick-select]");
    if (!button) { return; }
    var select = document.querySelector(button.getAttribute("data-pick-select"));
    if (!select) { return; }
    select.value = button.getAttribute("data-pick-value");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    button.classList.add("active");
    button.textContent = "Đã chọn";
  });

  var source = document.getElementById("concern-chart-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  function bar(id, pairs, color, horizontal) {
    var holder = document.getElementById(id);
    if (!holder) { return; }
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    var names = pairs.map(function (p) { return p[0]; });
    var values = pairs.map(function (p) { return p[1]; });
    var category = { type: "category", data: names, axisLabel: { width: 150, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    chart.setOption({
      tooltip: { trigger: "axis" },
      grid: { left: horizontal ? 160 : 40, right: horizontal ? 48 : 16, top: 16, bottom: horizontal ? 24 : 60, containLabel: false },
      xAxis: horizontal ? value : Object.assign(category, { axisLabel: { rotate: 30, width: 90, overflow: "truncate" } }),
      yAxis: horizontal ? Object.assign(category, { inverse: true }) : value,
      // Each bar carries its figure: a state with 1 concern beside one with 361 stays readable.
      series: [{
        type: "bar", data: values, itemStyle: { color: color },
        label: { show: true, position: horizontal ? "right" : "top" }
      }],
      animation: false
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  bar("chart-categories", data.categories, "#b02a37", true);
  bar("chart-states", data.states, "#0d6efd", true);
  bar("chart-communes", data.communes, "#198754", true);
  bar("chart-ages", data.ages, "#f0ad4e", false);
})();
