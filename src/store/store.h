// The store (DESIGN.md, "The store and the fleet"): records, content-addressed artifacts, models,
// tasks and workers, behind one interface with two backends (SQLite, PostgreSQL) that share one
// schema and one set of SQL statements (src/store/store_sql.cpp).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench::store {

// What a record is filed under. The body is the JSON that the command's --json writes.
struct RecordKey {
  std::string model_sha256, kind, engine, host, created_at;  // created_at: ISO 8601 UTC
  nlohmann::json config = nlohmann::json::object();          // the effective config
};

struct Record {
  std::int64_t id = 0;
  RecordKey key;
  std::optional<std::int64_t> task_id;  // set when a farm stage produced it
  int run = 0;                          // reruns of an unsteady stage: 0, 1, 2, ...
  nlohmann::json body;
};

// Empty fields match everything. model: a sha256 prefix or a submitted model's name.
struct RecordQuery {
  std::string model{}, kind{}, engine{}, since{};
  std::optional<std::int64_t> task_id{};
};

struct Model {
  std::string sha256, name, pipeline;  // pipeline: the name the tasks were created from
  std::optional<int> priority_override;
  std::string submitted_at;
};

// One (model, stage). states: waiting (for a setting such as the data set, see
// farm/settings.h), queued, running, done, failed, cancelled.
struct Task {
  std::int64_t id = 0;
  std::string model_sha256, stage, state;
  nlohmann::json spec;  // the pipeline stage, as submitted (command, input, output, ...)
  std::vector<std::string> needs, requires_caps;
  // A measuring task (bench, profile, eval) runs only while its worker holds a device whose
  // dimensions include all of these (KEY -> VALUE); `device` is the one its claim took.
  bool measures = false;
  std::map<std::string, std::string> dimensions;
  std::string device;
  int priority = 0, attempts = 0, max_attempts = 3;
  std::int64_t epoch = 0;  // bumped by every claim; completion is fenced by it
  std::string worker, last_error, stderr_tail, output_sha256;
  nlohmann::json value;  // what the status table shows once done (null: none)
  // When the task entered its state (ms since the epoch) and how long ago, both by the store's
  // clock, so that workers and dashboards on other machines agree.
  std::int64_t state_since_ms = 0;
  double seconds_in_state = 0;
  std::int64_t claimed_ms = 0;  // when it was last claimed (0: never), by the store's clock
};

// A claimed task: the worker holds it while its lease stands at this epoch.
struct Lease {
  std::int64_t task_id = 0, epoch = 0;
};

struct Worker {
  std::string name, host, state, started_at, heartbeat_at;  // state: idle, running, stopped
  std::vector<std::string> capabilities;
  std::vector<std::string> devices;     // the devices of its host it measures on
  std::optional<std::int64_t> task_id;  // the task it holds a lease on (then state is running)
  std::string task_stage, task_model_sha256;
  double seconds_since_heartbeat = 0;
};

// A named place to measure (DESIGN.md, "Devices"). The URL is checked (DeviceUrl::parse) before
// it is stored and never holds a secret. Dimensions are KEY -> values, as Swarming's bots have.
struct Device {
  std::string name, url, added_at;
  std::map<std::string, std::vector<std::string>> dimensions;
  nlohmann::json probe;  // the last probe's reading (null: never probed)
  std::string probed_at;
  // quarantined, busy (a measuring task holds its lease) or idle.
  std::string state;
  // The lease: the worker and the task (at the epoch of its claim) measuring on it, and how long
  // the lease still stands. A lease past its expiry leaves the device idle.
  std::string lease_worker;
  std::optional<std::int64_t> task_id;
  std::int64_t lease_epoch = 0;
  double lease_seconds_left = 0;
  std::string task_stage, task_model_sha256;
  int consecutive_failures = 0;
  bool quarantined = false;
  std::optional<double> temperature_c;  // the hottest zone at its last measurement
};

// What one measuring attempt on a device did to it: failures count up until `quarantine_after`
// in a row quarantine it; a success clears them.
struct DeviceAttempt {
  bool ok = false;
  int quarantine_after = 5;
  std::optional<double> temperature_c;
};

// Per stage and state: how many tasks.
struct StageCount {
  std::string stage, state;
  std::int64_t count = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Schema: versions are migrations applied in order (src/store/migrations.cpp).
  virtual int schema_version() = 0;  // 0: empty store
  virtual int latest_schema_version() const = 0;
  virtual void migrate() = 0;  // applies what is missing; a no-op when current
  virtual std::string url() const = 0;
  virtual std::string backend() const = 0;  // "sqlite" or "postgresql"

  // Records. add_record returns the new id.
  virtual std::int64_t add_record(const RecordKey& key, const nlohmann::json& body) = 0;
  virtual std::vector<Record> records(const RecordQuery& query) = 0;

  // Artifacts: the file is read and stored in chunks; returns its sha256. get_artifact writes the
  // blob to `path` and throws Error when its content does not hash to `sha256`.
  virtual std::string put_artifact(const std::string& path) = 0;
  virtual void get_artifact(const std::string& sha256, const std::string& path) = 0;
  virtual bool has_artifact(const std::string& sha256) = 0;

  // Models and their tasks, created together in one transaction. A model already submitted keeps
  // its tasks (no duplicate work); the priority override is updated when given.
  virtual bool submit(const Model& model, const std::vector<Task>& tasks) = 0;
  virtual std::vector<Model> models(const std::string& model = "") = 0;
  virtual std::optional<Model> find_model(const std::string& name_or_sha) = 0;
  virtual std::vector<Task> tasks(const std::string& model_sha256 = "") = 0;
  // Every task without its spec, needs and requirements: what the status table shows.
  virtual std::vector<Task> task_states() = 0;
  // A waiting task gets a new spec (a setting filled in), and is queued when `ready`; false when
  // it is no longer waiting or its spec changed meanwhile.
  virtual bool update_waiting_task(std::int64_t id, const nlohmann::json& old_spec,
                                   const nlohmann::json& spec, bool ready) = 0;
  virtual std::vector<StageCount> stage_counts() = 0;
  // Queued task ids in the order claims take them (a worker skips those whose needs are not done
  // or whose capabilities it lacks): the status table's queue position.
  virtual std::vector<std::int64_t> queue_order() = 0;
  virtual void set_priority_override(const std::string& model_sha256, std::optional<int> p) = 0;
  // Back to queued (attempts reset), or to waiting for a stage still waiting for a setting;
  // stage empty: every stage. Returns how many.
  virtual int reset(const std::string& model_sha256, const std::string& stage) = 0;
  // Bench stages whose record has a coefficient of variation above `cv` go back to queued.
  virtual int reset_unsteady(double cv) = 0;
  // Cancels waiting, queued and running stages; stage empty: every stage. Returns how many.
  virtual int cancel(const std::string& model_sha256, const std::string& stage = "") = 0;
  virtual void delete_model(const std::string& model_sha256) = 0;

  // Devices. add_device is false when the name is taken; remove_device throws InputError while a
  // task measures on it. reset_device clears quarantine and failures; false: no such device.
  virtual bool add_device(const Device& device) = 0;
  virtual std::vector<Device> devices(const std::string& name = "") = 0;
  virtual std::optional<Device> find_device(const std::string& name) = 0;
  virtual bool remove_device(const std::string& name) = 0;
  virtual bool reset_device(const std::string& name) = 0;
  virtual bool set_device_probe(const std::string& name, const nlohmann::json& probe) = 0;
  // The end of a measuring attempt on the device the lease holds (fenced like complete): false
  // when the lease is gone.
  virtual bool device_attempt_ended(const Lease& lease, const DeviceAttempt& attempt) = 0;

  // Workers. register_worker also records the capabilities and devices that claims match
  // against; its devices must be in the store, except `local`, which it adds when missing.
  virtual void register_worker(const Worker& worker) = 0;
  virtual void worker_stopped(const std::string& name) = 0;
  virtual std::vector<Worker> workers() = 0;

  // The most urgent queued task whose needs are done and whose required capabilities the worker
  // has; a measuring task also takes the lease of a free, unquarantined device of the worker whose
  // dimensions match its own (Task::device). Expired leases return to the queue (or fail past
  // max_attempts) at most once a second and whenever nothing else is queued.
  virtual std::optional<Task> claim(const std::string& worker, double lease_seconds) = 0;
  // Renews the lease, and its device's; false when either was lost (expired and taken, cancelled,
  // reset). complete, fail and release also free the device.
  virtual bool heartbeat(const Lease& lease, double lease_seconds) = 0;
  // Stores the records and marks the task done, only while the lease stands (else false and
  // nothing is written). Also computes priorities of stages that take theirs from this one.
  virtual bool complete(const Lease& lease, const std::vector<RecordKey>& keys,
                        const std::vector<nlohmann::json>& bodies, const nlohmann::json& value,
                        const std::string& output_sha256) = 0;
  // One failed attempt: back to queued, or failed when attempts are used up. Fenced like complete.
  virtual bool fail(const Lease& lease, const std::string& error,
                    const std::string& stderr_tail) = 0;
  // Hands the task back without counting the attempt (the worker is stopping).
  virtual bool release(const Lease& lease) = 0;

  // Wake-up of idle workers: PostgreSQL LISTEN/NOTIFY; SQLite sleeps. Returns on a notification
  // or after `seconds`.
  virtual void notify_work() = 0;
  virtual void wait_for_work(double seconds) = 0;
};

// "postgresql://..." or "postgres://..." opens PostgreSQL; anything else is an SQLite file path
// (an optional "sqlite:" prefix is dropped). Throws InputError naming the URL when the store
// cannot be opened or reached. Migrates an empty store when `migrate` is true.
std::unique_ptr<Store> open_store(const std::string& url, bool migrate = true);

// For commands that only read a store: as open_store, but a store that does not exist yet (no
// SQLite file, or a PostgreSQL database without onnxbench's tables) is an InputError saying how
// one is made, never a new empty store.
std::unique_ptr<Store> open_existing_store(const std::string& url, bool migrate = true);

// --store when given, else $ONNXBENCH_STORE, else ./onnxbench.db.
std::string resolve_store_url(const std::string& flag);

}  // namespace onnxbench::store
