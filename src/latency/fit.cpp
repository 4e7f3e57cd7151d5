#include "latency/fit.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.h"

namespace onnxbench::latency {

Agreement agreement(std::span<const double> predicted, std::span<const double> measured) {
  Agreement a;
  a.count = predicted.size();
  a.within_5 = share_within(predicted, measured, 0.05);
  a.within_10 = share_within(predicted, measured, 0.10);
  a.rmse_us = rmse(predicted, measured);
  a.mape = mape(predicted, measured);
  a.kendall_tau = kendall_tau(predicted, measured);
  a.spearman_rho = spearman_rho(predicted, measured);
  return a;
}

RoundSummary summarize_rounds(std::span<const double> rounds, const std::string& stat) {
  // Min_Time is the fastest inference of all rounds, so it is the minimum over the rounds' minima;
  // Avg_Time (a median per round) takes the median over rounds.
  const auto combine = [&](std::span<const double> v) {
    if (v.empty()) throw InputError("no round measured");
    return stat == "Min_Time" ? *std::min_element(v.begin(), v.end()) : median(v);
  };
  const std::size_t half = rounds.size() / 2;
  if (half == 0) return {combine(rounds), combine(rounds), combine(rounds)};
  return {combine(rounds), combine(rounds.first(half)), combine(rounds.subspan(half))};
}

CrossValidation cross_validate(std::span<const double> sums, std::span<const double> measured,
                               int folds) {
  if (folds < 2) throw InputError("--folds must be at least 2");
  if (sums.size() < static_cast<std::size_t>(folds) + 2)
    throw InputError("cross-validation with " + std::to_string(folds) + " folds needs at least " +
                     std::to_string(folds + 2) + " architectures, got " +
                     std::to_string(sums.size()));
  std::vector<double> predicted(sums.size());
  for (int k = 0; k < folds; ++k) {
    std::vector<double> x, y;
    for (std::size_t i = 0; i < sums.size(); ++i)
      if (static_cast<int>(i % folds) != k) {
        x.push_back(sums[i]);
        y.push_back(measured[i]);
      }
    const LinearFit line = fit_line(x, y);
    for (std::size_t i = k; i < sums.size(); i += folds)
      predicted[i] = line.scale * sums[i] + line.bias;
  }
  return {folds, agreement(predicted, measured)};
}

}  // namespace onnxbench::latency
