// A measurement record (DESIGN.md, "Results"): what was measured, how, where, when, and the
// statistics of the raw samples. Reporters render it; they never compute statistics.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/host_info.h"
#include "core/statistics.h"
#include "core/tensor.h"

namespace onnxbench {

struct ModelIdentity {
  std::string path, sha256;
};

struct EngineIdentity {
  std::string name, version, runner_version;
};

struct InputShape {
  Shape shape;
  std::string dtype;
};

// The settings actually used, after defaults were applied.
struct EffectiveConfig {
  int instances = 1;
  int threads = 0;  // intra-op threads per session as the engine reports them; 0 = not reported
  long long batch = 1;
  int set_size = 1;
  long long warmup_iterations = 0;
  double warmup_ms = 0;
  long long run_iterations = 0;
  double run_seconds = 0;
  std::string inputs;  // "random (seed 1)" or the files given
  std::map<std::string, InputShape> input_shapes;
  nlohmann::json engine_options = nlohmann::json::object();  // knob -> value sent to the runner
};

struct PhaseSummary {
  long long requests = 0;
  double wall_ms = 0;
  LatencyStats latency_ms{};  // per request
};

// What the runner process used: its peak resident memory over its life (load included) and the
// CPU time it spent during the measured request.
struct RunnerUsage {
  std::uint64_t peak_rss_bytes = 0;
  double cpu_s = 0;
};

struct BenchResult {
  ModelIdentity model;
  EngineIdentity engine;
  EffectiveConfig config;
  HostInfo host;          // the machine onnxbench ran on
  nlohmann::json device;  // where the runner measured (RunnerHost::describe)
  std::string onnxbench_version, timestamp_utc;
  std::vector<std::string> command_line;
  double load_ms = 0;
  double first_inference_ms = 0;  // the session's first request after load (cold caches)
  // What the output check before timing found wrong (bench/output_check.h), one line each.
  std::vector<std::string> output_problems;
  bool interrupted = false;  // stopped by a signal: counts only, no latency samples
  RunnerUsage runner;
  PhaseSummary warmup, measure;
  double throughput = 0;                          // inferences per second, batch counted
  std::map<std::string, LatencyStats> stages_ms;  // per-stage latency where the engine splits it
  bool unsteady = false;                          // measure.latency_ms.cv > kUnsteadyCv
  std::vector<double> samples_ms;                 // measured latencies, instance by instance
  std::vector<int> sample_instance;               // the instance of each sample
  // Each request's start and end after the measured phase began, beside samples_ms; empty when
  // the engine sent no timestamps.
  std::vector<double> sample_start_ms, sample_end_ms;
};

struct LayerProfile {
  std::string name, op_type;
  LatencyStats time_us{};
  double share = 0;                      // of the summed mean layer times, 0..1
  std::vector<std::string> model_nodes;  // the model's nodes it stands for; empty: inserted
};

// The layers of one op type together, as benchmark_app -pc sums them.
struct OpTypeProfile {
  std::string op_type;
  int layers = 0;
  double mean_us = 0;  // summed mean time of its layers per inference
  double share = 0;    // of the summed mean layer times, 0..1
};

struct ProfileResult {
  ModelIdentity model;
  EngineIdentity engine;
  EffectiveConfig config;
  HostInfo host;          // the machine onnxbench ran on
  nlohmann::json device;  // where the runner measured (RunnerHost::describe)
  std::vector<std::string> command_line;
  std::string onnxbench_version, timestamp_utc;
  LatencyStats total_us{};              // whole inference, per iteration
  std::vector<LayerProfile> layers;     // execution order
  std::vector<OpTypeProfile> op_types;  // slowest first
};

}  // namespace onnxbench
