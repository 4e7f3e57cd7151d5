// Models and their tasks: submitting, listing, and the user's levers (priority, reset, cancel,
// delete).
#include "store/sql_store.h"

namespace onnxbench::store {

using nlohmann::json;

const char* const kTaskColumns =
    "t.id, t.model_sha256, t.stage, t.state, t.spec, t.priority, t.attempts, t.max_attempts, "
    "t.epoch, t.worker, t.last_error, t.stderr_tail, t.output_sha256, t.value, t.updated_ms, "
    "({now_ms} - t.updated_ms) / 1000.0, t.measures, t.claimed_ms";

Task task_from_row(const SqlRow& row) {
  Task t;
  t.id = row.integer(0);
  t.model_sha256 = row.text(1);
  t.stage = row.text(2);
  t.state = row.text(3);
  t.spec = json::parse(row.text(4));
  t.needs = t.spec.value("needs", std::vector<std::string>{});
  t.requires_caps = t.spec.value("requires", std::vector<std::string>{});
  t.priority = static_cast<int>(row.integer(5));
  t.attempts = static_cast<int>(row.integer(6));
  t.max_attempts = static_cast<int>(row.integer(7));
  t.epoch = row.integer(8);
  t.worker = row.text(9);
  t.last_error = row.text(10);
  t.stderr_tail = row.text(11);
  t.output_sha256 = row.text(12);
  if (!row.null(13)) t.value = json::parse(row.text(13));
  t.state_since_ms = row.integer(14);  // every state change sets updated_ms, nothing else does
  t.seconds_in_state = row.real(15);
  t.measures = row.integer(16) != 0;
  t.claimed_ms = row.integer(17);
  t.dimensions = t.spec.value("dimensions", std::map<std::string, std::string>{});
  return t;
}

bool SqlStore::submit(const Model& m, const std::vector<Task>& tasks) {
  const bool created = in_transaction(*db_, [&] {
    const bool fresh = db_->exec("SELECT 1 FROM models WHERE sha256 = $1", {m.sha256}).rows.empty();
    const SqlValue override_value =
        m.priority_override ? SqlValue{std::int64_t{*m.priority_override}} : SqlValue{};
    if (fresh) {
      db_->exec(
          "INSERT INTO models (sha256, name, pipeline, priority_override, submitted_at) "
          "VALUES ($1, $2, $3, $4, $5)",
          {m.sha256, m.name, m.pipeline, override_value, m.submitted_at});
    } else if (m.priority_override) {
      set_override(m.sha256, override_value);
    }
    // Stages already there keep their state and results: submitting twice adds no work.
    for (const Task& t : tasks) {
      const std::int64_t urgency = m.priority_override.value_or(t.priority);
      const auto r = db_->exec(
          "INSERT INTO tasks (model_sha256, stage, spec, priority, urgency, state, max_attempts, "
          "measures, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, {now_ms}) "
          "ON CONFLICT (model_sha256, stage) DO NOTHING RETURNING id",
          {m.sha256, t.stage, t.spec.dump(), std::int64_t{t.priority}, urgency,
           t.state.empty() ? std::string("queued") : t.state, std::int64_t{t.max_attempts},
           std::int64_t{t.measures ? 1 : 0}});
      if (r.rows.empty()) continue;
      const std::int64_t id = r.rows[0].integer(0);
      for (const auto& need : t.needs)
        db_->exec("INSERT INTO task_needs (task_id, stage) VALUES ($1, $2)", {id, need});
      for (const auto& cap : t.requires_caps)
        db_->exec("INSERT INTO task_requires (task_id, capability) VALUES ($1, $2)", {id, cap});
      for (const auto& [key, value] : t.dimensions)
        db_->exec("INSERT INTO task_dims (task_id, key, value) VALUES ($1, $2, $3)",
                  {id, key, value});
    }
    return fresh;
  });
  notify_work();
  return created;
}

std::vector<Model> SqlStore::models(const std::string& model) {
  const auto r = db_->exec(
      "SELECT sha256, name, pipeline, priority_override, submitted_at FROM models "
      "WHERE $1 = '' OR name = $1 OR sha256 LIKE $1 || '%' ORDER BY submitted_at, name",
      {model});
  std::vector<Model> out;
  for (const auto& row : r.rows) {
    Model m{row.text(0), row.text(1), row.text(2), std::nullopt, row.text(4)};
    if (!row.null(3)) m.priority_override = static_cast<int>(row.integer(3));
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<Model> SqlStore::find_model(const std::string& name_or_sha) {
  auto all = models(name_or_sha);
  if (all.empty()) return std::nullopt;
  if (all.size() > 1)
    throw InputError("model '" + name_or_sha + "' is ambiguous: " + std::to_string(all.size()) +
                     " submitted models match; give more of its sha256");
  return all[0];
}

std::vector<Task> SqlStore::tasks(const std::string& model_sha256) {
  const auto r = db_->exec(std::string("SELECT ") + kTaskColumns +
                               " FROM tasks t WHERE $1 = '' OR t.model_sha256 = $1 ORDER BY t.id",
                           {model_sha256});
  std::vector<Task> out;
  for (const auto& row : r.rows) out.push_back(task_from_row(row));
  return out;
}

std::vector<Task> SqlStore::task_states() {
  const auto r = db_->exec(
      "SELECT id, model_sha256, stage, state, priority, attempts, worker, last_error, value "
      "FROM tasks ORDER BY id");
  std::vector<Task> out;
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) {
    Task t;
    t.id = row.integer(0);
    t.model_sha256 = row.text(1);
    t.stage = row.text(2);
    t.state = row.text(3);
    t.priority = static_cast<int>(row.integer(4));
    t.attempts = static_cast<int>(row.integer(5));
    t.worker = row.text(6);
    t.last_error = row.text(7);
    if (!row.null(8)) t.value = json::parse(row.text(8));
    out.push_back(std::move(t));
  }
  return out;
}

bool SqlStore::update_waiting_task(std::int64_t id, const json& old_spec, const json& spec,
                                   bool ready) {
  const auto r = db_->exec(
      "UPDATE tasks SET spec = $3, state = $4, updated_ms = {now_ms} "
      "WHERE id = $1 AND state = 'waiting' AND spec = $2",
      {id, old_spec.dump(), spec.dump(), std::string(ready ? "queued" : "waiting")});
  if (ready && r.affected == 1) notify_work();
  return r.affected == 1;
}

std::vector<StageCount> SqlStore::stage_counts() {
  const auto r = db_->exec(
      "SELECT stage, state, COUNT(*) FROM tasks GROUP BY stage, state ORDER BY stage, state");
  std::vector<StageCount> out;
  for (const auto& row : r.rows) out.push_back({row.text(0), row.text(1), row.integer(2)});
  return out;
}

std::vector<std::int64_t> SqlStore::queue_order() {
  const auto r = db_->exec(
      std::string("SELECT t.id FROM tasks t WHERE t.state = 'queued' ORDER BY ") + kClaimOrder);
  std::vector<std::int64_t> out;
  for (const auto& row : r.rows) out.push_back(row.integer(0));
  return out;
}

void SqlStore::set_override(const std::string& sha, const SqlValue& p) {
  // The model's tasks carry the effective priority that claims order by, so queued work
  // re-orders at once.
  db_->exec("UPDATE models SET priority_override = $2 WHERE sha256 = $1", {sha, p});
  db_->exec("UPDATE tasks SET urgency = COALESCE($2, priority) WHERE model_sha256 = $1", {sha, p});
}

void SqlStore::set_priority_override(const std::string& sha, std::optional<int> p) {
  in_transaction(*db_, [&] { set_override(sha, p ? SqlValue{std::int64_t{*p}} : SqlValue{}); });
  notify_work();
}

void SqlStore::free_devices_of(const std::string& sha, const std::string& stage) {
  db_->exec(
      "UPDATE devices SET lease_worker = NULL, lease_task_id = NULL, lease_until_ms = NULL "
      "WHERE lease_task_id IN (SELECT id FROM tasks WHERE model_sha256 = $1 "
      "AND ($2 = '' OR stage = $2))",
      {sha, stage});
}

int SqlStore::reset(const std::string& sha, const std::string& stage) {
  free_devices_of(sha, stage);
  // A stage that still waits for a setting (its spec lists what in waits_for) goes back to
  // waiting, not to the queue.
  const auto r = db_->exec(
      "UPDATE tasks SET state = CASE WHEN spec LIKE '%\"waits_for\":[\"%' THEN 'waiting' "
      "ELSE 'queued' END, attempts = 0, worker = NULL, lease_until_ms = NULL, "
      "last_error = '', stderr_tail = '', updated_ms = {now_ms} "
      "WHERE model_sha256 = $1 AND ($2 = '' OR stage = $2)",
      {sha, stage});
  notify_work();
  return static_cast<int>(r.affected);
}

int SqlStore::reset_unsteady(double cv) {
  int count = 0;
  for (const Task& t : tasks("")) {
    const json command = t.spec.value("command", json::array());
    if (t.state != "done" || command.empty() || command[0] != "bench") continue;
    RecordQuery q;
    q.task_id = t.id;
    const auto runs = records(q);
    if (runs.empty()) continue;
    const json& last = runs.back().body;
    const double run_cv = last.value("/measure/latency_ms/cv"_json_pointer, 0.0);
    if (run_cv > cv) count += reset(t.model_sha256, t.stage);
  }
  return count;
}

int SqlStore::cancel(const std::string& sha, const std::string& stage) {
  free_devices_of(sha, stage);
  const auto r = db_->exec(
      "UPDATE tasks SET state = 'cancelled', worker = NULL, updated_ms = {now_ms} "
      "WHERE model_sha256 = $1 AND ($2 = '' OR stage = $2) "
      "AND state IN ('waiting', 'queued', 'running')",
      {sha, stage});
  return static_cast<int>(r.affected);
}

void SqlStore::delete_model(const std::string& sha) {
  in_transaction(*db_, [&] {
    free_devices_of(sha, "");
    db_->exec(
        "DELETE FROM records WHERE model_sha256 = $1 OR task_id IN "
        "(SELECT id FROM tasks WHERE model_sha256 = $1)",
        {sha});
    db_->exec("DELETE FROM tasks WHERE model_sha256 = $1", {sha});
    db_->exec("DELETE FROM models WHERE sha256 = $1", {sha});
  });
}

}  // namespace onnxbench::store
