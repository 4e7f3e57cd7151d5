#include "core/distribution.h"

#include <algorithm>
#include <cmath>

#include "core/statistics.h"

namespace onnxbench {

LatencyDistribution distribution(std::span<const double> samples, std::size_t max_bins) {
  LatencyDistribution d;
  if (samples.empty()) return d;
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  const double lo = sorted.front(), hi = sorted.back();
  std::size_t bins =
      static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(sorted.size()))));
  bins = std::clamp<std::size_t>(bins, 1, std::max<std::size_t>(1, max_bins));
  if (hi == lo) bins = 1;
  d.first_edge = lo;
  d.bin_width = hi == lo ? 0 : (hi - lo) / static_cast<double>(bins);
  d.counts.assign(bins, 0);
  for (double v : sorted) {
    std::size_t i = d.bin_width == 0 ? 0 : static_cast<std::size_t>((v - lo) / d.bin_width);
    ++d.counts[std::min(i, bins - 1)];
  }
  for (int p = 0; p < 100; ++p) d.cdf_percent.push_back(p);
  for (double p : {99.5, 99.9, 100.0}) d.cdf_percent.push_back(p);
  for (double p : d.cdf_percent) d.cdf_value.push_back(percentile_sorted(sorted, p));
  return d;
}

}  // namespace onnxbench
