// What the user asked to measure: the model, the engine settings and the load.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/inputs.h"

namespace onnxbench {

struct ModelUnderTest {
  std::string path, sha256;
  // Where the engine loads it from when that is a prepared copy (bench/engine_preparation.h), and
  // what was done to it; both empty when the engine loads `path` as it is. `prepared_for`: the
  // engine it was looked at for ("" until then).
  std::string load_path, prepared, prepared_for;
  std::vector<InputSpec> inputs;
  std::vector<std::string> outputs;
};

struct EngineSettings {
  std::optional<long long> threads;            // intra-op threads, mapped to the engine's knob
  std::map<std::string, std::string> options;  // the engine's own knobs, as text
  int instances = 1;
};

struct LoadPlan {
  int set_size = 1;
  long long warmup_iterations = 5;  // per instance
  double warmup_ms = 0;             // per instance, at least
  long long run_iterations = 0;     // in total; 0 = run for run_seconds
  double run_seconds = 5;
};

}  // namespace onnxbench
