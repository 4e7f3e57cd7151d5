#include "core/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/random.h"
#include "core/statistics.h"

namespace onnxbench {

Interval bootstrap_interval(std::size_t n, const ResampleStatistic& statistic, std::uint64_t seed,
                            int resamples, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (n == 0 || resamples <= 0) return {nan, nan};
  SplitMix64 rng{seed};
  std::vector<std::size_t> indices(n);
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(resamples));
  for (int r = 0; r < resamples; ++r) {
    for (auto& i : indices) i = static_cast<std::size_t>(rng.next() % n);
    values.push_back(statistic(indices));
  }
  std::sort(values.begin(), values.end());
  const double tail = (1.0 - level) / 2.0 * 100.0;
  return {percentile_sorted(values, tail), percentile_sorted(values, 100.0 - tail)};
}

}  // namespace onnxbench
