#include "core/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace onnxbench {

double percentile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double n = static_cast<double>(sorted.size());
  // p/100*n is computed in binary floating point: 99.9% of 2000 comes out a hair above 1998.
  // Rounding that hair away keeps ranks exact for every percentile written in decimal.
  const double exact = p / 100.0 * n;
  const double rank_real = std::ceil(exact - 1e-9 * std::max(1.0, exact));
  const auto rank = static_cast<std::size_t>(std::clamp(rank_real, 1.0, n));
  return sorted[rank - 1];
}

LatencyStats summarize(std::span<const double> samples) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  LatencyStats s{samples.size(), nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan};
  if (samples.empty()) return s;
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  double sum = 0;
  for (double v : sorted) sum += v;
  s.mean = sum / static_cast<double>(sorted.size());
  double squares = 0;
  for (double v : sorted) squares += (v - s.mean) * (v - s.mean);
  s.stdev = sorted.size() > 1 ? std::sqrt(squares / static_cast<double>(sorted.size() - 1)) : 0.0;
  s.cv = s.mean != 0 ? s.stdev / s.mean : 0.0;
  s.min = sorted.front();
  s.max = sorted.back();
  s.p50 = percentile_sorted(sorted, 50);
  s.p75 = percentile_sorted(sorted, 75);
  s.p90 = percentile_sorted(sorted, 90);
  s.p95 = percentile_sorted(sorted, 95);
  s.p99 = percentile_sorted(sorted, 99);
  s.p999 = percentile_sorted(sorted, 99.9);
  return s;
}

}  // namespace onnxbench
