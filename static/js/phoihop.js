// Phối Hợp — small behaviours shared by every page (no inline scripts: strict CSP).
(function () {
  "use strict";
  // Ask before destructive actions: any form with data-confirm="…".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // "/" focuses the global search box, as on most office tools.
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (event.key === "/" && tag !== "input" && tag !== "textarea" && tag !== "select") {
      var box = document.getElementById("global-search");
      if (box) { event.preventDefault(); box.focus(); }
    }
  });
})();
