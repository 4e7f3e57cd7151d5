// The shape of a latency sample set, compact enough to travel in every record so the report can
// draw a histogram and a CDF without the raw samples: an equal-width histogram over [min, max]
// and nearest-rank percentiles on a fixed grid (every value is a measured sample).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace onnxbench {

struct LatencyDistribution {
  double first_edge = 0, bin_width = 0;  // bin i covers [first + i*width, first + (i+1)*width)
  std::vector<std::size_t> counts;       // the last bin also holds the maximum
  std::vector<double> cdf_percent;       // 0, 1, ..., 99, 99.5, 99.9, 100
  std::vector<double> cdf_value;         // the nearest-rank percentile at each
};

// Empty samples give an empty distribution. Bins: ceil(sqrt(n)), at most max_bins; one bin when
// every sample is the same.
LatencyDistribution distribution(std::span<const double> samples, std::size_t max_bins = 60);

}  // namespace onnxbench
