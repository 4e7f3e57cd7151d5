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
      // 3: devices (named places to measure, with dimensions) and their leases. A measuring task
      // holds a device of its worker for as long as it holds its own lease: the device row names
      // the task and the epoch of that claim, so the task's heartbeat, expiry and fencing govern
      // both. Tasks carry whether they measure; their required dimensions are matched against a
      // free device's (Swarming's bot dimensions). When a task was last claimed is kept, so that
      // its run shows from claim to completion.
      R"SQL(
CREATE TABLE devices (
  name TEXT PRIMARY KEY, url TEXT NOT NULL, added_at TEXT NOT NULL,
  probe TEXT, probed_at TEXT NOT NULL DEFAULT '',
  lease_worker TEXT, lease_task_id BIGINT, lease_epoch BIGINT NOT NULL DEFAULT 0,
  lease_until_ms BIGINT, consecutive_failures INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0, temperature_c DOUBLE PRECISION);
CREATE TABLE device_dims (
  device TEXT NOT NULL REFERENCES devices (name) ON DELETE CASCADE, key TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX device_dims_device ON device_dims (device);
CREATE TABLE worker_devices (worker TEXT NOT NULL, device TEXT NOT NULL);
CREATE INDEX worker_devices_worker ON worker_devices (worker);
CREATE TABLE task_dims (
  task_id BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, key TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX task_dims_task ON task_dims (task_id);
ALTER TABLE tasks ADD COLUMN measures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN claimed_ms BIGINT;
UPDATE tasks SET measures = 1 WHERE spec LIKE '%"command":["bench"%'
  OR spec LIKE '%"command":["profile"%' OR spec LIKE '%"command":["eval"%';
)SQL",
  };
  return all;
}

}  // namespace onnxbench::store
