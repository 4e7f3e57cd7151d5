// The Store over an SqlConnection: one implementation for both backends, so they share every
// statement and therefore their semantics. Split by concern across sql_store_*.cpp.
#pragma once

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
  std::vector<StageCount> stage_counts() override;
  std::vector<std::int64_t> queue_order() override;
  void set_priority_override(const std::string& model_sha256, std::optional<int> p) override;
  int reset(const std::string& model_sha256, const std::string& stage) override;
  int reset_unsteady(double cv) override;
  int cancel(const std::string& model_sha256) override;
  void delete_model(const std::string& model_sha256) override;

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
  std::int64_t insert_record(const RecordKey& key, const nlohmann::json& body,
                             std::optional<std::int64_t> task_id, int run);
  void update_derived_priorities(const Task& done, const nlohmann::json& body);
  std::optional<Task> task_by_id(std::int64_t id);

  std::unique_ptr<SqlConnection> db_;
  std::string url_;
};

// The order claims take queued tasks in: effective priority (the model's override first), then
// submission. Over tasks t joined with their models m.
extern const char* const kClaimOrder;

// Task rows as every task query selects them (kTaskColumns) and reads them back.
extern const char* const kTaskColumns;
Task task_from_row(const SqlRow& row);

}  // namespace onnxbench::store
