// Copies the browser files we serve from the installed npm packages into static/vendor/.
// static/vendor/ is ignored by git: it is rebuilt from package-lock.json on every setup.
import { cpSync, mkdirSync, rmSync } from "node:fs";

const files = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
  "bootstrap-icons/font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
  "bootstrap-icons/font/fonts": "bootstrap-icons/fonts",
  "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
};

rmSync("static/vendor", { recursive: true, force: true });
for (const [from, to] of Object.entries(files)) {
  mkdirSync(`static/vendor/${to}`.replace(/\/[^/]+$/, ""), { recursive: true });
  cpSync(`node_modules/${from}`, `static/vendor/${to}`, { recursive: true });
}
console.log("static/vendor ready");
