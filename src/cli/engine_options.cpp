#include "cli/engine_options.h"

#include <cctype>
#include <cstdlib>
#include <iostream>

#include "bench/engine_preparation.h"
#include "bench/model_under_test.h"
#include "cli/devices_commands.h"
#include "cli/input_options.h"
#include "cli/open_model.h"
#include "cli/validators.h"
#include "core/error.h"
#include "core/text.h"
#include "devices/device_session.h"
#include "engines/registry.h"
#include "graph/loader.h"

namespace onnxbench::cli {
namespace {

std::pair<std::string, std::string> split_assignment(const std::string& text,
                                                     const std::string& option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw InputError(option + " '" + text + "': expected NAME=VALUE");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

}  // namespace

std::uint64_t parse_size(const std::string& text, const std::string& option) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
  }
  const std::string unit = text.substr(used);
  const std::map<std::string, double> units{{"", 1},          {"k", 1024.0},   {"K", 1024.0},
                                            {"M", 1 << 20},   {"G", 1 << 30},  {"KiB", 1024.0},
                                            {"MiB", 1 << 20}, {"GiB", 1 << 30}};
  const auto it = units.find(unit);
  if (used == 0 || value < 0 || it == units.end())
    throw InputError(option + " '" + text + "': expected a size such as 4G, 512M or 1000000");
  return static_cast<std::uint64_t>(value * it->second);
}

EngineSettings EngineCommandOptions::settings() const {
  EngineSettings s;
  s.threads = threads;
  s.instances = instances;
  for (const auto& k : knobs) {
    auto [name, value] = split_assignment(k, "--set");
    s.options[name] = value;
  }
  return s;
}

InputRequest EngineCommandOptions::input_request() const {
  InputRequest r;
  r.batch = batch;
  r.files = inputs;
  r.seed = seed;
  r.dims = parse_dims(dims);
  return r;
}

RunnerLimits EngineCommandOptions::limits() const {
  RunnerLimits l;
  l.inactivity = std::chrono::milliseconds(static_cast<long long>(runner_timeout_s * 1000));
  l.memory_bytes = parse_size(memory_limit, "--memory-limit");
  return l;
}

std::shared_ptr<RunnerHost> EngineCommandOptions::runner_host() const {
  if (!runner_host_) runner_host_ = open_runner_host(device_ref(device));
  return runner_host_;
}

void add_engine_option(CLI::App& cmd, std::string& engine, const std::string& help) {
  cmd.add_option("-e,--engine", engine, help + ": " + join(known_engines(), " or "))
      ->capture_default_str()
      ->check(known_engine());
  // The registry and the runners it starts read the SDK root from the environment.
  cmd.add_option_function<std::string>(
         "--sdk",
         [](const std::string& dir) { ::setenv("ONNXBENCH_QUALCOMM_SDK", dir.c_str(), 1); },
         "the Qualcomm SDK folder for snpe, qnn and qaic (instead of SNPE_ROOT, QNN_SDK_ROOT, "
         "QAIRT_SDK_ROOT or QAIC_ROOT)")
      ->check(CLI::ExistingDirectory);
}

void add_runner_limit_options(CLI::App& cmd, EngineCommandOptions& o) {
  cmd.add_option("--runner-timeout", o.runner_timeout_s,
                 "seconds a runner may stay silent before it is declared hung and killed")
      ->capture_default_str()
      ->check(above_zero());
  cmd.add_option("--memory-limit", o.memory_limit,
                 "resident memory limit of the runner's process group (e.g. 4G); 0 = none")
      ->capture_default_str();
  cmd.add_option("--device", o.device,
                 "where the runner runs: local, a device URL (ssh://[user@]host[:port][/workdir], "
                 "adb://SERIAL[@HOST:PORT]) or a device name; docs/devices.md")
      ->capture_default_str();
}

namespace {

void note_prepared(const std::string& path, const std::string& prepared) {
  if (!prepared.empty()) std::cerr << "onnxbench: note: " << path << ": " << prepared << "\n";
}

void add_knob_options(CLI::App& cmd, EngineCommandOptions& o) {
  cmd.add_option("-x,--threads", o.threads,
                 "intra-op threads of each session (default: the engine's own default)")
      ->check(at_least(0));
  cmd.add_option("--set", o.knobs,
                 "an engine knob, KNOB=VALUE (repeatable); 'onnxbench engines' lists them");
}

void add_settings_options(CLI::App& cmd, EngineCommandOptions& o) {
  add_knob_options(cmd, o);
  add_batch_option(cmd, o.batch, "-b,--batch");
}

}  // namespace

void add_engine_options(CLI::App& cmd, EngineCommandOptions& o, OptionGroups groups) {
  cmd.add_option("model", o.model, "ONNX model file")->required();
  add_engine_option(cmd, o.engine, "engine");
  if (groups.settings) add_settings_options(cmd, o);
  if (groups.instances)
    cmd.add_option("--instances", o.instances, "independent sessions working in parallel")
        ->capture_default_str()
        ->check(at_least(1));
  add_dim_option(cmd, o.dims);
  cmd.add_option("--input", o.inputs,
                 "input tensor: FILE, NAME=FILE or a FOLDER of them (.npy or ONNX TensorProto "
                 ".pb); default: seeded random tensors")
      ->expected(1, 1 << 20);
  add_seed_option(cmd, o.seed);
  add_runner_limit_options(cmd, o);
}

void add_engine_setting_options(CLI::App& cmd, EngineCommandOptions& o) {
  add_engine_option(cmd, o.engine, "engine");
  add_knob_options(cmd, o);
  add_runner_limit_options(cmd, o);
}

ModelUnderTest prepared_model(const model::LoadedModel& loaded, const std::string& engine,
                              const std::string& work_dir) {
  ModelUnderTest model = model_under_test(loaded);
  prepare_for_engine(model, loaded.proto, engine, work_dir);
  note_prepared(loaded.path, model.prepared);
  return model;
}

std::string prepare_in_memory(model::LoadedModel& loaded, const std::string& engine) {
  const std::string prepared = prepare_proto_for_engine(loaded.proto, engine);
  note_prepared(loaded.path, prepared);
  return prepared;
}

std::string oversubscription_warning(long long threads, int instances, unsigned logical_cores) {
  if (threads <= 0 || logical_cores == 0 ||
      threads * instances <= static_cast<long long>(logical_cores))
    return "";
  return std::to_string(threads) + " threads x " + std::to_string(instances) +
         " instance(s) = " + std::to_string(threads * instances) + " threads on " +
         std::to_string(logical_cores) +
         " logical cores: the sessions take turns on the cores and throughput drops; use "
         "--threads and --instances whose product is at most " +
         std::to_string(logical_cores);
}

OpenedSession open_session(const EngineCommandOptions& o, model::LoadedModel loaded) {
  OpenedSession opened;
  opened.model = std::move(loaded);
  opened.engine = std::make_unique<Engine>(o.engine, o.limits(), o.runner_host());
  ModelUnderTest model =
      prepared_model(opened.model, opened.engine->info().engine, opened.engine->work_dir());
  opened.session = std::make_unique<BenchSession>(*opened.engine, std::move(model), o.settings(),
                                                  o.input_request());
  const EffectiveConfig& config = opened.session->config();
  const long long threads = o.threads.value_or(config.threads);
  if (const std::string warning =
          oversubscription_warning(threads, config.instances, logical_cores(*o.runner_host()));
      !warning.empty())
    std::cerr << "onnxbench: warning: " << warning << "\n";
  return opened;
}

OpenedSession open_session(const EngineCommandOptions& o) {
  return open_session(o, open_model(o.model));
}

}  // namespace onnxbench::cli
