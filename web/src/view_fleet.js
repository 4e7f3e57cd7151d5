// The live fleet status (seed 000's status table): one row per task with its model, stage,
// state, worker, priority, attempts and time in state; the workers and what each runs. Polls the
// server's API and refreshes the tables in place, keeping the user's sort and filter.
import { h, dataTable, fmt, section, badge } from "onnxbench-web/dom.js";

const POLL_MS = 1500;

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

const stateBadge = (s) => badge(s, { done: "good", failed: "warn", running: "run" }[s] ?? "");

function secondsSince(iso, now) {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, (now - t) / 1000) : NaN;
}

function duration(s) {
  if (!Number.isFinite(s)) return "–";
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function fleetPage() {
  const cards = h("div", { class: "cards", dataset: { summary: "" } });
  const stamp = h("span", { class: "muted", dataset: { updated: "" } }, "loading…");
  let names = new Map();
  let now = Date.now();
  const tasks = dataTable({
    name: "tasks", rows: [], sortKey: "priority", pageSize: 100,
    columns: [
      { key: "model", label: "model", value: (t) => names.get(t.model_sha256) ?? t.model_sha256.slice(0, 12) },
      { key: "stage", label: "stage", value: (t) => t.stage },
      { key: "state", label: "state", value: (t) => t.state, cell: (t) => stateBadge(t.state) },
      { key: "worker", label: "node", value: (t) => t.worker },
      { key: "priority", label: "priority", numeric: true, value: (t) => t.priority },
      { key: "attempts", label: "attempts", numeric: true, value: (t) => t.attempts },
      { key: "since", label: "time in state", numeric: true, value: (t) => secondsSince(t.updated_at, now), cell: (t) => duration(secondsSince(t.updated_at, now)) },
      { key: "value", label: "result", value: (t) => (t.value === null || t.value === undefined ? "" : typeof t.value === "object" ? JSON.stringify(t.value) : fmt(t.value)) },
      { key: "error", label: "last error", value: (t) => t.last_error },
    ],
  });
  const workers = dataTable({
    name: "workers", rows: [], sortKey: "name",
    columns: [
      { key: "name", label: "worker", value: (w) => w.name },
      { key: "host", label: "host", value: (w) => w.host },
      { key: "state", label: "state", value: (w) => w.state, cell: (w) => stateBadge(w.state) },
      { key: "task", label: "runs task", value: (w) => w.task_id ?? "" },
      { key: "caps", label: "capabilities", value: (w) => (w.capabilities ?? []).join(", ") },
      { key: "beat", label: "last heartbeat", numeric: true, value: (w) => w.seconds_since_heartbeat, cell: (w) => duration(w.seconds_since_heartbeat) + " ago" },
    ],
  });
  let timer;
  async function poll() {
    try {
      const [summary, models, t, w] = await Promise.all([getJson("/api/summary"), getJson("/api/models?limit=1000"),
        getJson("/api/tasks?limit=1000"), getJson("/api/workers?limit=1000")]);
      now = Date.parse(summary.now_utc) || Date.now();
      names = new Map(models.items.map((m) => [m.sha256, m.name]));
      const byState = {};
      for (const s of summary.stages) byState[s.state] = (byState[s.state] ?? 0) + s.count;
      cards.replaceChildren(...["queued", "running", "done", "failed", "cancelled"].map((s) =>
        h("div", { class: "stat", dataset: { state: s } }, h("div", { class: "stat-n" }, String(byState[s] ?? 0)), h("div", { class: "muted" }, `tasks ${s}`))),
        h("div", { class: "stat" }, h("div", { class: "stat-n" }, String(summary.models)), h("div", { class: "muted" }, "models")));
      tasks.refresh(t.items);
      workers.refresh(w.items);
      stamp.textContent = `updated ${new Date().toLocaleTimeString()} · store ${summary.store}`;
      stamp.dataset.polls = String(Number(stamp.dataset.polls ?? 0) + 1);
    } catch (e) {
      stamp.textContent = `cannot reach the server: ${e.message}`;
    }
    if (document.body.contains(stamp)) timer = setTimeout(poll, POLL_MS);
  }
  queueMicrotask(poll);
  window.addEventListener("hashchange", () => clearTimeout(timer), { once: true });
  return [section("Fleet", cards, stamp), section("Status", tasks), section("Workers", workers)];
}

// The records of the store, for the other views (the same as a report's).
export async function storeRecords(limit = 5000) {
  const out = [];
  for (let offset = 0; offset < limit; offset += 1000) {
    const page = await getJson(`/api/records?offset=${offset}&limit=1000`);
    for (const r of page.items) out.push({ ...r.body, kind: r.body?.kind ?? r.kind });
    if (offset + 1000 >= page.total) break;
  }
  return out;
}
