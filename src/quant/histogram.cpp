#include "quant/histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace onnxbench::quant {

Histogram::Histogram(int bins) {
  if (bins < 2 || bins % 2) throw Error("Histogram: bins must be even and at least 2");
  counts_.assign(static_cast<std::size_t>(bins), 0.0);
}

void Histogram::widen_to(double magnitude) {
  if (range_ == 0) {
    // The first non-zero magnitude sets the range; a slight margin keeps it inside the last bin.
    range_ = magnitude * (1 + 1e-6);
    return;
  }
  const std::size_t n = counts_.size();
  while (range_ < magnitude) {
    std::vector<double> wider(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) wider[n / 4 + i / 2] += counts_[i];
    counts_.swap(wider);
    range_ *= 2;
  }
}

void Histogram::add(const float* values, std::int64_t count) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  std::int64_t finite = 0;
  for (std::int64_t i = 0; i < count; ++i) {
    const double v = values[i];
    if (std::isnan(v) || std::isinf(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    ++finite;
  }
  if (finite > 0) {
    min_ = count_ ? std::min(min_, lo) : lo;
    max_ = count_ ? std::max(max_, hi) : hi;
    const double magnitude = std::max(std::abs(lo), std::abs(hi));
    if (magnitude > range_) widen_to(magnitude);
  }
  const auto n = static_cast<std::int64_t>(counts_.size());
  for (std::int64_t i = 0; i < count; ++i) {
    double v = values[i];
    if (std::isnan(v)) continue;
    ++count_;
    if (range_ == 0) {  // every value so far is zero: the two middle bins meet at 0
      counts_[static_cast<std::size_t>(n / 2)] += 1;
      continue;
    }
    v = std::clamp(v, -range_, range_);
    const auto bin =
        std::clamp(static_cast<std::int64_t>((v + range_) / bin_width()), std::int64_t{0}, n - 1);
    counts_[static_cast<std::size_t>(bin)] += 1;
  }
}

std::vector<double> Histogram::magnitude_counts() const {
  const std::size_t half = counts_.size() / 2;
  std::vector<double> folded(half, 0.0);
  for (std::size_t i = 0; i < half; ++i) folded[i] = counts_[half + i] + counts_[half - 1 - i];
  return folded;
}

}  // namespace onnxbench::quant
