// onnxbench serve in a real browser over a real local fleet: `farm submit` three generated models
// with a two-stage pipeline into a SQLite store, serve it, and watch the status table (no reload)
// while real `farm worker` processes claim and finish tasks: queue positions are the order the
// workers really claim in, time in state grows and restarts, the workers table says what each
// runs and the devices table which device a bench holds, the page's writes without the token are
// refused and the token never reaches the logs.
// The server is started on a free port and stopped (SIGTERM) at the end; the scratch folder goes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser, guardedPage } from "./browser.js";

const here = dirname(fileURLToPath(import.meta.url));
const ob = process.env.ONNXBENCH ?? join(here, "../../build/onnxbench");
const token = "dashboard-test-token-0123456789";
const models = ["demo-cnn-1", "demo-cnn-2", "demo-cnn-3"];
let dir, store, server, serverLog = "", base, browser, submittedAt;

// inspect (fast), then a short bench that needs it: long enough to be seen running.
const pipeline = {
  name: "tiny",
  stages: [
    { name: "inspect", command: ["inspect", "{input}", "--json", "-"], record: "stdout", value: "/macs/total", priority: 20 },
    { name: "bench", command: ["bench", "{input}", "--engine", "onnxruntime", "--duration", "3", "--json", "{record}"],
      needs: ["inspect"], requires: ["engine:onnxruntime"], priority: 30, value: "/throughput_per_s", max_runs: 1 },
  ],
};

const cli = (...args) => execFileSync(ob, [...args, "--store", store], { cwd: dir, encoding: "utf8" });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "onnxbench-serve-"));
  store = join(dir, "fleet.db");
  writeFileSync(join(dir, "token"), token + "\n");
  writeFileSync(join(dir, "tiny.json"), JSON.stringify(pipeline));
  models.forEach((m, i) => execFileSync(ob, ["zoo", "generate", "demo-cnn", "--seed", String(i + 1), "-o", join(dir, `${m}.onnx`)]));
  submittedAt = Date.now();
  cli("farm", "submit", ...models.map((m) => `${m}.onnx`), "--pipeline", "tiny.json");
  cli("farm", "priority", "demo-cnn-2", "0");
  server = spawn(ob, ["serve", "--store", store, "--port", "0", "--token-file", join(dir, "token")], { stdio: ["ignore", "pipe", "pipe"] });
  server.stderr.on("data", (d) => (serverLog += d));
  base = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      serverLog += d;
      const m = serverLog.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${serverLog}`)));
  });
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A worker that runs one task and exits; resolves with its exit code.
function worker(name) {
  const child = spawn(ob, ["farm", "worker", "--name", name, "--max-tasks", "1", "--idle-exit", "1", "--store", store],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TMPDIR: dir } });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, log })));
}

// The status table as the page shows it: one object per row, keyed by the column labels.
async function statusRows(page) {
  return page.$$eval('[data-table="tasks"] table', ([table]) => {
    const labels = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    return [...table.querySelectorAll("tbody tr")].map((tr) => Object.fromEntries([...tr.children].map((td, i) => [labels[i], td.textContent])));
  });
}

const rowOf = (rows, model, stage) => rows.find((r) => r.model === model && r.stage === stage);

async function waitForRow(page, model, stage, check, what) {
  await page.waitForFunction(([m, s, text]) => [...document.querySelectorAll('[data-table="tasks"] tbody tr')]
    .some((tr) => tr.children[0].textContent === m && tr.children[1].textContent === s && tr.children[2].textContent.startsWith(text)),
  [model, stage, check], { timeout: 60000 }).catch(() => assert.fail(`${model} ${stage}: never ${what}`));
}

// The claim order by its definition: the model's override, else the stage's priority; then
// submission order (task id).
function expectedQueue(tasks) {
  return tasks.filter((t) => t.state === "queued")
    .sort((a, b) => (a.priority_override ?? a.priority) - (b.priority_override ?? b.priority) || a.id - b.id)
    .map((t) => `${t.model}/${t.stage}`);
}

const shownQueue = (rows) => rows.filter((r) => r["queue position"] !== "–")
  .sort((a, b) => Number(a["queue position"]) - Number(b["queue position"])).map((r) => `${r.model}/${r.stage}`);

test("the status table follows a real fleet without a reload: queue position, time in state, workers", async () => {
  const { page, seen } = await guardedPage(browser.context, (u) => u.startsWith(base + "/"));
  await page.goto(base + "/");
  await page.waitForSelector('[data-table="tasks"] tbody tr');
  await page.evaluate(() => (window.loadedOnce = true));
  const api = async () => (await (await fetch(base + "/api/tasks")).json()).items;

  // Queued: every row, in the claim order; demo-cnn-2's override puts both its stages first.
  let rows = await statusRows(page);
  assert.equal(rows.length, 6);
  assert.ok(rows.every((r) => r.state.startsWith("queued")));
  const queue = expectedQueue(await api());
  assert.deepEqual(queue.slice(0, 2), ["demo-cnn-2/inspect", "demo-cnn-2/bench"]);
  assert.deepEqual(shownQueue(rows), queue);
  assert.match(rowOf(rows, "demo-cnn-1", "bench").state, /after inspect/);
  assert.equal(rowOf(rows, "demo-cnn-2", "inspect").priority, "0override");

  // Time in state: by the store's clock, within the time since submission, and growing.
  const waitedSince = (Date.now() - submittedAt) / 1000;
  const before = (await api()).find((t) => t.model === "demo-cnn-3" && t.stage === "inspect");
  assert.ok(before.seconds_in_state >= 0 && before.seconds_in_state <= waitedSince + 1, `${before.seconds_in_state} s`);
  assert.match(before.state_since, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await page.waitForFunction((s) => {
    const tr = [...document.querySelectorAll('[data-table="tasks"] tbody tr')].find((r) => r.children[0].textContent === "demo-cnn-3" && r.children[1].textContent === "inspect");
    return tr && parseInt(tr.children[6].textContent, 10) >= s + 2;
  }, Math.floor(before.seconds_in_state), { timeout: 15000 });

  // Facets: state, stage, node and priority each narrow the rows; sorting is the user's.
  await page.selectOption('[data-table="tasks"] select[data-facet="stage"]', "bench");
  assert.deepEqual((await statusRows(page)).map((r) => r.stage), ["bench", "bench", "bench"]);
  await page.selectOption('[data-table="tasks"] select[data-facet="priority"]', "0");
  assert.deepEqual((await statusRows(page)).map((r) => r.model), ["demo-cnn-2"]);
  await page.selectOption('[data-table="tasks"] select[data-facet="stage"]', "");
  await page.selectOption('[data-table="tasks"] select[data-facet="priority"]', "");
  await page.click('[data-table="tasks"] th:has-text("time in state")');
  assert.equal((await statusRows(page))[0].model, "demo-cnn-1", "the longest queued first");
  await page.click('[data-table="tasks"] th:has-text("queue position")'); // numbers sort descending first
  await page.click('[data-table="tasks"] th:has-text("queue position")');
  assert.deepEqual(shownQueue(await statusRows(page)), (await statusRows(page)).map((r) => `${r.model}/${r.stage}`));

  // One worker, one task: it claims the task shown first in the queue; the page shows it done.
  const first = await worker("w1");
  assert.equal(first.code, 0, first.log);
  await waitForRow(page, "demo-cnn-2", "inspect", "done", "done");
  rows = await statusRows(page);
  const inspect = rowOf(rows, "demo-cnn-2", "inspect");
  assert.equal(inspect.node, "w1");
  assert.match(inspect.result, /^[\d,]+$/, "the MACs inspect measured");
  assert.equal(inspect["queue position"], "–");
  assert.doesNotMatch(rowOf(rows, "demo-cnn-2", "bench").state, /after/);
  await page.waitForFunction(() => document.querySelector('[data-table="tasks"] tbody tr td:nth-child(6)')?.textContent === "1");
  assert.deepEqual(shownQueue(await statusRows(page)), expectedQueue(await api()));
  assert.equal(expectedQueue(await api())[0], "demo-cnn-2/bench");
  await page.selectOption('[data-table="tasks"] select[data-facet="node"]', "w1");
  assert.deepEqual((await statusRows(page)).map((r) => `${r.model}/${r.stage}`), ["demo-cnn-2/inspect"]);
  await page.selectOption('[data-table="tasks"] select[data-facet="node"]', "");

  // A second worker runs the bench: seen running, with the worker and what it runs, then done.
  const second = worker("w2");
  await waitForRow(page, "demo-cnn-2", "bench", "running", "running");
  await page.waitForFunction(() => /bench of demo-cnn-2/.test(document.querySelector('[data-table="workers"] tbody')?.textContent ?? ""), null, { timeout: 10000 });
  // The bench holds the `local` device: the devices table shows it busy with w2's bench.
  await page.waitForFunction(() => /localbusybench \(w2\)/.test(document.querySelector('[data-table="devices"] tbody')?.textContent ?? ""), null, { timeout: 10000 });
  const running = rowOf(await statusRows(page), "demo-cnn-2", "bench");
  assert.equal(running.node, "w2");
  if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, "dashboard.png") });
  const done = await second;
  assert.equal(done.code, 0, done.log);
  await waitForRow(page, "demo-cnn-2", "bench", "done", "done");
  const bench = rowOf(await statusRows(page), "demo-cnn-2", "bench");
  await page.waitForFunction(() => /^locallocalidle/.test(document.querySelector('[data-table="devices"] tbody tr')?.textContent ?? ""), null, { timeout: 10000 });
  const device = await page.$eval('[data-table="devices"] tbody tr', (tr) => [...tr.children].map((td) => td.textContent));
  assert.equal(device[5], "0", "no failed attempts on local");
  assert.ok(Number(bench.result.replace(/,/g, "")) > 0, "the bench's throughput");
  assert.ok(parseInt(bench["time in state"], 10) < 30);
  assert.equal(await page.evaluate(() => window.loadedOnce), true, "no reload");
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.blocked, []);
  await page.close();
});

test("writes without the token are refused, as JSON; the token is never logged", async () => {
  const { page, seen } = await guardedPage(browser.context, (u) => u.startsWith(base + "/"));
  await page.goto(base + "/");
  await page.waitForSelector("body[data-ready=true]");
  const sha = (await (await fetch(base + "/api/models?q=demo-cnn-3")).json()).items[0].sha256;
  const refused = await page.evaluate(async (s) => {
    const answers = [];
    for (const auth of [null, "Bearer wrong-token-0123456789", "Basic x"]) {
      const r = await fetch(`/api/models/${s}/cancel`, { method: "POST", body: "", headers: auth ? { Authorization: auth } : {} });
      answers.push([r.status, await r.json()]);
    }
    return answers;
  }, sha);
  for (const [status, body] of refused) {
    assert.equal(status, 401);
    assert.equal(body.status, 401);
    assert.match(body.error, /Authorization: Bearer/);
  }
  const tasks = async () => (await (await fetch(`${base}/api/tasks?model=${sha}`)).json()).items;
  assert.ok((await tasks()).every((t) => t.state === "queued"), "nothing was cancelled");
  const ok = await fetch(`${base}/api/models/${sha}/cancel`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: "" });
  assert.equal(ok.status, 200);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-table="tasks"] tbody tr')]
    .filter((tr) => tr.children[0].textContent === "demo-cnn-3").every((tr) => tr.children[2].textContent === "cancelled"), null, { timeout: 10000 });
  assert.ok((await tasks()).every((t) => t.state === "cancelled"));
  assert.ok(!serverLog.includes(token) && !serverLog.includes("wrong-token"), serverLog);
  // Chromium logs the refused writes itself; nothing else may be logged.
  assert.deepEqual(seen.errors.filter((e) => !/status of 401/.test(e)), []);
  assert.deepEqual(seen.blocked, []);
  await page.close();
});
