// How well predictions match measurements: the line that maps one to the other (least squares)
// and the agreement measures latency predictors are judged by (nn-Meter's share within ±p%,
// RMSE, MAPE, and the rank correlations a NAS search depends on). Pure functions; `predicted`
// and `measured` are paired by index and must have the same length (std::invalid_argument
// otherwise).
#pragma once

#include <span>

namespace onnxbench {

struct LinearFit {
  double scale = 0, bias = 0;  // y ~ scale * x + bias
  double r2 = 0;               // coefficient of determination on the fitted points
};

// Ordinary least squares of y on x. Needs at least two distinct x values
// (std::invalid_argument otherwise).
LinearFit fit_line(std::span<const double> x, std::span<const double> y);

double rmse(std::span<const double> predicted, std::span<const double> measured);
// Mean of |predicted - measured| / measured, as a fraction (0.05 = 5%).
double mape(std::span<const double> predicted, std::span<const double> measured);
// The fraction of points with |predicted - measured| <= tolerance * measured.
double share_within(std::span<const double> predicted, std::span<const double> measured,
                    double tolerance);
// Kendall's tau-b: (concordant - discordant) / sqrt((n0 - ties_a) (n0 - ties_b)); 0 when either
// side is constant.
double kendall_tau(std::span<const double> a, std::span<const double> b);
// Spearman's rho: Pearson's correlation of the ranks, tied values sharing their mean rank.
double spearman_rho(std::span<const double> a, std::span<const double> b);
// The middle value (mean of the two middle ones for an even count); NaN when empty.
double median(std::span<const double> values);

}  // namespace onnxbench
