// Latency statistics: pure functions over raw samples. Percentiles use the nearest-rank method:
// the p-th percentile of n sorted samples is the one at 1-based rank ceil(p/100 * n), clamped to
// [1, n], so p0 is the minimum, p100 the maximum, and every reported value is a real sample.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace onnxbench {

struct LatencyStats {
  std::size_t count = 0;  // all other fields are NaN when count is 0
  double mean, min, p50, p75, p90, p95, p99, p999, max;
  double stdev;  // sample standard deviation (n - 1); 0 for one sample
  double cv;     // coefficient of variation, stdev / mean
};

// Nearest-rank percentile of already sorted samples; NaN when empty.
double percentile_sorted(std::span<const double> sorted, double p);
LatencyStats summarize(std::span<const double> samples);

// A run whose coefficient of variation is above this is reported as unsteady.
inline constexpr double kUnsteadyCv = 0.10;

}  // namespace onnxbench
