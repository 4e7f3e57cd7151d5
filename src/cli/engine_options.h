// Options shared by the commands that run a model on an engine (bench, run, profile), declared
// once here with their defaults and help.
#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/plan.h"
#include "bench/session.h"
#include "engines/engine.h"
#include "graph/loader.h"

namespace onnxbench::cli {

struct EngineCommandOptions {
  std::string model;
  std::string engine = "onnxruntime";
  std::optional<long long> threads;
  std::vector<std::string> knobs;  // KNOB=VALUE
  int instances = 1;
  long long batch = 0;
  std::vector<std::string> dims;    // SYMBOL=N
  std::vector<std::string> inputs;  // FILE, NAME=FILE or FOLDER
  std::uint64_t seed = 1;
  double runner_timeout_s = 120;
  std::string memory_limit = "0";
  std::string device = "local";  // NAME or URL

  EngineSettings settings() const;
  InputRequest input_request() const;
  RunnerLimits limits() const;
  // Where the runners of this command run: one session on --device, opened at first use and
  // shared by every engine the command starts.
  std::shared_ptr<RunnerHost> runner_host() const;

 private:
  mutable std::shared_ptr<RunnerHost> runner_host_;
};

// Which option groups a command takes besides the model, engine, inputs and runner limits.
struct OptionGroups {
  bool settings = true;   // --threads, --set, --batch: tune searches these instead
  bool instances = true;  // --instances: run and profile use one session
};

// Adds the model argument and the engine, settings and input options to `cmd`.
void add_engine_options(CLI::App& cmd, EngineCommandOptions& o, OptionGroups groups = {});

// -e/--engine, checked against the engine registry; `help` says what it is for.
void add_engine_option(CLI::App& cmd, std::string& engine, const std::string& help);

// --runner-timeout, --memory-limit and --device, for every command that starts a runner.
void add_runner_limit_options(CLI::App& cmd, EngineCommandOptions& o);

// For commands that build their own models: --engine, --threads, --set and the runner limits.
void add_engine_setting_options(CLI::App& cmd, EngineCommandOptions& o);

// Starts the engine and loads the model into it. The model is loaded and checked first, by
// open_session(o) itself or by the caller.
struct OpenedSession {
  model::LoadedModel model;
  std::unique_ptr<Engine> engine;
  std::unique_ptr<BenchSession> session;
};
OpenedSession open_session(const EngineCommandOptions& o, model::LoadedModel loaded);
OpenedSession open_session(const EngineCommandOptions& o);

// The model as `engine` loads it: a simplified temporary copy in `work_dir` where the engine
// needs one (bench/engine_preparation.h: OpenCV and raw exports), said in one note on stderr.
// Every command prepares its models here before handing them to bench/engine_preparation.h's
// load_into_engine (which prepares, without the note, what no command prepared).
ModelUnderTest prepared_model(const model::LoadedModel& loaded, const std::string& engine,
                              const std::string& work_dir);
// The same for a model held in memory (compare's): `loaded.proto` rewritten in place; returns
// what was done ("" when nothing), said in the same note.
std::string prepare_in_memory(model::LoadedModel& loaded, const std::string& engine);

// "" when threads x instances fits `logical_cores` (those of where the runner runs: a device's
// probed cores with --device) or threads is unknown (0); else the warning (10 threads on 2 cores
// measured an eighth of the throughput).
std::string oversubscription_warning(long long threads, int instances, unsigned logical_cores);

// "2G", "512M", "100k" or plain bytes; 0 means no limit. Throws InputError.
std::uint64_t parse_size(const std::string& text, const std::string& option);

}  // namespace onnxbench::cli
