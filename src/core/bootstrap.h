// Percentile bootstrap: how sure a statistic over n samples is. Each resample draws n indices with
// replacement from the one seeded generator, so the same seed gives the same interval everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace onnxbench {

struct Interval {
  double low, high;
};

// The statistic of a resample, given the drawn sample indices.
using ResampleStatistic = std::function<double(std::span<const std::size_t>)>;

// The central `level` (0.95) interval of `statistic` over `resamples` resamples of n samples
// (nearest-rank percentiles of the resampled values). NaN bounds when n is 0.
Interval bootstrap_interval(std::size_t n, const ResampleStatistic& statistic, std::uint64_t seed,
                            int resamples = 1000, double level = 0.95);

}  // namespace onnxbench
