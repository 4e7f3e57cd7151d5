// Workers, claims and leases: the fleet's concurrency lives here. A claim is one UPDATE whose
// subquery picks the most urgent runnable task (PostgreSQL skips rows other workers have locked;
// SQLite holds the write lock from BEGIN IMMEDIATE). Every later write on the task names the
// epoch the claim set, so a worker whose lease was taken over cannot touch it again.
#include "core/utc_time.h"
#include "store/sql_store.h"

namespace onnxbench::store {

using nlohmann::json;

const char* const kClaimOrder = "COALESCE(m.priority_override, t.priority), t.id";

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
  db_->exec("UPDATE workers SET state = 'stopped', task_id = NULL WHERE name = $1", {name});
}

std::vector<Worker> SqlStore::workers() {
  const auto r = db_->exec(
      "SELECT w.name, w.host, w.state, w.started_at, w.task_id, "
      "({now_ms} - w.heartbeat_ms) / 1000.0 FROM workers w ORDER BY w.name");
  const auto caps = db_->exec("SELECT worker, capability FROM worker_caps ORDER BY capability");
  std::vector<Worker> out;
  for (const auto& row : r.rows) {
    Worker w;
    w.name = row.text(0);
    w.host = row.text(1);
    w.state = row.text(2);
    w.started_at = row.text(3);
    if (!row.null(4)) w.task_id = row.integer(4);
    w.seconds_since_heartbeat = row.real(5);
    for (const auto& c : caps.rows)
      if (c.text(0) == w.name) w.capabilities.push_back(c.text(1));
    out.push_back(std::move(w));
  }
  return out;
}

std::optional<Task> SqlStore::claim(const std::string& worker, double lease_seconds) {
  const auto lease_ms = static_cast<std::int64_t>(lease_seconds * 1000);
  auto claimed = in_transaction(*db_, [&]() -> std::optional<Task> {
    // Leases that ran out go back to the queue, or fail once their attempts are used up.
    db_->exec(
        "UPDATE tasks SET state = CASE WHEN attempts >= max_attempts THEN 'failed' "
        "ELSE 'queued' END, last_error = 'lease of worker ' || worker || ' expired', "
        "worker = NULL, updated_ms = {now_ms} "
        "WHERE id IN (SELECT t.id FROM tasks t WHERE t.state = 'running' "
        "AND t.lease_until_ms < {now_ms} {skip_locked})");
    const auto r = db_->exec(
        std::string("UPDATE tasks SET state = 'running', attempts = attempts + 1, "
                    "epoch = epoch + 1, worker = $1, lease_until_ms = {now_ms} + $2, "
                    "updated_ms = {now_ms} WHERE id = (SELECT t.id FROM tasks t "
                    "JOIN models m ON m.sha256 = t.model_sha256 WHERE t.state = 'queued' "
                    "AND NOT EXISTS (SELECT 1 FROM task_requires r WHERE r.task_id = t.id "
                    "AND r.capability NOT IN (SELECT c.capability FROM worker_caps c "
                    "WHERE c.worker = $1)) "
                    "AND NOT EXISTS (SELECT 1 FROM task_needs n JOIN tasks d "
                    "ON d.model_sha256 = t.model_sha256 AND d.stage = n.stage "
                    "WHERE n.task_id = t.id AND d.state <> 'done') "
                    "ORDER BY ") +
            kClaimOrder + " LIMIT 1 {skip_locked}) RETURNING " + returning_columns(),
        {worker, lease_ms});
    if (r.rows.empty()) {
      db_->exec(
          "UPDATE workers SET state = 'idle', task_id = NULL, heartbeat_ms = {now_ms} "
          "WHERE name = $1",
          {worker});
      return std::nullopt;
    }
    Task t = task_from_row(r.rows[0]);
    db_->exec(
        "UPDATE workers SET state = 'running', task_id = $2, heartbeat_ms = {now_ms} "
        "WHERE name = $1",
        {worker, t.id});
    return t;
  });
  return claimed;
}

bool SqlStore::heartbeat(const Lease& lease, double lease_seconds) {
  const auto r = db_->exec(
      "UPDATE tasks SET lease_until_ms = {now_ms} + $3 WHERE id = $1 AND epoch = $2 "
      "AND state = 'running'",
      {lease.task_id, lease.epoch, static_cast<std::int64_t>(lease_seconds * 1000)});
  db_->exec("UPDATE workers SET heartbeat_ms = {now_ms} WHERE task_id = $1", {lease.task_id});
  return r.affected == 1;
}

bool SqlStore::complete(const Lease& lease, const std::vector<RecordKey>& keys,
                        const std::vector<json>& bodies, const json& value,
                        const std::string& output_sha256) {
  return in_transaction(*db_, [&] {
    const auto r = db_->exec(
        "UPDATE tasks SET state = 'done', value = $3, output_sha256 = $4, last_error = '', "
        "stderr_tail = '', lease_until_ms = NULL, updated_ms = {now_ms} "
        "WHERE id = $1 AND epoch = $2 AND state = 'running' RETURNING worker",
        {lease.task_id, lease.epoch, value.is_null() ? SqlValue{} : SqlValue{value.dump()},
         output_sha256});
    if (r.rows.empty()) return false;  // fenced: the lease is gone, write nothing
    // Earlier runs of this task (a reset, an unsteady rerun) stay; these follow them.
    const auto base = db_->exec("SELECT COALESCE(MAX(run) + 1, 0) FROM records WHERE task_id = $1",
                                {lease.task_id});
    const int first = static_cast<int>(base.rows.at(0).integer(0));
    for (std::size_t i = 0; i < bodies.size(); ++i)
      insert_record(keys.at(i), bodies[i], lease.task_id, first + static_cast<int>(i));
    db_->exec("UPDATE workers SET state = 'idle', task_id = NULL WHERE name = $1",
              {r.rows[0].text(0)});
    if (auto done = task_by_id(lease.task_id); done && !bodies.empty())
      update_derived_priorities(*done, bodies.back());
    return true;
  });
}

void SqlStore::update_derived_priorities(const Task& done, const json& body) {
  // A stage may take its priority from this one's result: scale * the value at a JSON pointer
  // (seed 000 orders accuracy runs by the model's mean F1 score).
  for (const Task& t : tasks(done.model_sha256)) {
    const json from = t.spec.value("priority_from", json());
    if (!from.is_object() || from.value("stage", "") != done.stage || t.state != "queued") continue;
    const json::json_pointer field(from.value("field", ""));
    if (!body.contains(field) || !body.at(field).is_number()) continue;
    const double p = from.value("scale", 1.0) * body.at(field).get<double>();
    db_->exec("UPDATE tasks SET priority = $2 WHERE id = $1", {t.id, static_cast<std::int64_t>(p)});
  }
}

bool SqlStore::fail(const Lease& lease, const std::string& error, const std::string& tail) {
  const auto r = db_->exec(
      "UPDATE tasks SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' "
      "END, last_error = $3, stderr_tail = $4, worker = NULL, lease_until_ms = NULL, "
      "updated_ms = {now_ms} WHERE id = $1 AND epoch = $2 AND state = 'running'",
      {lease.task_id, lease.epoch, error, tail});
  return r.affected == 1;
}

bool SqlStore::release(const Lease& lease) {
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
