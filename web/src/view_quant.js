// Quantization: a comparison's per-tensor SQNR and cosine along the reference graph (seed 002's
// similarity plots) and worst first; a sensitivity analysis per layer with the mixed-precision
// choice.
import { h, dataTable, fmt, section, badge } from "onnxbench-web/dom.js";
import { chart } from "onnxbench-web/charts.js";
import { basename, modelName } from "onnxbench-web/records.js";

export function quantList(ctx) {
  const rows = [...(ctx.byKind.compare ?? []), ...(ctx.byKind.sensitivity ?? [])];
  return [section("Quantization", rows.length ? dataTable({
    name: "quant", rows, sortKey: "model",
    onRow: (r) => (location.hash = `#/quant/${r.id}`),
    columns: [
      { key: "kind", label: "record", value: (r) => (r.kind === "compare" ? "tensor comparison" : "layer sensitivity") },
      { key: "model", label: "model", value: (r) => r.reference ? modelName(r.reference) : r.model ? modelName(r.model) : basename(r.source) },
      { key: "cand", label: "candidate", value: (r) => r.candidate ? modelName(r.candidate) : "" },
      { key: "n", label: "tensors / layers", numeric: true, value: (r) => (r.tensors ?? r.layers).length },
      { key: "source", label: "file", value: (r) => basename(r.source) },
    ],
  }) : h("p", { class: "muted" }, "No records: run onnxbench compare REF CAND --json FILE or quantize --analyze --analyze-json FILE."))];
}

export function quantPage(ctx, id) {
  const r = ctx.records[id];
  if (r?.kind === "compare") return comparePage(r);
  if (r?.kind === "sensitivity") return sensitivityPage(r);
  return [section("Not found", h("p", {}, `No comparison or sensitivity record ${id}.`))];
}

// null SQNR means identical tensors (infinite SQNR): drawn at the top of the axis.
const sqnr = (t) => t.sqnr_db;

function comparePage(r) {
  const along = r.tensors.filter((t) => t.graph_index >= 0).sort((a, b) => a.graph_index - b.graph_index);
  const title = `${basename(r.reference?.path ?? "reference")} → ${basename(r.candidate?.path ?? "candidate")}`;
  return [
    section(`Tensor comparison: ${title}`,
      h("p", { class: "muted" }, `${r.tensors.length} tensors compared over ${r.samples} sample(s)`,
        r.inputs ? ` (${r.inputs})` : "", r.unmatched ? `; ${r.unmatched} reference tensors have no counterpart in the candidate` : ""),
      chart("similarity", {
        title: { text: "Along the graph", left: "center", textStyle: { fontSize: 14 } },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0 },
        grid: { left: 64, right: 72, top: 48, bottom: 72 },
        xAxis: { type: "category", data: along.map((t) => t.tensor), axisLabel: { show: along.length <= 40, rotate: 30, width: 120, overflow: "truncate" } },
        yAxis: [{ type: "value", name: "SQNR dB" }, { type: "value", name: "cosine", max: 1, scale: true }],
        series: [
          { name: "SQNR dB", type: "line", data: along.map((t) => sqnr(t)), connectNulls: false },
          { name: "cosine", type: "line", yAxisIndex: 1, data: along.map((t) => t.cosine) },
        ],
      }, { height: 360 }),
      dataTable({ name: "tensors", rows: r.tensors, sortKey: "sqnr", columns: [
        { key: "tensor", label: "tensor", value: (t) => t.tensor },
        { key: "op", label: "op", value: (t) => t.op_type },
        { key: "sqnr", label: "SQNR dB", numeric: true, value: (t) => t.sqnr_db ?? Infinity },
        { key: "cos", label: "cosine", numeric: true, value: (t) => t.cosine, cell: (t) => fmt(t.cosine, 6) },
        { key: "mse", label: "MSE", numeric: true, value: (t) => t.mse },
        { key: "max", label: "max abs err", numeric: true, value: (t) => t.max_abs_error },
        { key: "top1", label: "top-1 agree", numeric: true, value: (t) => (t.top1_agreement === undefined ? "" : 100 * t.top1_agreement) },
        { key: "out", label: "", value: (t) => (t.is_output ? "output" : ""), cell: (t) => (t.is_output ? badge("output") : "") },
      ] })),
  ];
}

function sensitivityPage(r) {
  const layers = r.layers; // most sensitive first, as the analysis ordered them
  const kept = new Set(r.kept_float);
  const target = { symbol: "none", silent: true, lineStyle: { type: "dashed", color: "#c2413b" },
    label: { formatter: `target ${fmt(r.target_sqnr_db)} dB`, position: "insideEndTop" }, data: [{ yAxis: r.target_sqnr_db }] };
  return [section(`Layer sensitivity: ${modelName(r.model)}`,
    h("p", {}, `All layers quantized: ${fmt(r.all_quantized_db)} dB output SQNR. `,
      r.kept_float.length
        ? `Mixed precision keeps ${r.kept_float.length} layer(s) in float for ${fmt(r.mixed_db)} dB`
        : "Every layer quantized already reaches the target",
      r.target_reached ? "." : badge("target not reached", "warn")),
    h("p", { class: "muted" }, `target ${fmt(r.target_sqnr_db)} dB · measured on ${r.samples ?? "?"} · engine ${r.engine?.name ?? "?"}`),
    chart("sensitivity", {
      title: { text: "Output SQNR, most sensitive layer first", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 64, right: 32, top: 48, bottom: 96 },
      xAxis: { type: "category", data: layers.map((l) => l.node), axisLabel: { rotate: 30, width: 120, overflow: "truncate" } },
      yAxis: { type: "value", name: "dB" },
      series: [
        { name: "only this layer quantized", type: "bar", markLine: target,
          data: layers.map((l) => ({ value: l.only_this_db, itemStyle: kept.has(l.node) ? { color: "#c2413b" } : undefined })) },
        { name: "all but this layer quantized", type: "bar", data: layers.map((l) => l.all_but_this_db) },
      ],
    }, { height: 360 }),
    dataTable({ name: "sensitivity-table", rows: layers, columns: [
      { key: "node", label: "layer", value: (l) => l.node },
      { key: "op", label: "op", value: (l) => l.op_type },
      { key: "only", label: "only this quantized dB", numeric: true, value: (l) => l.only_this_db },
      { key: "allbut", label: "all but this dB", numeric: true, value: (l) => l.all_but_this_db },
      { key: "kept", label: "mixed choice", value: (l) => (kept.has(l.node) ? "float" : "int8"), cell: (l) => (kept.has(l.node) ? badge("kept float", "warn") : "int8") },
    ] }))];
}
