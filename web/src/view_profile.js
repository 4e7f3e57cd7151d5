// A per-layer profile: layers sorted by mean time, bars coloured by op type; the time per module
// UID (layers computing the same thing on the same shapes, merged by the profile command).
import { h, dataTable, fmt, section } from "onnxbench-web/dom.js";
import { chart, opColour } from "onnxbench-web/charts.js";
import { basename, modelName, modelKey } from "onnxbench-web/records.js";

export function profileList(ctx) {
  const rows = ctx.byKind.profile ?? [];
  return [section("Profiles", rows.length ? dataTable({
    name: "profiles", rows, sortKey: "model",
    onRow: (r) => (location.hash = `#/profile/${r.id}`),
    columns: [
      { key: "model", label: "model", value: (r) => modelName(r.model) },
      { key: "engine", label: "engine", value: (r) => r.engine?.name },
      { key: "layers", label: "layers", numeric: true, value: (r) => r.layers.length },
      { key: "total", label: "inference mean µs", numeric: true, value: (r) => r.total_us?.mean },
      { key: "source", label: "file", value: (r) => basename(r.source) },
    ],
  }) : h("p", { class: "muted" }, "No profile records: run onnxbench profile MODEL --json FILE."))];
}

// Horizontal bars, longest first, one series per op type so the legend names the colours.
function bars(name, title, items, label, value) {
  const shown = [...items].sort((a, b) => value(b) - value(a)).slice(0, 60);
  const ops = [...new Set(shown.map((l) => l.op_type))];
  const categories = shown.map(label).reverse();
  return chart(name, {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "item", formatter: (p) => `${p.name}<br>${p.seriesName}: ${fmt(p.value)} µs` },
    legend: { bottom: 0, type: "scroll" },
    grid: { left: 220, right: 40, top: 40, bottom: 48 },
    xAxis: { type: "value", name: "µs (mean)" },
    yAxis: { type: "category", data: categories, axisLabel: { width: 200, overflow: "truncate" } },
    series: ops.map((op) => ({
      name: op, type: "bar", stack: "t", itemStyle: { color: opColour(op) },
      data: [...shown].reverse().map((l) => (l.op_type === op ? value(l) : null)),
    })),
  }, { height: Math.max(260, 22 * shown.length + 100) });
}

export function profilePage(ctx, id) {
  const r = ctx.records[id];
  if (!r || r.kind !== "profile") return [section("Profile not found", h("p", {}, `No profile record ${id}.`))];
  const layers = r.layers.map((l) => ({ ...l, mean: l.time_us?.mean }));
  const modules = r.modules ?? [];
  return [
    section(`Profile: ${modelName(r.model)} on ${r.engine?.name}`,
      h("p", { class: "muted" }, `${r.layers.length} layers · whole inference mean ${fmt(r.total_us?.mean)} µs, p50 ${fmt(r.total_us?.p50)} µs · `,
        h("a", { href: `#/model/${modelKey(r)}` }, "model page")),
      bars("layers", "Time per layer (slowest first)", layers, (l) => l.name, (l) => l.mean ?? 0),
      dataTable({ name: "layer-table", rows: layers, sortKey: "mean", sortDesc: true, columns: [
        { key: "name", label: "layer", value: (l) => l.name },
        { key: "op", label: "op type", value: (l) => l.op_type, cell: (l) => h("span", { class: "op", style: `border-color:${opColour(l.op_type)}` }, l.op_type) },
        { key: "mean", label: "mean µs", numeric: true, value: (l) => l.mean },
        { key: "p50", label: "p50 µs", numeric: true, value: (l) => l.time_us?.p50 },
        { key: "max", label: "max µs", numeric: true, value: (l) => l.time_us?.max },
        { key: "share", label: "% of layers", numeric: true, value: (l) => 100 * l.share },
        { key: "uid", label: "module UID", value: (l) => l.module_uid ?? "" },
      ] })),
    section("Time per module UID", modules.length
      ? [bars("modules", "Per inference, summed over the module's layers", modules, (m) => m.uid, (m) => m.total_mean_us),
        dataTable({ name: "module-table", rows: modules, sortKey: "total", sortDesc: true, columns: [
          { key: "uid", label: "module UID", value: (m) => m.uid, cell: (m) => h("code", {}, m.uid) },
          { key: "layers", label: "layers", numeric: true, value: (m) => m.layers },
          { key: "mean", label: "mean µs / layer", numeric: true, value: (m) => m.mean_us },
          { key: "total", label: "µs / inference", numeric: true, value: (m) => m.total_mean_us },
        ] })]
      : h("p", { class: "muted" }, "This record has no module UIDs (written by an older onnxbench).")),
  ];
}
