#include "store/migrations.h"

namespace onnxbench::store {

const std::vector<std::string>& migrations() {
  static const std::vector<std::string> all = {
      // 1: records, artifacts, models, tasks, workers.
      R"SQL(
CREATE TABLE records (
  id {id}, model_sha256 TEXT NOT NULL, kind TEXT NOT NULL, engine TEXT NOT NULL,
  config TEXT NOT NULL, host TEXT NOT NULL, created_at TEXT NOT NULL,
  task_id BIGINT, run INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
CREATE UNIQUE INDEX records_task_run ON records (task_id, run);
CREATE INDEX records_model_kind ON records (model_sha256, kind);
CREATE TABLE artifacts (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, chunks INTEGER NOT NULL);
CREATE TABLE artifact_chunks (
  sha256 TEXT NOT NULL, idx INTEGER NOT NULL, data {blob} NOT NULL, PRIMARY KEY (sha256, idx));
CREATE TABLE models (
  sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, pipeline TEXT NOT NULL,
  priority_override INTEGER, submitted_at TEXT NOT NULL);
CREATE TABLE tasks (
  id {id}, model_sha256 TEXT NOT NULL REFERENCES models (sha256) ON DELETE CASCADE,
  stage TEXT NOT NULL, spec TEXT NOT NULL, priority INTEGER NOT NULL, state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL,
  epoch BIGINT NOT NULL DEFAULT 0, worker TEXT, lease_until_ms BIGINT,
  last_error TEXT NOT NULL DEFAULT '', stderr_tail TEXT NOT NULL DEFAULT '',
  output_sha256 TEXT NOT NULL DEFAULT '', value TEXT, updated_ms BIGINT NOT NULL,
  UNIQUE (model_sha256, stage));
CREATE INDEX tasks_state ON tasks (state, priority);
CREATE TABLE task_needs (
  task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, stage TEXT NOT NULL);
CREATE INDEX task_needs_task ON task_needs (task_id);
CREATE TABLE task_requires (
  task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, capability TEXT NOT NULL);
CREATE INDEX task_requires_task ON task_requires (task_id);
CREATE TABLE workers (
  name TEXT PRIMARY KEY, host TEXT NOT NULL, state TEXT NOT NULL, task_id BIGINT,
  started_at TEXT NOT NULL, heartbeat_ms BIGINT NOT NULL);
CREATE TABLE worker_caps (worker TEXT NOT NULL, capability TEXT NOT NULL);
CREATE INDEX worker_caps_worker ON worker_caps (worker);
)SQL",
      // 2: a claim walks one index in order of urgency (the model's override, else the stage's
      // priority) instead of sorting every queued task; what a worker is doing is read from the
      // task it holds, so claims and completions write one row.
      R"SQL(
ALTER TABLE tasks ADD COLUMN urgency INTEGER NOT NULL DEFAULT 0;
UPDATE tasks SET urgency = COALESCE(
  (SELECT m.priority_override FROM models m WHERE m.sha256 = tasks.model_sha256), priority);
DROP INDEX tasks_state;
CREATE INDEX tasks_queue ON tasks (urgency, id) WHERE state = 'queued';
CREATE INDEX tasks_leases ON tasks (lease_until_ms) WHERE state = 'running';
CREATE INDEX tasks_worker ON tasks (worker) WHERE state = 'running';
CREATE INDEX tasks_stage_state ON tasks (stage, state);
ALTER TABLE workers DROP COLUMN task_id;
)SQL",
  };
  return all;
}

}  // namespace onnxbench::store
