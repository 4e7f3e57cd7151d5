// The overview (every model, one row each) and a model's page: its bench results across engines,
// precisions and configs, the latency histogram and CDF of the run chosen, warm-up apart, unsteady
// runs flagged, and the exact command that reproduces the run.
import { h, dataTable, fmt, section, badge } from "onnxbench-web/dom.js";
import { chart } from "onnxbench-web/charts.js";
import { benchLabel, precisionLabel, configLabel, basename } from "onnxbench-web/records.js";

const kindNames = { bench: "bench runs", profile: "profiles", compare: "comparisons",
  sensitivity: "sensitivity analyses", accuracy: "accuracy records", tune: "tuner searches", lut: "LUTs" };

export function overview(ctx) {
  const cards = h("div", { class: "cards" },
    ...Object.entries(kindNames).map(([k, label]) =>
      h("div", { class: "stat" }, h("div", { class: "stat-n" }, String(ctx.byKind[k]?.length ?? 0)), h("div", { class: "muted" }, label))));
  const rows = [...ctx.models.values()];
  const bench = (m) => m.records.filter((r) => r.kind === "bench");
  // null (shown "–") for a model without bench runs, not Math.min()'s Infinity.
  const best = (m, f) => {
    const values = bench(m).map(f).filter(Number.isFinite);
    return values.length ? Math.min(...values) : null;
  };
  const negated = (v) => (v === null ? null : -v);
  const table = dataTable({
    name: "models",
    rows,
    sortKey: "name",
    onRow: (m) => (location.hash = `#/model/${m.sha256}`),
    columns: [
      { key: "name", label: "model", value: (m) => m.name },
      { key: "sha", label: "sha256", value: (m) => m.sha256.slice(0, 12), cell: (m) => h("code", {}, m.sha256.slice(0, 12)) },
      { key: "runs", label: "bench runs", numeric: true, value: (m) => bench(m).length },
      { key: "engines", label: "engines", value: (m) => [...new Set(bench(m).map((r) => r.engine?.name))].join(", ") },
      { key: "p50", label: "best p50 ms", numeric: true, value: (m) => best(m, (r) => r.measure.latency_ms?.p50) },
      { key: "tput", label: "best inf/s", numeric: true, value: (m) => negated(best(m, (r) => -r.throughput_per_s)) },
      { key: "unsteady", label: "unsteady", numeric: true, value: (m) => bench(m).filter((r) => r.unsteady).length },
      { key: "other", label: "other records", value: (m) => m.records.filter((r) => r.kind !== "bench").map((r) => r.kind).join(", ") },
    ],
  });
  return [section("Records", cards), section("Models", table)];
}

const percentiles = [["p50", "p50"], ["p90", "p90"], ["p99", "p99"], ["p99.9", "p99.9"]];

export function modelPage(ctx, sha) {
  const m = ctx.models.get(sha);
  if (!m) return [section("Model not found", h("p", {}, `No record names a model with sha256 ${sha}.`))];
  const runs = m.records.filter((r) => r.kind === "bench");
  const others = m.records.filter((r) => r.kind !== "bench");
  const detail = h("div");
  const show = (r) => detail.replaceChildren(...runDetail(r));
  const table = dataTable({
    name: "runs",
    rows: runs,
    sortKey: "p50",
    onRow: (r, tr) => {
      tr.parentElement.querySelectorAll("tr.selected").forEach((x) => x.classList.remove("selected"));
      tr.classList.add("selected");
      show(r);
    },
    columns: [
      { key: "engine", label: "engine", value: (r) => r.engine?.name },
      { key: "precision", label: "precision", value: (r) => precisionLabel(r) },
      { key: "config", label: "config", value: (r) => configLabel(r) },
      { key: "tput", label: "inf/s", numeric: true, value: (r) => r.throughput_per_s },
      { key: "mean", label: "mean ms", numeric: true, value: (r) => r.measure.latency_ms?.mean },
      ...percentiles.map(([k, label]) => ({ key: k, label: `${label} ms`, numeric: true, value: (r) => r.measure.latency_ms?.[k] })),
      { key: "cv", label: "cv", numeric: true, value: (r) => r.measure.latency_ms?.cv },
      { key: "steady", label: "", value: (r) => (r.unsteady ? "unsteady" : ""), cell: (r) => (r.unsteady ? badge("unsteady", "warn") : "") },
    ],
  });
  const compare = runs.length > 1 && chart("runs-latency", {
    title: { text: "Latency by run", left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 64, right: 32, top: 48, bottom: 96 },
    xAxis: { type: "category", data: runs.map(shortLabel), axisLabel: { interval: 0, width: 180, overflow: "truncate", rotate: runs.length > 5 ? 20 : 0 } },
    yAxis: { type: "value", name: "ms" },
    series: percentiles.slice(0, 3).map(([k, label]) => ({ name: label, type: "bar", data: runs.map((r) => r.measure.latency_ms?.[k] ?? null) })),
  }, { height: 320 });
  if (runs.length) show([...runs].sort((a, b) => (a.measure.latency_ms?.p50 ?? 0) - (b.measure.latency_ms?.p50 ?? 0))[0]);
  return [
    section(m.name, h("p", { class: "muted" }, m.path, " · sha256 ", h("code", {}, m.sha256)),
      others.length ? h("p", {}, "Also: ", ...others.map((r) => h("a", { class: "pill", href: linkOf(r) }, `${r.kind} · ${basename(r.source)}${r.random_calibration ? " · random calibration data" : ""}`))) : null),
    runs.length ? section("Bench runs", table, compare || null) : null,
    detail,
  ];
}

function shortLabel(r) {
  const c = r.config ?? {};
  return `${r.engine?.name ?? "?"} ${precisionLabel(r)} ×${c.instances ?? 1} b${c.batch ?? 1} s${c.set_size ?? 1}`;
}

export function linkOf(r) {
  return { profile: `#/profile/${r.id}`, compare: `#/quant/${r.id}`, sensitivity: `#/quant/${r.id}`,
    tune: `#/tuner/${r.id}`, lut: `#/tuner`, accuracy: `#/pareto`, bench: `#/model/${r.model?.sha256}` }[r.kind];
}

function runDetail(r) {
  const s = r.measure.latency_ms ?? {};
  const w = r.warmup?.latency_ms ?? {};
  const dist = r.measure.distribution_ms;
  const marks = percentiles.filter(([k]) => Number.isFinite(s[k])).map(([k, label]) => ({ name: label, xAxis: s[k], label: { formatter: label } }));
  const markLine = { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#555" }, label: { position: "end" }, data: marks };
  const charts = [];
  if (dist?.histogram?.counts?.length) {
    const { first_edge: lo, bin_width: width, counts } = dist.histogram;
    charts.push(chart("histogram", {
      title: { text: "Latency histogram (measured requests)", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", name: "ms", nameLocation: "middle", nameGap: 28, scale: true },
      yAxis: { type: "value", name: "requests" },
      series: [{ name: "requests", type: "bar", barWidth: "96%", data: counts.map((c, i) => [lo + (i + 0.5) * width, c]), markLine }],
    }));
    charts.push(chart("cdf", {
      title: { text: "Latency CDF", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", name: "ms", nameLocation: "middle", nameGap: 28, scale: true },
      yAxis: { type: "value", name: "% of requests", max: 100 },
      series: [{ name: "CDF", type: "line", step: "end", showSymbol: false, data: dist.cdf.value.map((v, i) => [v, dist.cdf.percent[i]]), markLine }],
    }));
  } else {
    charts.push(h("p", { class: "muted" }, "This record has no latency distribution (records from older versions carry only the percentiles below)."));
  }
  const phase = (name, p, st) => h("tr", {}, h("td", {}, name), h("td", { class: "num" }, fmt(p?.requests)),
    ...["mean", "min", "p50", "p90", "p99", "max"].map((k) => h("td", { class: "num" }, fmt(st[k]))));
  return [section(`Run: ${benchLabel(r)}`,
    r.unsteady ? h("p", { class: "warn-box" }, `Unsteady: the coefficient of variation is ${fmt(s.cv)} (above 0.1); re-run on a quieter machine or for longer before trusting the percentiles.`) : null,
    h("div", { class: "grid2" }, ...charts),
    h("table", { class: "data compact", dataset: { table: "phases" } },
      h("thead", {}, h("tr", {}, ...["phase", "requests", "mean ms", "min", "p50", "p90", "p99", "max"].map((t) => h("th", {}, t)))),
      h("tbody", {}, phase("warm-up (discarded)", r.warmup, w), phase("measured", r.measure, s))),
    h("p", { class: "muted" }, `${fmt(r.throughput_per_s)} inferences/s · load ${fmt(r.load_ms)} ms · ${r.engine?.name} ${r.engine?.version ?? ""} · ${r.host?.cpu ?? ""} (${r.host?.logical_cores ?? "?"} cores) · ${r.timestamp_utc ?? ""}`),
    h("div", { class: "repro" }, h("span", { class: "muted" }, "reproduce"),
      h("pre", { dataset: { reproduce: "" } }, r.reproduce ?? "(not in this record: written by an older onnxbench)")))];
}
