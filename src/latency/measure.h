// Measuring modules and whole models on one engine, in one runner process: each model is loaded
// into the same runner in turn (a `load` replaces the previous model), which saves the runner's
// start-up for each of the hundreds of tiny module models a table needs.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <string>
#include <vector>

#include "bench/plan.h"
#include "engines/engine.h"
#include "latency/latency_table.h"
#include "latency/setup.h"

namespace onnxbench {
class BenchSession;
}

namespace onnxbench::latency {

struct MeasurePlan {
  long long warmup = 10;  // inferences before each timed phase,
  double warmup_ms = 0;   // and on until this long has passed (a bench's warm-up rule)
  int iterations = 100;   // timed inferences of each phase
};

class Meter {
 public:
  // `engine` must outlive the meter; models are written into `work_dir`.
  Meter(Engine& engine, EngineSettings settings, MeasurePlan plan, std::string work_dir);

  MeasureSetup setup(const std::string& runtime) const;

  // The module alone, as the engine runs it: "Total Inference Time" from timed inferences,
  // "Forward Propagate" and "Layers Time" (the sum of the engine's layer times) from its
  // profiler. Min_Time and Max_Time are the extremes, Avg_Time the median (layer medians summed).
  // Layers Time counts only the layers that run the module's own nodes.
  ModuleLatency measure_module(const std::string& uid, const onnx::ModelProto& model,
                               const std::string& runtime);

  // The latency, µs, of `plan.iterations` inferences of the model file after warm-up: their
  // minimum for `stat` Min_Time, their median for Avg_Time.
  double measure_model(const std::string& path, const std::string& stat);

 private:
  // µs of each of the plan's timed inferences after its warm-up.
  std::vector<double> timed_us(BenchSession& session) const;

  Engine& engine_;
  EngineSettings settings_;
  MeasurePlan plan_;
  std::string work_dir_;
  nlohmann::json knobs_;
};

// Each model measured `rounds` times, the rounds interleaved (every model once per round, in
// order), so that the machine's drift spreads over all models instead of landing on some.
// Returns [model][round] values (measure_model) in µs; `on_done(done, total)` after each
// measurement.
std::vector<std::vector<double>> measure_interleaved(
    Meter& meter, const std::vector<std::string>& paths, int rounds, const std::string& stat,
    const std::function<void(std::size_t, std::size_t)>& on_done = {});

}  // namespace onnxbench::latency
