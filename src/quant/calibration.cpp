#include "quant/calibration.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"

namespace onnxbench::quant {
namespace {

// The range clipped at magnitude `threshold`, within what was seen.
Range clipped(const Histogram& h, double threshold) {
  return {std::max(h.min(), -threshold), std::min(h.max(), threshold)};
}

// Smallest index whose cumulative count reaches `target`.
std::size_t index_reaching(const std::vector<double>& counts, double target) {
  double sum = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    sum += counts[i];
    if (sum >= target) return i;
  }
  return counts.size() - 1;
}

Range percentile_range(const Histogram& h, const CalibrationOptions& o) {
  const double total = static_cast<double>(h.count());
  const double keep = o.percentile / 100;
  if (o.symmetric) {
    const auto k = index_reaching(h.magnitude_counts(), keep * total);
    return clipped(h, static_cast<double>(k + 1) * h.bin_width());
  }
  const double w = h.bin_width();
  const auto i = index_reaching(h.counts(), (1 - keep) * total);
  const auto j = index_reaching(h.counts(), keep * total);
  return {std::max(h.min(), -h.range() + static_cast<double>(i) * w),
          std::min(h.max(), -h.range() + static_cast<double>(j + 1) * w)};
}

// KL(P || Q) of two unnormalised distributions; Q's empty bins where P has mass get a tiny
// weight so that a threshold is penalised rather than ruled out.
double kl_divergence(const std::vector<double>& p, const std::vector<double>& q) {
  const double p_sum = std::accumulate(p.begin(), p.end(), 0.0);
  const double q_sum = std::accumulate(q.begin(), q.end(), 0.0);
  double kl = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0) continue;
    const double pi = p[i] / p_sum, qi = std::max(q[i] / q_sum, 1e-12);
    kl += pi * std::log(pi / qi);
  }
  return kl;
}

// TensorRT's entropy calibration on the histogram of |x|: for each candidate threshold (a bin
// edge), P is the histogram clipped there with the tail added to its last bin, Q the same bins
// merged into the quantized levels and spread back evenly over their non-empty bins.
Range entropy_range(const Histogram& h, const CalibrationOptions& o) {
  const std::vector<double> magnitude = h.magnitude_counts();
  const std::size_t bins = magnitude.size();
  const bool has_negatives = h.min() < 0;
  const auto span = static_cast<std::size_t>(o.type.max() - o.type.min() + 1);
  const std::size_t levels = has_negatives ? span / 2 : span;
  if (levels >= bins) return {h.min(), h.max()};
  double best_kl = INFINITY;
  std::size_t best = bins;
  std::vector<double> p, q;
  for (std::size_t i = levels; i <= bins; ++i) {
    p.assign(magnitude.begin(), magnitude.begin() + static_cast<std::ptrdiff_t>(i));
    p.back() +=
        std::accumulate(magnitude.begin() + static_cast<std::ptrdiff_t>(i), magnitude.end(), 0.0);
    q.assign(i, 0.0);
    for (std::size_t level = 0; level < levels; ++level) {
      const std::size_t begin = level * i / levels, end = (level + 1) * i / levels;
      double total = 0;
      std::size_t filled = 0;
      for (std::size_t b = begin; b < end; ++b) {
        total += magnitude[b];
        filled += magnitude[b] != 0;
      }
      for (std::size_t b = begin; b < end; ++b)
        if (magnitude[b] != 0) q[b] = total / static_cast<double>(filled);
    }
    const double kl = kl_divergence(p, q);
    if (kl < best_kl) {
      best_kl = kl;
      best = i;
    }
  }
  return clipped(h, static_cast<double>(best) * h.bin_width());
}

// The clipping threshold (a bin edge of |x|) whose quantization, with the parameters it implies,
// has the least squared error summed over the histogram's bin centres.
Range mse_range(const Histogram& h, const CalibrationOptions& o) {
  const auto& counts = h.counts();
  const double w = h.bin_width();
  const std::size_t half = counts.size() / 2;
  double best_error = INFINITY;
  Range best{h.min(), h.max()};
  for (std::size_t k = half; k >= 1; --k) {
    const Range r = clipped(h, static_cast<double>(k) * w);
    const QuantParams p = choose_params(r, o.type, o.symmetric);
    double error = 0;
    for (std::size_t b = 0; b < counts.size() && error < best_error; ++b) {
      if (counts[b] == 0) continue;
      const double centre = -h.range() + (static_cast<double>(b) + 0.5) * w;
      const double d = centre - dequantize(quantize(static_cast<float>(centre), p, o.type), p);
      error += counts[b] * d * d;
    }
    if (error < best_error) {
      best_error = error;
      best = r;
    }
  }
  return best;
}

}  // namespace

CalibrationMethod calibration_method_from_name(const std::string& name) {
  if (name == "minmax") return CalibrationMethod::kMinMax;
  if (name == "percentile") return CalibrationMethod::kPercentile;
  if (name == "entropy") return CalibrationMethod::kEntropy;
  if (name == "mse") return CalibrationMethod::kMse;
  throw InputError("calibration method '" + name +
                   "': expected one of minmax, percentile, entropy, mse");
}

std::string calibration_method_name(CalibrationMethod method) {
  switch (method) {
    case CalibrationMethod::kMinMax:
      return "minmax";
    case CalibrationMethod::kPercentile:
      return "percentile";
    case CalibrationMethod::kEntropy:
      return "entropy";
    case CalibrationMethod::kMse:
      return "mse";
  }
  return "minmax";
}

Range calibrate_range(const Histogram& h, const CalibrationOptions& o) {
  if (h.count() == 0 || h.range() == 0) return {h.min(), h.max()};
  switch (o.method) {
    case CalibrationMethod::kMinMax:
      return {h.min(), h.max()};
    case CalibrationMethod::kPercentile:
      return percentile_range(h, o);
    case CalibrationMethod::kEntropy:
      return entropy_range(h, o);
    case CalibrationMethod::kMse:
      return mse_range(h, o);
  }
  return {h.min(), h.max()};
}

}  // namespace onnxbench::quant
