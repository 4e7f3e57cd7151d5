#include "farm/worker.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/error.h"
#include "core/host_info.h"
#include "core/utc_time.h"
#include "engines/registry.h"
#include "engines/work_folder.h"
#include "farm/measuring_device.h"
#include "farm/stage_runner.h"
#include "store/record_key.h"
#include "store/record_names.h"
#include "store/sql.h"

namespace onnxbench::farm {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> detected_capabilities() {
  std::vector<std::string> caps;
  for (const auto& engine : known_engines()) {
    try {
      runner_command(engine);
      caps.push_back("engine:" + engine);
    } catch (const Error&) {
      // not installed here: the worker does not take this engine's stages
    }
  }
  const HostInfo host = host_info();
  caps.push_back("host:" + host.hostname);
  caps.push_back("cpu:" + host.cpu_model);
  return caps;
}

namespace {

void log(const std::string& worker, const std::string& message) {
  std::cerr << utc_now_iso8601() << " worker " << worker << ": " << message << std::endl;
}

// Runs `op` until the store answers; the database may be restarting. Gives up only on stop.
template <class F>
auto patiently(const std::string& worker, const std::atomic<bool>& stop, F&& op) -> decltype(op()) {
  for (int waited = 0;; ++waited) {
    try {
      return op();
    } catch (const store::StoreUnavailable& e) {
      if (waited == 0) log(worker, std::string(e.what()) + "; waiting for it");
      if (stop.load()) throw;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  }
}

std::string self_executable() { return fs::read_symlink("/proc/self/exe").string(); }

// The records under the submitted model's name; a record of an earlier stage's artifact as a
// precision of the model (store/record_names.h). Returns whether the stage's result rests on
// random calibration data (its own command's, or that of the stage whose artifact it reads); its
// records then say so (random_calibration), for every view that shows them.
bool name_records(store::Store& s, const store::Task& task, const Stage& stage,
                  std::vector<json>& records) {
  const auto model = s.find_model(task.model_sha256);
  bool random = calibrated_on_random_data(task.spec.value("command", json::array()));
  std::string precision;
  if (stage.input != "model")
    for (const auto& other : s.tasks(task.model_sha256))
      if (other.stage == stage.input) {
        const json producer = other.spec.value("command", json::array());
        precision = store::artifact_precision(producer);
        random = random || calibrated_on_random_data(producer);
      }
  for (auto& body : records) {
    store::name_record(body, task.model_sha256, model ? model->name : "");
    if (!precision.empty() && body.is_object() && !body.contains("precision"))
      body["precision"] = precision;
    if (random && body.is_object()) body["random_calibration"] = true;
  }
  return random;
}

// The local file of the artifact the stage reads: the submitted model or an earlier output.
std::string fetch_input(store::Store& s, const store::Task& task, const Stage& stage,
                        const std::string& dir) {
  std::string sha = task.model_sha256;
  if (stage.input != "model")
    for (const auto& other : s.tasks(task.model_sha256))
      if (other.stage == stage.input) sha = other.output_sha256;
  const std::string path = dir + "/input-" + sha.substr(0, 16) + ".onnx";
  if (!fs::exists(path)) s.get_artifact(sha, path);
  return path;
}

}  // namespace

long long run_worker(const WorkerOptions& o, const std::atomic<bool>& stop) {
  auto s = store::open_store(o.store_url);
  std::vector<std::string> caps = detected_capabilities();
  caps.insert(caps.end(), o.capabilities.begin(), o.capabilities.end());
  store::Worker me;
  me.name = o.name;
  me.host = host_info().hostname;
  me.capabilities = caps;
  me.devices = o.devices.empty() ? std::vector<std::string>{"local"} : o.devices;
  patiently(o.name, stop, [&] { s->register_worker(me); });
  std::string caps_text;
  for (const auto& c : caps) caps_text += " " + c;
  std::string devices_text;
  for (const auto& d : me.devices) devices_text += " " + d;
  log(o.name,
      "started on " + s->url() + ", capabilities:" + caps_text + "; devices:" + devices_text);
  // Removed on every way out, an error from the store included.
  const WorkFolder work_folder("worker");
  const std::string& root = work_folder.path();

  MeasuringDevice measuring;
  long long done = 0;
  auto idle_since = std::chrono::steady_clock::now();
  while (!stop.load() && (o.max_tasks == 0 || done < o.max_tasks)) {
    auto task = patiently(o.name, stop, [&] { return s->claim(o.name, o.lease_s); });
    if (!task) {
      const double idle =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - idle_since).count();
      if (o.idle_exit_s > 0 && idle >= o.idle_exit_s) break;
      patiently(o.name, stop, [&] { s->wait_for_work(o.poll_s); });
      continue;
    }
    const store::Lease lease{task->id, task->epoch};
    const Stage stage = stage_of(*task);
    log(o.name, "running " + stage.name + " of " + task->model_sha256.substr(0, 12) +
                    (task->device.empty() ? "" : " on " + task->device) + " (attempt " +
                    std::to_string(task->attempts) + ")");
    const std::string dir = root + "/task-" + std::to_string(task->id);
    fs::remove_all(dir);
    fs::create_directories(dir);
    StageOutcome out;
    try {
      StageContext c;
      c.onnxbench = self_executable();
      c.input_path = patiently(o.name, stop, [&] { return fetch_input(*s, *task, stage, root); });
      c.work_dir = dir;
      c.memory_limit_bytes = o.memory_limit_bytes;
      c.heartbeat_seconds = o.lease_s / 3;
      c.stop = &stop;
      c.heartbeat = [&] {
        try {
          return s->heartbeat(lease, o.lease_s);
        } catch (const store::StoreUnavailable&) {
          return true;  // cannot tell now; completion is fenced anyway
        }
      };
      if (task->measures) {
        const store::Device device = patiently(o.name, stop, [&] {
          auto d = s->find_device(task->device);
          if (!d) throw InputError("device '" + task->device + "' was removed from the store");
          return *d;
        });
        measuring.open(device, o.cooldown, c);
      }
      out = run_stage(stage, c);
    } catch (const Error& e) {
      out.status = StageOutcome::Status::kFailed;
      out.error = e.what();
    }
    using Status = StageOutcome::Status;
    if (task->measures && (out.status == Status::kDone || out.status == Status::kFailed)) {
      store::DeviceAttempt attempt{out.status == Status::kDone, o.quarantine_after,
                                   measuring.last_hottest_c()};
      patiently(o.name, stop, [&] { return s->device_attempt_ended(lease, attempt); });
    }
    measuring.close();
    if (out.status == Status::kDone) {
      const bool random_calibration =
          patiently(o.name, stop, [&] { return name_records(*s, *task, stage, out.records); });
      std::vector<store::RecordKey> keys;
      for (const auto& body : out.records) {
        store::RecordKey k = store::record_key(stage.command[0], body);
        k.model_sha256 = task->model_sha256;  // filed under the submitted model
        keys.push_back(std::move(k));
      }
      const std::string output_sha = out.output_path.empty() ? "" : patiently(o.name, stop, [&] {
        return s->put_artifact(out.output_path);
      });
      const json value = stage_value(stage, out.records, output_sha, random_calibration);
      const bool kept = patiently(
          o.name, stop, [&] { return s->complete(lease, keys, out.records, value, output_sha); });
      log(o.name,
          kept ? "done " + stage.name : "lease of " + stage.name + " was lost; result dropped");
      if (kept) ++done;
    } else if (out.status == Status::kFailed) {
      log(o.name, "failed " + stage.name + ": " + out.error);
      patiently(o.name, stop, [&] { return s->fail(lease, out.error, out.stderr_tail); });
    } else if (out.status == Status::kStopped) {
      log(o.name, "stopping: handing " + stage.name + " back");
      try {
        s->release(lease);
      } catch (const store::StoreUnavailable&) {
        // its lease runs out instead
      }
    } else {
      log(o.name, "lease of " + stage.name + " was lost (expired, cancelled or reset)");
      patiently(o.name, stop, [&] { return s->release(lease); });  // fenced: frees only ours
    }
    fs::remove_all(dir);
    idle_since = std::chrono::steady_clock::now();
  }
  try {
    s->worker_stopped(o.name);
  } catch (const store::StoreUnavailable&) {
  }
  log(o.name, "stopped after " + std::to_string(done) + " task(s)");
  return done;
}

}  // namespace onnxbench::farm
