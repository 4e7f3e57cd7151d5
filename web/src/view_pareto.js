// Accuracy (or, without accuracy records, throughput) against latency: one point per bench run,
// latency on a log axis, the Pareto front drawn and dominated points faded, filters for engine,
// precision and device; clicking a point opens its model page.
import { h, fmt, section } from "onnxbench-web/dom.js";
import { chart, disposeCharts, palette } from "onnxbench-web/charts.js";
import { tradeoffPoints, modelKey } from "onnxbench-web/records.js";
import { paretoFront } from "onnxbench-web/pareto.js";

export function paretoPage(ctx) {
  const state = { percentile: "p50", off: { engine: new Set(), precision: new Set(), device: new Set() } };
  const holder = h("div");
  const all = tradeoffPoints(ctx.byKind, state.percentile);
  if (!all.points.length)
    return [section("Accuracy against latency", h("p", { class: "muted" }, "No bench records to plot."))];

  const filters = h("div", { class: "filters" });
  const facet = (key, label) => {
    const values = [...new Set(all.points.map((p) => p[key]))].sort();
    return h("fieldset", {}, h("legend", {}, label), ...values.map((v) => h("label", {},
      h("input", { type: "checkbox", checked: true, dataset: { facet: key, value: v },
        onchange: (e) => { e.target.checked ? state.off[key].delete(v) : state.off[key].add(v); draw(); } }), ` ${v || "(none)"}`)));
  };
  const pick = h("select", { onchange: (e) => { state.percentile = e.target.value; draw(); } },
    ...["p50", "p90", "p99", "mean"].map((p) => h("option", { value: p }, `latency ${p}`)));
  filters.append(facet("engine", "engine"), facet("precision", "precision"), facet("device", "device"), h("fieldset", {}, h("legend", {}, "x axis"), pick));

  function draw() {
    disposeCharts();
    const { points, yName, useAccuracy } = tradeoffPoints(ctx.byKind, state.percentile);
    const shown = points.filter((p) => !["engine", "precision", "device"].some((k) => state.off[k].has(p[k])));
    const front = new Set(paretoFront(shown));
    const engines = [...new Set(shown.map((p) => p.engine))];
    const point = (p, i) => ({
      value: [p.x, p.y], sha: modelKey(p.record), onFront: front.has(i),
      name: `${p.model} · ${p.engine} · ${p.precision}`,
      itemStyle: { opacity: front.has(i) ? 1 : 0.25 },
    });
    const series = engines.map((e, k) => ({
      name: e, type: "scatter", symbolSize: 12, itemStyle: { color: palette[k % palette.length] },
      data: shown.map((p, i) => [p, i]).filter(([p]) => p.engine === e).map(([p, i]) => point(p, i)),
    }));
    const frontPoints = shown.map((p, i) => [p, i]).filter(([, i]) => front.has(i)).sort(([a], [b]) => a.x - b.x);
    series.push({ name: "Pareto front", type: "line", step: "end", symbol: "none", lineStyle: { color: "#222", width: 1.5, type: "dashed" },
      data: frontPoints.map(([p]) => [p.x, p.y]), silent: true, z: 1 });
    const el = chart("pareto", {
      title: { text: `${useAccuracy ? "Accuracy" : "Throughput"} against latency (${state.percentile})`, left: "center", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "item", formatter: (p) => p.seriesName === "Pareto front" ? "" :
        `${p.data.name}<br>${state.percentile} ${fmt(p.value[0])} ms · ${fmt(p.value[1])}${p.data.onFront ? "<br><b>on the Pareto front</b>" : ""}` },
      legend: { bottom: 0 },
      xAxis: { type: "log", name: `latency ${state.percentile} (ms, log)`, nameLocation: "middle", nameGap: 30 },
      yAxis: { type: "value", name: yName, scale: true },
      series,
    }, { height: 440 });
    queueMicrotask(() => echarts.getInstanceByDom(el)?.on("click", (p) => {
      if (p.data?.sha) location.hash = `#/model/${p.data.sha}`;
    }));
    holder.replaceChildren(el, h("p", { class: "muted" },
      `${shown.length} of ${points.length} runs shown; ${front.size} on the front (no other run is both faster and ${useAccuracy ? "more accurate" : "higher in throughput"}). `,
      useAccuracy ? "" : "No accuracy records were given (onnxbench eval … --json): throughput stands in for accuracy."));
  }
  queueMicrotask(draw);
  return [section("Accuracy against latency", filters, holder)];
}
