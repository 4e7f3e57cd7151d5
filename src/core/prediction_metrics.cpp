#include "core/prediction_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace onnxbench {
namespace {

void check_paired(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size())
    throw std::invalid_argument("paired values of different lengths: " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()));
}

double mean(std::span<const double> v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double pearson(std::span<const double> a, std::span<const double> b) {
  const double ma = mean(a), mb = mean(b);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

// 1-based ranks; ties get the mean of the ranks they span.
std::vector<double> ranks(std::span<const double> v) {
  std::vector<std::size_t> order(v.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto i, auto j) { return v[i] < v[j]; });
  std::vector<double> r(v.size());
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start;
    while (end + 1 < order.size() && v[order[end + 1]] == v[order[start]]) ++end;
    const double shared = (static_cast<double>(start + end) / 2.0) + 1.0;
    for (std::size_t k = start; k <= end; ++k) r[order[k]] = shared;
    start = end + 1;
  }
  return r;
}

}  // namespace

LinearFit fit_line(std::span<const double> x, std::span<const double> y) {
  check_paired(x, y);
  if (x.size() < 2) throw std::invalid_argument("a line needs at least two points");
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx == 0) throw std::invalid_argument("a line needs at least two distinct x values");
  LinearFit f;
  f.scale = sxy / sxx;
  f.bias = my - f.scale * mx;
  double residual = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double e = y[i] - (f.scale * x[i] + f.bias);
    residual += e * e;
  }
  f.r2 = syy > 0 ? 1.0 - residual / syy : 1.0;
  return f;
}

double rmse(std::span<const double> predicted, std::span<const double> measured) {
  check_paired(predicted, measured);
  if (predicted.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    sum += (predicted[i] - measured[i]) * (predicted[i] - measured[i]);
  return std::sqrt(sum / static_cast<double>(predicted.size()));
}

double mape(std::span<const double> predicted, std::span<const double> measured) {
  check_paired(predicted, measured);
  if (predicted.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    sum += std::abs(predicted[i] - measured[i]) / std::abs(measured[i]);
  return sum / static_cast<double>(predicted.size());
}

double share_within(std::span<const double> predicted, std::span<const double> measured,
                    double tolerance) {
  check_paired(predicted, measured);
  if (predicted.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::size_t inside = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    if (std::abs(predicted[i] - measured[i]) <= tolerance * std::abs(measured[i])) ++inside;
  return static_cast<double>(inside) / static_cast<double>(predicted.size());
}

double kendall_tau(std::span<const double> a, std::span<const double> b) {
  check_paired(a, b);
  long long concordant = 0, discordant = 0, ties_a = 0, ties_b = 0, pairs = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = i + 1; j < a.size(); ++j) {
      ++pairs;
      const double da = a[i] - a[j], db = b[i] - b[j];
      if (da == 0) ++ties_a;
      if (db == 0) ++ties_b;
      if (da == 0 || db == 0) continue;
      (da > 0) == (db > 0) ? ++concordant : ++discordant;
    }
  const double denominator =
      std::sqrt(static_cast<double>(pairs - ties_a) * static_cast<double>(pairs - ties_b));
  return denominator > 0 ? static_cast<double>(concordant - discordant) / denominator : 0.0;
}

double spearman_rho(std::span<const double> a, std::span<const double> b) {
  check_paired(a, b);
  if (a.size() < 2) return 0.0;
  const auto ra = ranks(a), rb = ranks(b);
  return pearson(ra, rb);
}

double median(std::span<const double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> v(values.begin(), values.end());
  std::sort(v.begin(), v.end());
  const std::size_t mid = v.size() / 2;
  return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
}

}  // namespace onnxbench
