// An engine, hosted in its runner process: the typed face of the runner protocol. Backends never
// print, compute statistics or touch storage: they return raw samples.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "engines/engine_info.h"
#include "engines/process_usage.h"
#include "engines/runner_client.h"
#include "engines/runner_host.h"
#include "engines/work_folder.h"

namespace onnxbench {

using InputFiles = std::map<std::string, std::string>;  // graph input name -> .npy path

struct OutputFile {
  std::string name, path, dtype;
  Shape shape;
};

struct BenchRequest {
  InputFiles inputs;
  long long warmup_iterations = 0;  // per instance
  double warmup_ms = 0;             // per instance, at least
  long long run_iterations = 0;     // in total; 0 = run for run_seconds
  double run_seconds = 0;
  int set_size = 1;
  int progress_ms = 500;
};

struct InstanceSamples {
  int instance = 0;
  std::vector<double> latency_us;
  std::map<std::string, std::vector<double>> stages_us;
  // Each request's completion after the phase's common start (empty when the runner sent none);
  // its start is end_us - latency_us.
  std::vector<double> end_us;
};

struct BenchRaw {
  std::vector<InstanceSamples> warmup, measure;  // one entry per instance
  long long warmup_count = 0, measure_count = 0;
  double warmup_wall_ms = 0, measure_wall_ms = 0;
  // Ctrl-C or SIGTERM stopped the run: no samples came back, only the last progress counts.
  bool interrupted = false;
  ProcessUsage runner_before, runner_after;  // the runner's usage around the request
};

struct BenchProgress {
  std::string phase;  // warmup, measure, profile
  long long done = 0;
  double elapsed_ms = 0;
};
using ProgressHandler = std::function<void(const BenchProgress&)>;

struct LayerSamples {
  std::string name, op_type;
  std::vector<double> samples_us;
};

struct ProfileRaw {
  std::vector<double> total_us;
  std::vector<LayerSamples> layers;
};

class Engine {
 public:
  // Starts the engine's runner on `host` (null: this host, the registry's runner) with a fresh
  // work folder here and asks it what it can do. A runner on this host gets its tensors through
  // memory: the work folder is in /dev/shm.
  Engine(const std::string& name, RunnerLimits limits, std::shared_ptr<RunnerHost> host = nullptr);
  // The same with an explicit runner command (tests, other devices); `storage` kDisk keeps the
  // tensors in files under $TMPDIR, for a runner that reads them from elsewhere.
  Engine(const std::string& name, const ProcessSpec& runner, RunnerLimits limits,
         WorkFolder::Storage storage = WorkFolder::Storage::kMemory);
  ~Engine();

  const EngineInfo& info() const { return info_; }
  // A folder on this host for this engine's tensors, removed with the engine.
  const std::string& work_dir() const { return work_dir_.path(); }
  RunnerLimits& limits() { return client_->limits(); }
  // Where the runner runs (this host or a device).
  RunnerHost& host() { return *host_; }

  // Returns the load time in ms. An engine that rejects the model throws EngineError whose
  // message names the model file (and the failing node when the engine says which).
  double load(const std::string& model_path, int instances, const nlohmann::json& options);
  // Intra-op threads per session of the last load, as the runner reported them (0: unknown).
  int effective_threads() const { return effective_threads_; }
  // With `split` (engines whose capabilities say split), the request carries several engine
  // calls: one on each next `split` rows of the inputs, the outputs stacked along their first
  // dimension (docs/runner-protocol.md).
  std::vector<OutputFile> infer(const InputFiles& inputs, const std::string& output_dir,
                                const std::vector<std::string>& outputs = {},
                                std::optional<std::int64_t> split = std::nullopt);
  // The engine time of the last infer (inputs set, inference run), as the runner timed it.
  double last_infer_ms() const { return last_infer_ms_; }
  BenchRaw bench(const BenchRequest& request, const ProgressHandler& on_progress = {});
  // Warm-up: `warmup` requests, and on until `warmup_ms` have passed (a bench's rule).
  ProfileRaw profile(const InputFiles& inputs, int warmup, int iterations,
                     const ProgressHandler& on_progress = {}, double warmup_ms = 0);

 private:
  // A request whose runner failed asks the host first whether the device itself went away.
  nlohmann::json request(const std::string& op, nlohmann::json args,
                         const RunnerClient::EventHandler& on_event = {});
  InputFiles runner_inputs(const InputFiles& inputs);

  std::string name_;
  std::shared_ptr<RunnerHost> host_;
  WorkFolder work_dir_;  // declared before client_: the runner goes first
  std::unique_ptr<RunnerClient> client_;
  EngineInfo info_;
  int effective_threads_ = 0;
  double last_infer_ms_ = 0;
};

}  // namespace onnxbench
