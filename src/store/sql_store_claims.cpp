// Workers, claims and leases: the fleet's concurrency lives here. A claim is one UPDATE whose
// subquery picks the most urgent runnable task (PostgreSQL skips rows other workers have locked;
// SQLite runs one writing statement at a time). Every later write on the task names the
// epoch the claim set, so a worker whose lease was taken over cannot touch it again.
#include "core/utc_time.h"
#include "store/sql_store.h"

namespace onnxbench::store {

using nlohmann::json;

const char* const kClaimOrder = "t.urgency, t.id";

namespace {

const char* const kChannel = "onnxbench_work";

// kTaskColumns without the "t." that the SELECTs need.
std::string returning_columns() {
  std::string s = kTaskColumns;
  for (std::size_t at = s.find("t."); at != std::string::npos; at = s.find("t.", at))
    s.erase(at, 2);
  return s;
}

}  // namespace

void SqlStore::register_worker(const Worker& w) {
  in_transaction(*db_, [&] {
    for (const auto& device : w.devices) {
      if (device == "local")
        db_->exec(
            "INSERT INTO devices (name, url, added_at) VALUES ('local', 'local', $1) "
            "ON CONFLICT (name) DO NOTHING",
            {utc_now_iso8601()});
      if (db_->exec("SELECT 1 FROM devices WHERE name = $1", {device}).rows.empty())
        throw InputError("device '" + device + "' is not in the store " + url_ +
                         "; add it first (onnxbench devices add " + device + " URL)");
    }
    db_->exec("DELETE FROM worker_devices WHERE worker = $1", {w.name});
    for (const auto& device : w.devices)
      db_->exec("INSERT INTO worker_devices (worker, device) VALUES ($1, $2)", {w.name, device});
    db_->exec("DELETE FROM worker_caps WHERE worker = $1", {w.name});
    db_->exec("DELETE FROM workers WHERE name = $1", {w.name});
    db_->exec(
        "INSERT INTO workers (name, host, state, started_at, heartbeat_ms) "
        "VALUES ($1, $2, 'idle', $3, {now_ms})",
        {w.name, w.host, utc_now_iso8601()});
    for (const auto& cap : w.capabilities)
      db_->exec("INSERT INTO worker_caps (worker, capability) VALUES ($1, $2)", {w.name, cap});
  });
}

void SqlStore::worker_stopped(const std::string& name) {
  db_->exec("UPDATE workers SET state = 'stopped' WHERE name = $1", {name});
}

std::vector<Worker> SqlStore::workers() {
  // A worker is running what it holds a lease on; its own row says only whether it stopped.
  const auto r = db_->exec(
      "SELECT w.name, w.host, w.state, w.started_at, t.id, "
      "({now_ms} - w.heartbeat_ms) / 1000.0, t.stage, t.model_sha256 FROM workers w "
      "LEFT JOIN tasks t ON t.worker = w.name AND t.state = 'running' ORDER BY w.name, t.id");
  const auto caps = db_->exec("SELECT worker, capability FROM worker_caps ORDER BY capability");
  const auto devices = db_->exec("SELECT worker, device FROM worker_devices ORDER BY device");
  std::vector<Worker> out;
  for (const auto& row : r.rows) {
    if (!out.empty() && out.back().name == row.text(0)) continue;  // one task per worker shown
    Worker w;
    w.name = row.text(0);
    w.host = row.text(1);
    w.state = row.text(2);
    w.started_at = row.text(3);
    if (!row.null(4)) w.task_id = row.integer(4), w.state = "running";
    w.seconds_since_heartbeat = row.real(5);
    w.task_stage = row.text(6);
    w.task_model_sha256 = row.text(7);
    for (const auto& c : caps.rows)
      if (c.text(0) == w.name) w.capabilities.push_back(c.text(1));
    for (const auto& d : devices.rows)
      if (d.text(0) == w.name) w.devices.push_back(d.text(1));
    out.push_back(std::move(w));
  }
  return out;
}

bool SqlStore::return_expired_leases() {
  last_sweep_ = std::chrono::steady_clock::now();
  const auto r = db_->exec(
      "UPDATE tasks SET state = CASE WHEN attempts >= max_attempts THEN 'failed' "
      "ELSE 'queued' END, last_error = 'lease of worker ' || worker || ' expired', "
      "worker = NULL, updated_ms = {now_ms} "
      "WHERE id IN (SELECT t.id FROM tasks t WHERE t.state = 'running' "
      "AND t.lease_until_ms < {now_ms} {skip_locked})");
  return r.affected > 0;
}

std::optional<Task> SqlStore::claim(const std::string& worker, double lease_seconds) {
  using namespace std::chrono;
  const auto lease_ms = static_cast<std::int64_t>(lease_seconds * 1000);
  // Expired leases go back to the queue at most once a second, and whenever nothing is queued:
  // a claim is then one statement, one round trip.
  if (steady_clock::now() - last_sweep_ > seconds(1)) return_expired_leases();
  // One statement: pick the most urgent queued task whose needs are done and whose required
  // capabilities the worker has (walking the tasks_queue index in order), and take it.
  static const std::string kClaim =
      std::string(
          "UPDATE tasks SET state = 'running', attempts = attempts + 1, epoch = epoch + 1, "
          "worker = $1, lease_until_ms = {now_ms} + $2, updated_ms = {now_ms}, claimed_ms = "
          "{now_ms} "
          "WHERE state = 'queued' AND id = (SELECT t.id FROM tasks t WHERE t.state = 'queued' "
          "AND NOT EXISTS (SELECT 1 FROM task_requires r WHERE r.task_id = t.id "
          "AND r.capability NOT IN (SELECT c.capability FROM worker_caps c "
          "WHERE c.worker = $1)) "
          "AND NOT EXISTS (SELECT 1 FROM task_needs n JOIN tasks d "
          "ON d.model_sha256 = t.model_sha256 AND d.stage = n.stage "
          "WHERE n.task_id = t.id AND d.state <> 'done') "
          "AND (t.measures = 0 OR EXISTS (SELECT 1 FROM devices d WHERE ") +
      kFreeMatchingDevice + ")) ORDER BY " + kClaimOrder + " LIMIT 1 {skip_locked}) RETURNING " +
      returning_columns();
  auto r = db_->exec(kClaim, {worker, lease_ms});
  if (r.rows.empty() && return_expired_leases()) r = db_->exec(kClaim, {worker, lease_ms});
  // The worker's own heartbeat: on every idle look, and every few seconds while it is busy.
  if (r.rows.empty() || steady_clock::now() - last_worker_beat_ > seconds(2)) {
    last_worker_beat_ = steady_clock::now();
    db_->exec("UPDATE workers SET state = 'idle', heartbeat_ms = {now_ms} WHERE name = $1",
              {worker});
  }
  if (r.rows.empty()) return std::nullopt;
  Task task = task_from_row(r.rows[0]);
  if (task.measures && !lease_device(worker, task, lease_ms)) {
    release({task.id, task.epoch});  // another worker took the last matching device meanwhile
    return std::nullopt;
  }
  return task;
}

bool SqlStore::lease_device(const std::string& worker, Task& task, std::int64_t lease_ms) {
  // The row is re-checked as it is updated (PostgreSQL re-reads a row another transaction
  // changed), so two claims never take one device.
  static const std::string kLease =
      std::string(
          "UPDATE devices SET lease_worker = $1, lease_task_id = $2, lease_epoch = $3, "
          "lease_until_ms = {now_ms} + $4 WHERE (lease_task_id IS NULL OR lease_until_ms < "
          "{now_ms}) AND quarantined = 0 AND name = (SELECT d.name FROM devices d, "
          "(SELECT CAST($2 AS BIGINT) AS id) t WHERE ") +
      kFreeMatchingDevice + " ORDER BY d.name LIMIT 1 {skip_locked_device}) RETURNING name";
  const auto r = db_->exec(kLease, {worker, task.id, task.epoch, lease_ms});
  if (r.rows.empty()) return false;
  task.device = r.rows[0].text(0);
  return true;
}

bool SqlStore::heartbeat(const Lease& lease, double lease_seconds) {
  const std::int64_t lease_ms = static_cast<std::int64_t>(lease_seconds * 1000);
  const auto r = db_->exec(
      "UPDATE tasks SET lease_until_ms = {now_ms} + $3 WHERE id = $1 AND epoch = $2 "
      "AND state = 'running' RETURNING worker, measures",
      {lease.task_id, lease.epoch, lease_ms});
  if (r.rows.empty()) return false;
  // A measuring task's device lease follows its own; lost (expired and taken by another
  // claim), the measurement must stop.
  if (r.rows[0].integer(1) != 0 &&
      db_->exec("UPDATE devices SET lease_until_ms = {now_ms} + $3 WHERE lease_task_id = $1 "
                "AND lease_epoch = $2",
                {lease.task_id, lease.epoch, lease_ms})
              .affected != 1)
    return false;
  db_->exec("UPDATE workers SET heartbeat_ms = {now_ms} WHERE name = $1", {r.rows[0].text(0)});
  return true;
}

bool SqlStore::complete(const Lease& lease, const std::vector<RecordKey>& keys,
                        const std::vector<json>& bodies, const json& value,
                        const std::string& output_sha256) {
  static const std::string kDone =
      "UPDATE tasks SET state = 'done', value = $3, output_sha256 = $4, last_error = '', "
      "stderr_tail = '', lease_until_ms = NULL, updated_ms = {now_ms} "
      "WHERE id = $1 AND epoch = $2 AND state = 'running' RETURNING model_sha256, stage";
  const std::vector<SqlValue> done_params = {lease.task_id, lease.epoch,
                                             value.is_null() ? SqlValue{} : SqlValue{value.dump()},
                                             output_sha256};
  free_device(lease);
  // Nothing to store with it: one statement, fenced by the epoch like the rest.
  if (bodies.empty()) return !db_->exec(kDone, done_params).rows.empty();
  return in_transaction(*db_, [&] {
    const auto r = db_->exec(kDone, done_params);
    if (r.rows.empty()) return false;  // fenced: the lease is gone, write nothing
    // Earlier runs of this task (a reset, an unsteady rerun) stay; these follow them.
    for (std::size_t i = 0; i < bodies.size(); ++i)
      insert_record(keys.at(i), bodies[i], lease.task_id);
    update_derived_priorities(r.rows[0].text(0), r.rows[0].text(1), bodies.back());
    return true;
  });
}

void SqlStore::update_derived_priorities(const std::string& model_sha256, const std::string& stage,
                                         const json& body) {
  // A stage may take its priority from this one's result: offset + scale * the value at a JSON
  // pointer (seed 000 orders accuracy runs by the model's mean F1 score).
  for (const Task& t : tasks(model_sha256)) {
    const json from = t.spec.value("priority_from", json());
    if (!from.is_object() || from.value("stage", "") != stage ||
        (t.state != "queued" && t.state != "waiting"))
      continue;
    const json::json_pointer field(from.value("field", ""));
    if (!body.contains(field) || !body.at(field).is_number()) continue;
    const double p =
        from.value("offset", 0.0) + from.value("scale", 1.0) * body.at(field).get<double>();
    db_->exec(
        "UPDATE tasks SET priority = $2, urgency = COALESCE((SELECT m.priority_override "
        "FROM models m WHERE m.sha256 = tasks.model_sha256), $2) WHERE id = $1",
        {t.id, static_cast<std::int64_t>(p)});
  }
}

bool SqlStore::fail(const Lease& lease, const std::string& error, const std::string& tail) {
  free_device(lease);
  const auto r = db_->exec(
      "UPDATE tasks SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' "
      "END, last_error = $3, stderr_tail = $4, worker = NULL, lease_until_ms = NULL, "
      "updated_ms = {now_ms} WHERE id = $1 AND epoch = $2 AND state = 'running'",
      {lease.task_id, lease.epoch, error, tail});
  return r.affected == 1;
}

bool SqlStore::release(const Lease& lease) {
  free_device(lease);
  const auto r = db_->exec(
      "UPDATE tasks SET state = 'queued', attempts = attempts - 1, worker = NULL, "
      "lease_until_ms = NULL, updated_ms = {now_ms} "
      "WHERE id = $1 AND epoch = $2 AND state = 'running'",
      {lease.task_id, lease.epoch});
  notify_work();
  return r.affected == 1;
}

void SqlStore::notify_work() { db_->notify(kChannel); }
void SqlStore::wait_for_work(double seconds) { db_->wait(kChannel, seconds); }

}  // namespace onnxbench::store
