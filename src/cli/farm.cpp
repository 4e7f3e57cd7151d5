// onnxbench farm: submit models to the fleet, run workers, and steer queued work (seed 000).
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/devices_commands.h"
#include "cli/farm_commands.h"
#include "cli/open_model.h"
#include "cli/store_options.h"
#include "core/error.h"
#include "core/host_info.h"
#include "core/utc_time.h"
#include "farm/pipeline.h"
#include "farm/worker.h"
#include "graph/loader.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};

struct SubmitOptions {
  StoreOption store;
  std::vector<std::string> models, settings;
  std::string pipeline, name;
  std::optional<int> priority;
};

void run_submit(const SubmitOptions& o) {
  // Everything is checked before anything is queued: pipeline, settings, models, store.
  const farm::Pipeline pipeline =
      o.pipeline.empty() ? farm::default_pipeline() : farm::read_pipeline(o.pipeline);
  std::map<std::string, std::string> settings;
  for (const auto& kv : o.settings) settings.insert(parse_setting(kv, "--set"));
  const auto tasks = farm::pipeline_tasks(pipeline, settings);
  std::set<std::string> waits_for;
  for (const auto& t : tasks)
    for (const auto& key : t.spec.at("waits_for")) waits_for.insert(key.get<std::string>());
  std::string waiting;
  for (const auto& key : waits_for)
    waiting += (waiting.empty() ? "; waiting for " : ", ") + std::string("{") + key +
               "} (farm set " + key + "=...)";
  if (!o.name.empty() && o.models.size() > 1)
    throw InputError("--name gives one model a name; " + std::to_string(o.models.size()) +
                     " models were given");
  for (const auto& path : o.models) open_model(path);  // InputError unless ONNX
  auto s = open_store_option(o.store);
  for (const auto& path : o.models) {
    store::Model m;
    m.sha256 = s->put_artifact(path);
    m.name = o.name.empty() ? fs::path(path).stem().string() : o.name;
    m.pipeline = pipeline.name;
    m.priority_override = o.priority;
    m.submitted_at = utc_now_iso8601();
    const bool fresh = s->submit(m, tasks);
    std::cout << (fresh ? "submitted " : "already submitted ") << m.name << " ("
              << m.sha256.substr(0, 12) << "), pipeline " << pipeline.name << ", " << tasks.size()
              << " stages" << (fresh ? waiting : "") << "\n";
  }
}

struct WorkerCommand {
  farm::WorkerOptions options;
  StoreOption store;
  std::string work_dir;
};

void run_worker_command(const WorkerCommand& command) {
  farm::WorkerOptions o = command.options;
  for (const auto& cap : o.capabilities) farm::check_capability(cap, "--capability");
  o.store_url = store::resolve_store_url(command.store.url);
  open_store_option(command.store);  // a typo in --store: an error, not a new empty store
  if (!command.work_dir.empty()) {
    // The worker's folder, its stages' and their runners' all live under $TMPDIR.
    fs::create_directories(command.work_dir);
    ::setenv("TMPDIR", fs::absolute(command.work_dir).c_str(), 1);
  }
  // Its stages resolve --device NAME in the same store.
  ::setenv("ONNXBENCH_STORE", o.store_url.c_str(), 1);
  if (o.name.empty()) o.name = host_info().hostname + "-" + std::to_string(getpid());
  std::signal(SIGTERM, [](int) { g_stop = true; });
  std::signal(SIGINT, [](int) { g_stop = true; });
  farm::run_worker(o, g_stop);
}

}  // namespace

void add_farm(CLI::App& app) {
  auto* farm = app.add_subcommand(
      "farm",
      "A fleet of workers over a shared store: submit models, run workers, watch and steer.");
  farm->require_subcommand(1);

  auto so = std::make_shared<SubmitOptions>();
  auto* submit = farm->add_subcommand("submit", "Store models and queue their pipeline's stages");
  submit->add_option("MODEL", so->models, "ONNX model files")->required();
  submit->add_option("--pipeline", so->pipeline,
                     "pipeline JSON (default: inspect, quantize, bench float and int8 on each "
                     "engine, accuracy once a data set is set)");
  submit->add_option("--priority", so->priority, "the models' priority override (0 = first)");
  submit->add_option("--name", so->name, "the model's name (default: the file's stem)");
  submit->add_option("--set", so->settings,
                     "fill a {KEY} placeholder of the pipeline, KEY=VALUE: calibration=DIR (images "
                     "or samples to quantize with; random:N only to try the fleet out, marked in "
                     "the results), dataset=DIR (labelled data for accuracy)");
  add_store_create_option(*submit, so->store, "submit the models to");
  submit->callback([so] { run_submit(*so); });

  auto command = std::make_shared<WorkerCommand>();
  farm::WorkerOptions* wo = &command->options;
  auto* worker = farm->add_subcommand("worker", "Claim and run tasks until stopped (SIGTERM)");
  worker->add_option("--name", wo->name, "this worker's name (default: HOST-PID)");
  worker->add_option("--capability", wo->capabilities,
                     "a tag such as device:sm8350 or dataset:coco, added to the detected ones");
  worker
      ->add_option("--device", wo->devices,
                   "a device of this host to measure on, by its name in the store "
                   "(repeatable; default: local); measuring stages hold its lease")
      ->each([](const std::string& name) { check_device_name(name); });
  worker
      ->add_option("--quarantine-after", wo->quarantine_after,
                   "quarantine a device after this many failed measuring attempts in a row "
                   "(until devices reset NAME)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  worker->add_option("--cooldown", wo->cooldown.seconds, "seconds to wait before each measurement")
      ->check(CLI::NonNegativeNumber);
  worker->add_option("--cooldown-below", wo->cooldown.below_c,
                     "before each measurement, wait until the device's hottest thermal zone is "
                     "below this many degrees Celsius");
  worker
      ->add_option("--cooldown-max", wo->cooldown.max_wait_s,
                   "give up waiting for --cooldown-below after this many seconds (the record "
                   "says so)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  worker->add_option("--max-tasks", wo->max_tasks, "exit after completing this many tasks");
  worker->add_option("--idle-exit", wo->idle_exit_s, "exit after this many seconds without work");
  worker->add_option("--lease", wo->lease_s, "lease length in seconds")->capture_default_str();
  worker->add_option("--poll", wo->poll_s, "seconds between looks for work when idle")
      ->capture_default_str();
  worker->add_option("--work-dir", command->work_dir,
                     "where the worker and its stages keep their files, removed as they finish "
                     "(default: $TMPDIR)");
  add_store_read_option(*worker, command->store, "the tasks");
  worker->callback([command] { run_worker_command(*command); });

  add_farm_steering(*farm);
  add_farm_status(*farm);
  add_farm_settings(*farm);
}

}  // namespace onnxbench::cli
