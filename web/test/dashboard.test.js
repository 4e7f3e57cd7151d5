// onnxbench serve in a real browser: the fleet status table of a real SQLite store updates
// without a reload when the store changes through the API, and the page's own writes without the
// token are refused. The server is started on a free port and stopped (SIGTERM) at the end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser, guardedPage } from "./browser.js";

const here = dirname(fileURLToPath(import.meta.url));
const ob = process.env.ONNXBENCH ?? join(here, "../../build/onnxbench");
const token = "dashboard-test-token-0123456789";
let dir, server, base, browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "onnxbench-serve-"));
  writeFileSync(join(dir, "token"), token + "\n");
  server = spawn(ob, ["serve", "--store", join(dir, "store.db"), "--port", "0", "--token-file", join(dir, "token")],
    { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const write = (path, body, auth = `Bearer ${token}`) =>
  fetch(base + path, { method: "POST", headers: { Authorization: auth, "Content-Type": "application/json" }, body: JSON.stringify(body) });

test("the status table follows the store without a reload; writes without the token are refused", async () => {
  const submitted = await write("/api/submit", {
    model: { sha256: "beef".repeat(16), name: "resnet18.onnx", pipeline: "demo" },
    tasks: [{ stage: "convert", priority: 20 }, { stage: "bench", priority: 30, needs: ["convert"] }],
  });
  assert.equal(submitted.status, 201);
  const { page, seen } = await guardedPage(browser.context, (u) => u.startsWith(base + "/"));
  await page.goto(base + "/");
  await page.waitForSelector('[data-table="tasks"] tbody tr');
  const rows = () => page.$$eval('[data-table="tasks"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  let table = await rows();
  assert.equal(table.length, 2);
  assert.ok(table.every((r) => r[0] === "resnet18.onnx" && r[2] === "queued"));

  // Filter and sort are the user's; a poll keeps them.
  await page.fill('[data-table="tasks"] input.filter', "bench");
  assert.equal((await rows()).length, 1);
  await page.fill('[data-table="tasks"] input.filter', "");

  // The page's own write without the token: refused, as JSON.
  const refused = await page.evaluate(async (sha) => {
    const r = await fetch(`/api/models/${sha}/cancel`, { method: "POST", body: "" });
    return [r.status, await r.json()];
  }, "beef".repeat(16));
  assert.equal(refused[0], 401);
  assert.equal(refused[1].status, 401);

  // A change in the store shows without a reload.
  assert.equal((await write(`/api/models/${"beef".repeat(16)}/cancel`, {})).status, 200);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-table="tasks"] tbody tr td:nth-child(3)')]
    .every((td) => td.textContent === "cancelled"), null, { timeout: 10000 });
  table = await rows();
  assert.ok(table.every((r) => r[2] === "cancelled"));
  const cancelled = await page.textContent('[data-state="cancelled"] .stat-n');
  assert.equal(cancelled, "2");
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, "dashboard.png") });
  // Chromium logs the refused write itself; nothing else may be logged.
  assert.deepEqual(seen.errors.filter((e) => !/status of 401/.test(e)), []);
  assert.deepEqual(seen.blocked, []);
  await page.close();
});
