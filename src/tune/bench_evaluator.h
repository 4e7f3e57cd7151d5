// The real Evaluator: each trial loads the model on the engine with the trial's knobs and benches
// it. A refused config or a crashed runner is a failed trial, never the end of the search.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bench/plan.h"
#include "engines/engine.h"
#include "tune/search.h"

namespace onnxbench::tune {

// onnxbench's knobs (bounded by the machine's cores) followed by the engine's own, without the
// engine's threads knob, which `threads` stands for; the engine's other thread counts (ORT's
// inter_op_threads) are bounded by the cores too.
std::vector<KnobInfo> tunable_knobs(const EngineInfo& engine, unsigned cores);

// How every trial is measured.
struct TrialPlan {
  InputRequest inputs;  // files or seeded random; the batch comes from each config
  long long warmup_iterations = 5;
  double warmup_ms = 0;
  double seconds = 3;
};

class BenchEvaluator : public Evaluator {
 public:
  // `host`: where the runner runs (null: this host).
  BenchEvaluator(std::string engine_name, RunnerLimits limits, ModelUnderTest model, TrialPlan plan,
                 std::shared_ptr<RunnerHost> host = nullptr);
  TrialOutcome evaluate(const Config& config) override;
  // The `onnxbench bench` command line that measures the config as a trial does.
  std::string command(const Config& config) const;

 private:
  std::string engine_name_;
  RunnerLimits limits_;
  std::shared_ptr<RunnerHost> host_;
  ModelUnderTest model_;
  TrialPlan plan_;
  std::unique_ptr<Engine> engine_;  // restarted after a runner failure
};

// Splits a config into the settings and load plan of one bench run.
EngineSettings settings_of(const Config& config);
InputRequest inputs_of(const Config& config, InputRequest base);
int set_size_of(const Config& config);

}  // namespace onnxbench::tune
