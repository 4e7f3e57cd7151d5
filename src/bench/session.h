// One model on one engine: load it with the user's settings, then bench, profile or run once.
// This is the only place that turns a plan into runner requests and raw samples into records.
#pragma once

#include <onnx/onnx_pb.h>

#include <optional>

#include "bench/bench_result.h"
#include "bench/plan.h"
#include "engines/engine.h"

namespace onnxbench {

class BenchSession {
 public:
  // Loads the model into the engine. Throws InputError for bad settings and EngineError when the
  // engine rejects the model.
  BenchSession(Engine& engine, ModelUnderTest model, const EngineSettings& settings,
               const InputRequest& inputs);

  // One inference before any timing, its outputs checked against `graph` (output_check.h:
  // output_problems). Its engine time is the cold first inference that bench() then reports, and
  // bench() records the problems. Returns them, one line each; empty when the outputs look right.
  std::vector<std::string> check_outputs(const onnx::GraphProto& graph);
  BenchResult bench(const LoadPlan& plan, const ProgressHandler& on_progress = {});
  // Per-layer times of plan.run_iterations requests after the plan's warm-up (a count, and on
  // for warmup_ms); run_seconds does not apply.
  ProfileResult profile(const LoadPlan& plan, const ProgressHandler& on_progress = {});
  // One inference; outputs written as .npy into output_dir.
  std::vector<OutputFile> run_once(const std::string& output_dir,
                                   const std::vector<std::string>& outputs = {});

  const PreparedInputs& inputs() const { return inputs_; }
  const EffectiveConfig& config() const { return config_; }

 private:
  EngineIdentity engine_identity() const;

  Engine& engine_;
  ModelUnderTest model_;
  PreparedInputs inputs_;
  EffectiveConfig config_;
  double load_ms_ = 0;
  std::optional<double> checked_first_inference_ms_;  // set by check_outputs()
  std::vector<std::string> output_problems_;
};

// The JSON options for the runner's `load`: threads mapped to the engine's threads knob, each
// option checked against the engine's declared knobs.
nlohmann::json engine_options(const EngineInfo& info, const EngineSettings& settings);

}  // namespace onnxbench
