// The `bench` operation: timed requests on every instance, in parallel.
#pragma once

#include "protocol.h"
#include "session.h"

namespace onnxbench::opencv_runner {

struct BenchSettings {
  std::int64_t warmup_iterations = 0;
  double warmup_ms = 0;
  std::int64_t run_iterations = 0;
  double run_seconds = 0;
  int set_size = 1;
  int progress_ms = 500;
  int instances = 1;
};

// The request's warmup, run, set_size and progress_ms. Throws RunnerError (bad_request).
BenchSettings parse_bench_settings(const json& request);

// Sends progress and samples events for request `id`, then returns the final reply's results.
// Throws RunnerError.
json run_bench(const json& id, Model& model, const json& request);

}  // namespace onnxbench::opencv_runner
