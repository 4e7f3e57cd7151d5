// A measurement record (DESIGN.md, "Results"): what was measured, how, where, when, and the
// statistics of the raw samples. Reporters render it; they never compute statistics.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/host_info.h"
#include "core/statistics.h"

namespace onnxbench {

struct ModelIdentity {
  std::string path, sha256;
};

struct EngineIdentity {
  std::string name, version, runner_version;
};

// The settings actually used, after defaults were applied.
struct EffectiveConfig {
  int instances = 1;
  long long batch = 1;
  int set_size = 1;
  long long warmup_iterations = 0;
  double warmup_ms = 0;
  long long run_iterations = 0;
  double run_seconds = 0;
  std::string inputs;                                        // "random (seed 1)" or the files given
  std::map<std::string, std::string> input_shapes;           // name -> "[1,3,224,224]"
  nlohmann::json engine_options = nlohmann::json::object();  // knob -> value sent to the runner
};

struct PhaseSummary {
  long long requests = 0;
  double wall_ms = 0;
  LatencyStats latency_ms{};  // per request
};

struct BenchResult {
  ModelIdentity model;
  EngineIdentity engine;
  EffectiveConfig config;
  HostInfo host;
  std::string onnxbench_version, timestamp_utc;
  double load_ms = 0;
  PhaseSummary warmup, measure;
  double throughput = 0;                          // inferences per second, batch counted
  std::map<std::string, LatencyStats> stages_ms;  // per-stage latency where the engine splits it
  bool unsteady = false;                          // measure.latency_ms.cv > kUnsteadyCv
  std::vector<double> samples_ms;                 // measured latencies, instance by instance
  std::vector<int> sample_instance;               // the instance of each sample
};

struct LayerProfile {
  std::string name, op_type;
  LatencyStats time_us{};
  double share = 0;  // of the summed mean layer times, 0..1
};

struct ProfileResult {
  ModelIdentity model;
  EngineIdentity engine;
  EffectiveConfig config;
  HostInfo host;
  std::string onnxbench_version, timestamp_utc;
  LatencyStats total_us{};           // whole inference, per iteration
  std::vector<LayerProfile> layers;  // execution order
};

}  // namespace onnxbench
