// Tuner searches: every trial as a point (throughput against a latency percentile), the winner
// (the trial whose config the LUT holds) marked; the LUT itself.
import { h, dataTable, fmt, section, badge } from "onnxbench-web/dom.js";
import { chart } from "onnxbench-web/charts.js";

// Configs compared by value, whatever the key order.
const canonical = (c) => JSON.stringify(Object.keys(c ?? {}).sort().map((k) => [k, c[k]]));
const configText = (c) => Object.entries(c ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");

export function tunerList(ctx) {
  const searches = ctx.byKind.tune ?? [];
  const luts = ctx.byKind.lut ?? [];
  return [
    section("Tuner searches", searches.length ? dataTable({
      name: "searches", rows: searches, sortKey: "name",
      onRow: (r) => (location.hash = `#/tuner/${r.id}`),
      columns: [
        { key: "name", label: "search", value: (r) => r.name },
        { key: "n", label: "trials", numeric: true, value: (r) => r.trials.length },
        { key: "ok", label: "ok", numeric: true, value: (r) => r.trials.filter((t) => t.status === "ok").length },
      ],
    }) : h("p", { class: "muted" }, "No trials files: run onnxbench tune … --trials FILE.jsonl.")),
    ...luts.map(lutSection),
  ];
}

function lutSection(lut) {
  return section(`LUT ${lut.source}`, dataTable({ name: "lut", rows: lut.rows, sortKey: "model", columns: [
    { key: "model", label: "model", value: (r) => r.model },
    { key: "engine", label: "engine", value: (r) => r.engine },
    { key: "objective", label: "objective", value: (r) => r.objective },
    { key: "tput", label: "inf/s", numeric: true, value: (r) => r.throughput },
    { key: "p50", label: "p50 ms", numeric: true, value: (r) => r.latency_p50_ms },
    { key: "p99", label: "p99 ms", numeric: true, value: (r) => r.latency_p99_ms },
    { key: "config", label: "config", value: (r) => configText(r.config) },
  ] }));
}

export function tunerPage(ctx, id) {
  const r = ctx.records[id];
  if (!r || r.kind !== "tune") return [section("Not found", h("p", {}, `No tuner record ${id}.`))];
  const winners = new Set((ctx.byKind.lut ?? []).flatMap((l) => l.rows).map((row) => canonical(row.config)));
  const isWinner = (t) => winners.has(canonical(t.config));
  const ok = r.trials.filter((t) => t.status === "ok");
  const phases = [...new Set(ok.map((t) => t.phase))];
  const series = phases.map((ph) => ({
    name: ph, type: "scatter", symbolSize: 9,
    data: ok.filter((t) => t.phase === ph && !isWinner(t)).map((t) => ({ value: [t.latency_ms?.p99, t.throughput], name: `#${t.index} ${configText(t.config)}` })),
  }));
  series.push({ name: "winner (LUT)", type: "scatter", symbol: "diamond", symbolSize: 18, itemStyle: { color: "#c2413b", borderColor: "#000" },
    data: ok.filter(isWinner).map((t) => ({ value: [t.latency_ms?.p99, t.throughput], name: `#${t.index} ${configText(t.config)}` })) });
  return [section(`Tuner: ${r.name}`,
    h("p", { class: "muted" }, `${r.trials.length} trials, ${ok.length} ok. `,
      winners.size ? "" : "Give the LUT (tune --lut FILE.csv) to the report to mark the winner."),
    chart("trials", {
      title: { text: "Trials: throughput against p99 latency", left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item", formatter: (p) => `${p.data.name}<br>p99 ${fmt(p.value[0])} ms · ${fmt(p.value[1])} inf/s` },
      legend: { bottom: 0 },
      xAxis: { type: "value", name: "p99 latency (ms)", nameLocation: "middle", nameGap: 30, scale: true },
      yAxis: { type: "value", name: "inf/s", scale: true },
      series,
    }, { height: 400 }),
    dataTable({ name: "trials-table", rows: r.trials, sortKey: "index", columns: [
      { key: "index", label: "#", numeric: true, value: (t) => t.index },
      { key: "phase", label: "phase", value: (t) => t.phase },
      { key: "status", label: "status", value: (t) => t.status, cell: (t) => (t.status === "ok" ? "ok" : badge(t.status, "warn")) },
      { key: "config", label: "config", value: (t) => configText(t.config), cell: (t) => h("span", {}, configText(t.config), isWinner(t) ? badge("winner", "good") : "") },
      { key: "tput", label: "inf/s", numeric: true, value: (t) => t.throughput },
      { key: "p50", label: "p50 ms", numeric: true, value: (t) => t.latency_ms?.p50 },
      { key: "p99", label: "p99 ms", numeric: true, value: (t) => t.latency_ms?.p99 },
      { key: "reason", label: "reason", value: (t) => t.reason },
    ] }))];
}
