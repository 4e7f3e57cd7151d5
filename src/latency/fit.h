// Fitting the estimator's line on paired (module sum, measured latency) points and judging it
// by k-fold cross-validation; pure functions.
#pragma once

#include <span>
#include <string>

#include "core/prediction_metrics.h"

namespace onnxbench::latency {

struct Agreement {
  std::size_t count = 0;
  double within_5 = 0, within_10 = 0;  // shares of points within ±5%, ±10%
  double rmse_us = 0, mape = 0;
  double kendall_tau = 0, spearman_rho = 0;
};

// Predicted against measured, paired by index.
Agreement agreement(std::span<const double> predicted, std::span<const double> measured);

// One model's value over all its interleaved rounds, and over the first and the second half of
// them (two independent measurements: the test-retest pair).
struct RoundSummary {
  double all = 0, first = 0, second = 0;
};
// Min_Time: the minimum over rounds (the fastest inference of all); Avg_Time: the median.
RoundSummary summarize_rounds(std::span<const double> rounds, const std::string& stat);

struct CrossValidation {
  int folds = 0;
  Agreement held_out;  // every point predicted by the line fitted on the other folds
};

// Point i is in fold i % folds (the points are random samples already). Needs folds >= 2 and at
// least two points outside each fold (InputError otherwise).
CrossValidation cross_validate(std::span<const double> sums, std::span<const double> measured,
                               int folds);

}  // namespace onnxbench::latency
