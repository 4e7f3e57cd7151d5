// Debian's chromium driven by playwright-core, headless, with every request that is not the
// page's own refused (and counted), and every console error and page error collected.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "onnxbench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// A new page that may only load `own(url)` URLs. Returns the page and what it tried and said.
export async function guardedPage(context, own) {
  const page = await context.newPage();
  const seen = { blocked: [], errors: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (own(url) || url.startsWith("data:")) return route.continue();
    seen.blocked.push(url);
    return route.abort();
  });
  page.on("console", (m) => { if (m.type() === "error") seen.errors.push(m.text()); });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  return { page, seen };
}

// Reads a chart back from its ECharts instance: the option as ECharts holds it.
export function chartOption(page, name) {
  return page.evaluate((n) => {
    const el = document.querySelector(`[data-chart="${n}"]`);
    const c = el && echarts.getInstanceByDom(el);
    if (!c) return null;
    const o = c.getOption();
    return { series: o.series.map((s) => ({ name: s.name, type: s.type, data: s.data })), xAxis: o.xAxis, yAxis: o.yAxis };
  }, name);
}

export async function waitForChart(page, name) {
  await page.waitForFunction((n) => {
    const el = document.querySelector(`[data-chart="${n}"]`);
    return el && echarts.getInstanceByDom(el);
  }, name, { timeout: 10000 });
}
