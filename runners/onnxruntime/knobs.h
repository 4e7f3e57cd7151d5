// The engine's knobs as `hello` lists them, and their mapping onto ONNX Runtime session options:
// those of the Node.js runner, plus what users of onnxruntime_perf_test set (-y inter-op threads,
// -D spinning, deterministic compute, -f free dimension overrides, the optimized model saved).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/protocol.h"
#include "ort_api.h"

namespace onnxbench::runner::ort {

struct Settings {
  int intra_op_threads = 0;  // 0: ONNX Runtime's default (one per physical core)
  int inter_op_threads = 0;
  bool parallel = false;  // execution_mode
  GraphOptimizationLevel optimization = ORT_ENABLE_ALL;
  bool cpu_mem_arena = true;
  bool mem_pattern = true;
  bool allow_spinning = true;
  bool deterministic_compute = false;
  std::vector<std::pair<std::string, std::int64_t>> free_dimensions;
  std::string optimized_model;  // empty: not saved

  // Throws RunnerError: bad_request for a value of the wrong JSON type or format, unsupported for
  // an unknown knob or a value out of range.
  static Settings parse(const json& options);
  static json describe();  // hello's "knobs"
  // `save_optimized`: only one session of several writes the optimized model.
  Ort::SessionOptions session_options(bool save_optimized) const;
};

}  // namespace onnxbench::runner::ort
