// The Store over an SqlConnection: one implementation for both backends, so they share every
// statement and therefore their semantics. Split by concern across sql_store_*.cpp.
#pragma once

#include <chrono>

#include "store/sql.h"
#include "store/store.h"

namespace onnxbench::store {

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> db, std::string url);

  int schema_version() override;
  int latest_schema_version() const override;
  void migrate() override;
  std::string url() const override { return url_; }
  std::string backend() const override;

  std::int64_t add_record(const RecordKey& key, const nlohmann::json& body) override;
  std::vector<Record> records(const RecordQuery& query) override;
  std::string put_artifact(const std::string& path) override;
  void get_artifact(const std::string& sha256, const std::string& path) override;
  bool has_artifact(const std::string& sha256) override;

  bool submit(const Model& model, const std::vector<Task>& tasks) override;
  std::vector<Model> models(const std::string& model) override;
  std::optional<Model> find_model(const std::string& name_or_sha) override;
  std::vector<Task> tasks(const std::string& model_sha256) override;
  std::vector<Task> task_states() override;
  bool update_waiting_task(std::int64_t id, const nlohmann::json& old_spec,
                           const nlohmann::json& spec, bool ready) override;
  std::vector<StageCount> stage_counts() override;
  std::vector<std::int64_t> queue_order() override;
  void set_priority_override(const std::string& model_sha256, std::optional<int> p) override;
  int reset(const std::string& model_sha256, const std::string& stage) override;
  int reset_unsteady(double cv) override;
  int cancel(const std::string& model_sha256, const std::string& stage) override;
  void delete_model(const std::string& model_sha256) override;

  bool add_device(const Device& device) override;
  std::vector<Device> devices(const std::string& name) override;
  std::optional<Device> find_device(const std::string& name) override;
  bool remove_device(const std::string& name) override;
  bool reset_device(const std::string& name) override;
  bool set_device_probe(const std::string& name, const nlohmann::json& probe) override;
  bool device_attempt_ended(const Lease& lease, const DeviceAttempt& attempt) override;

  void register_worker(const Worker& worker) override;
  void worker_stopped(const std::string& name) override;
  std::vector<Worker> workers() override;
  std::optional<Task> claim(const std::string& worker, double lease_seconds) override;
  bool heartbeat(const Lease& lease, double lease_seconds) override;
  bool complete(const Lease& lease, const std::vector<RecordKey>& keys,
                const std::vector<nlohmann::json>& bodies, const nlohmann::json& value,
                const std::string& output_sha256) override;
  bool fail(const Lease& lease, const std::string& error, const std::string& stderr_tail) override;
  bool release(const Lease& lease) override;
  void notify_work() override;
  void wait_for_work(double seconds) override;

 private:
  // The record follows the task's earlier runs (run 0, 1, ...).
  std::int64_t insert_record(const RecordKey& key, const nlohmann::json& body,
                             std::optional<std::int64_t> task_id);
  void update_derived_priorities(const std::string& model_sha256, const std::string& stage,
                                 const nlohmann::json& body);
  // The model's priority override and its tasks' urgency, together (inside a transaction).
  void set_override(const std::string& model_sha256, const SqlValue& priority);
  // Running tasks whose lease ran out go back to the queue (or fail); true when there were any.
  bool return_expired_leases();
  // A measuring task just claimed takes a free matching device of the worker; false when another
  // worker took the last one meanwhile.
  bool lease_device(const std::string& worker, Task& task, std::int64_t lease_ms);
  // The device a task's lease holds is free again (fenced by the task's epoch).
  void free_device(const Lease& lease);
  // Devices held by a model's tasks (one stage, or all) that a reset, cancel or delete takes.
  void free_devices_of(const std::string& model_sha256, const std::string& stage);

  std::unique_ptr<SqlConnection> db_;
  std::string url_;
  std::chrono::steady_clock::time_point last_sweep_{}, last_worker_beat_{};
};

// The order claims take queued tasks in: urgency (the model's override, else the stage's
// priority), then submission; over tasks t, along the tasks_queue index.
extern const char* const kClaimOrder;

// SQL condition on a device row `d`: free (no lease, or an expired one), not quarantined, served
// by worker $1, and with every dimension task `t` requires.
extern const char* const kFreeMatchingDevice;

// Task rows as every task query selects them (kTaskColumns) and reads them back.
extern const char* const kTaskColumns;
Task task_from_row(const SqlRow& row);

}  // namespace onnxbench::store
