// ECharts (the global the inlined or served echarts.min.js defines) with the page's look. Each
// chart's element carries data-chart=NAME; the browser tests read the chart back by it.
import { h } from "onnxbench-web/dom.js";

export const palette = ["#3b6fd8", "#e0792b", "#2a9d6f", "#c2413b", "#7b5cc4", "#b08a2e",
  "#d35fa4", "#4c9fb8", "#6b7a8f", "#8fb03e"];

const live = new Set();
window.addEventListener("resize", () => live.forEach((c) => c.resize()));

// Drops the charts of the view being left.
export function disposeCharts() {
  live.forEach((c) => c.dispose());
  live.clear();
}

export function chart(name, option, { height = 340 } = {}) {
  const el = h("div", { class: "chart", dataset: { chart: name }, style: `height:${height}px` });
  // Drawn once the element is in the page, so ECharts sees its size.
  queueMicrotask(() => {
    const c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption({
      color: palette,
      animation: false,
      textStyle: { fontFamily: "system-ui, sans-serif" },
      grid: { left: 64, right: 32, top: 48, bottom: 76, containLabel: false },
      ...option,
    });
    live.add(c);
  });
  return el;
}

// The same colour for an op type everywhere in the page.
const opColours = new Map();
export function opColour(op) {
  if (!opColours.has(op)) opColours.set(op, palette[opColours.size % palette.length]);
  return opColours.get(op);
}
