// Turns raw runner samples into the statistics of a measurement record.
#pragma once

#include "bench/bench_result.h"
#include "engines/engine.h"

namespace onnxbench {

// Fills warmup, measure, throughput, stages, unsteady and samples of `result` from `raw`.
// `batch` is the batch size of each request, so throughput counts inferences, not requests.
void summarize_bench(const BenchRaw& raw, long long batch, BenchResult& result);

// Per-layer statistics and shares, in execution order.
void summarize_profile(const ProfileRaw& raw, ProfileResult& result);

}  // namespace onnxbench
