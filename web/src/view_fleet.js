// The live fleet status (seed 000's status table): one row per model and stage with its state,
// node, priority, queue position and time in state; the workers and what each runs; the devices
// (state, current task, temperature, failures). Polls the server's API and refreshes the tables
// in place, keeping the user's sort, filter and facets.
import { h, dataTable, fmt, section, badge } from "onnxbench-web/dom.js";

const POLL_MS = 1500;
const LAST = Number.MAX_SAFE_INTEGER; // sorts rows without a queue position after the queued

async function getJson(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

const stateBadge = (s) => badge(s, { done: "good", failed: "warn", running: "run" }[s] ?? "");

function duration(s) {
  if (!Number.isFinite(s)) return "–";
  if (s < 60) return `${Math.floor(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

// What the row's priority is for claims: the model's override when set, else the stage's own.
const priorityOf = (t) => t.priority_override ?? t.priority;

// A bench whose every rerun was unsteady comes as {value, unsteady, cv} (farm stage_value).
export function resultText(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && "value" in v) {
    return resultText(v.value) + (v.unsteady ? ` unsteady (cv ${fmt(100 * v.cv)} %)` : "") +
      (v.random_calibration ? " (random calibration data)" : "");
  }
  return typeof v === "object" ? JSON.stringify(v) : typeof v === "number" ? fmt(v) : String(v);
}

function taskTable() {
  return dataTable({
    name: "tasks", rows: [], sortKey: "queue", pageSize: 100,
    facets: ["state", "stage", "node", "priority"],
    columns: [
      { key: "model", label: "model", value: (t) => t.model },
      { key: "stage", label: "stage", value: (t) => t.stage },
      { key: "state", label: "state", value: (t) => t.state,
        cell: (t) => h("span", {}, stateBadge(t.state), t.waiting_for?.length ? h("span", { class: "muted" }, ` after ${t.waiting_for.join(", ")}`) : null) },
      { key: "node", label: "node", value: (t) => t.worker },
      { key: "priority", label: "priority", numeric: true, value: priorityOf,
        cell: (t) => (t.priority_override === null ? String(t.priority)
          : h("span", { title: `the model's override; the stage's own is ${t.priority}` }, String(t.priority_override), badge("override"))) },
      { key: "queue", label: "queue position", numeric: true, value: (t) => t.queue_position ?? LAST,
        cell: (t) => (t.queue_position === null ? "–" : String(t.queue_position)) },
      { key: "since", label: "time in state", numeric: true, value: (t) => t.seconds_in_state,
        cell: (t) => h("span", { title: `since ${t.state_since}` }, duration(t.seconds_in_state)) },
      { key: "attempts", label: "attempts", numeric: true, value: (t) => t.attempts, cell: (t) => `${t.attempts} / ${t.max_attempts}` },
      { key: "value", label: "result", value: (t) => resultText(t.value) },
      { key: "error", label: "last error", value: (t) => t.last_error },
    ],
  });
}

function workerTable() {
  return dataTable({
    name: "workers", rows: [], sortKey: "name",
    columns: [
      { key: "name", label: "worker", value: (w) => w.name },
      { key: "host", label: "host", value: (w) => w.host },
      { key: "state", label: "state", value: (w) => w.state, cell: (w) => stateBadge(w.state) },
      { key: "runs", label: "runs", value: (w) => (w.running ? `${w.running.stage} of ${w.running.model}` : ""),
        cell: (w) => (w.running ? h("span", {}, `${w.running.stage} of ${w.running.model}`, h("span", { class: "muted" }, ` for ${duration(w.running.seconds_in_state)}`)) : "") },
      { key: "devices", label: "devices", value: (w) => (w.devices ?? []).join(", ") },
      { key: "caps", label: "capabilities", value: (w) => (w.capabilities ?? []).join(", ") },
      { key: "beat", label: "last heartbeat", numeric: true, value: (w) => w.seconds_since_heartbeat, cell: (w) => duration(w.seconds_since_heartbeat) + " ago" },
    ],
  });
}

// Each device: its state (idle, busy, quarantined), the task measuring on it, its temperature
// at the last measurement and its consecutive failed attempts.
function deviceTable() {
  return dataTable({
    name: "devices", rows: [], sortKey: "name",
    columns: [
      { key: "name", label: "device", value: (d) => d.name },
      { key: "url", label: "url", value: (d) => d.url },
      { key: "state", label: "state", value: (d) => d.state,
        cell: (d) => badge(d.state, { busy: "run", quarantined: "warn" }[d.state] ?? "") },
      { key: "task", label: "current task", value: (d) => (d.lease ? `${d.lease.stage} (${d.lease.worker})` : "") },
      { key: "temp", label: "temperature °C", numeric: true, value: (d) => d.temperature_c ?? -1,
        cell: (d) => (d.temperature_c === null ? "–" : d.temperature_c.toFixed(1)) },
      { key: "failures", label: "consecutive failures", numeric: true, value: (d) => d.consecutive_failures },
      { key: "dims", label: "dimensions", value: (d) => Object.entries(d.dimensions ?? {}).map(([k, v]) => `${k}=${v.join(",")}`).join(" ") },
    ],
  });
}

export function fleetPage() {
  const cards = h("div", { class: "cards", dataset: { summary: "" } });
  const stamp = h("span", { class: "muted", dataset: { updated: "" } }, "loading…");
  const tasks = taskTable();
  const workers = workerTable();
  const devices = deviceTable();
  let timer;
  async function poll() {
    try {
      const [summary, t, w, d] = await Promise.all([getJson("/api/summary"), getJson("/api/tasks?limit=1000"), getJson("/api/workers?limit=1000"), getJson("/api/devices?limit=1000")]);
      const byState = {};
      for (const s of summary.stages) byState[s.state] = (byState[s.state] ?? 0) + s.count;
      cards.replaceChildren(...["queued", "running", "done", "failed", "cancelled"].map((s) =>
        h("div", { class: "stat", dataset: { state: s } }, h("div", { class: "stat-n" }, String(byState[s] ?? 0)), h("div", { class: "muted" }, `tasks ${s}`))),
        h("div", { class: "stat" }, h("div", { class: "stat-n" }, String(summary.models)), h("div", { class: "muted" }, "models")));
      tasks.refresh(t.items);
      workers.refresh(w.items);
      devices.refresh(d.items);
      const shown = t.total > t.items.length ? ` · the first ${t.items.length} of ${t.total} tasks` : "";
      stamp.textContent = `updated ${new Date().toLocaleTimeString()} · store ${summary.store}${shown}`;
      stamp.dataset.polls = String(Number(stamp.dataset.polls ?? 0) + 1);
    } catch (e) {
      stamp.textContent = `cannot reach the server: ${e.message}`;
    }
    if (document.body.contains(stamp)) timer = setTimeout(poll, POLL_MS);
  }
  queueMicrotask(poll);
  window.addEventListener("hashchange", () => clearTimeout(timer), { once: true });
  return [section("Fleet", cards, stamp), section("Status", tasks), section("Workers", workers), section("Devices", devices)];
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
