// The page: records in, one view at a time (chosen by the URL's #fragment), each drawn only when
// opened, so a page with thousands of records opens at once.
import { h } from "onnxbench-web/dom.js";
import { disposeCharts } from "onnxbench-web/charts.js";
import { indexRecords, models } from "onnxbench-web/records.js";
import { overview, modelPage } from "onnxbench-web/view_models.js";
import { profileList, profilePage } from "onnxbench-web/view_profile.js";
import { quantList, quantPage } from "onnxbench-web/view_quant.js";
import { paretoPage } from "onnxbench-web/view_pareto.js";
import { tunerList, tunerPage } from "onnxbench-web/view_tuner.js";
import { fleetPage, storeRecords } from "onnxbench-web/view_fleet.js";

const routes = [
  { path: "", label: "Models", list: overview },
  { path: "model", page: modelPage },
  { path: "pareto", label: "Accuracy vs latency", list: paretoPage },
  { path: "profile", label: "Profiles", list: profileList, page: profilePage },
  { path: "quant", label: "Quantization", list: quantList, page: quantPage },
  { path: "tuner", label: "Tuner", list: tunerList, page: tunerPage },
];

const fleetRoute = { path: "fleet", label: "Fleet", list: fleetPage };

// The report carries its records; the dashboard reads them from its server's store.
export async function start(data) {
  const dashboard = data.mode === "dashboard";
  if (dashboard) routes.unshift(fleetRoute);
  const records = dashboard ? await storeRecords() : data.records ?? [];
  const byKind = indexRecords(records);
  const ctx = { records, byKind, models: models(byKind) };
  document.getElementById("stamp").textContent =
    `${records.length} records${data.generated_utc ? " · written " + data.generated_utc : ""}`;
  const nav = document.getElementById("nav");
  nav.replaceChildren(...routes.filter((r) => r.label).map((r) => h("a", { href: `#/${r.path}`, dataset: { route: r.path } }, r.label)));
  const show = () => {
    const [, path = dashboard ? "fleet" : "", arg] = location.hash.split("/");
    const route = routes.find((r) => r.path === path) ?? routes.find((r) => r.path === (dashboard ? "fleet" : ""));
    nav.querySelectorAll("a").forEach((a) => a.classList.toggle("active", a.dataset.route === (route.path === "model" ? "" : route.path)));
    disposeCharts();
    const view = document.getElementById("view");
    const parts = arg !== undefined && route.page ? route.page(ctx, decodeURIComponent(arg)) : (route.list ?? overview)(ctx);
    view.replaceChildren(...parts.filter(Boolean));
    view.dataset.view = route.path || "models";
    window.scrollTo(0, 0);
  };
  window.addEventListener("hashchange", show);
  show();
  document.body.dataset.ready = "true";
}
