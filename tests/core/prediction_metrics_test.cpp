#include "core/prediction_metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace onnxbench {
namespace {

TEST(PredictionMetrics, ShareWithinCountsPointsInsideTheBandInclusive) {
  const std::vector<double> measured{100, 100, 100, 100, 200};
  const std::vector<double> predicted{100, 109, 89, 120, 220};  // 0%, 9%, 11%, 20%, 10%
  EXPECT_DOUBLE_EQ(share_within(predicted, measured, 0.10), 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(share_within(predicted, measured, 0.05), 1.0 / 5.0);
}

TEST(PredictionMetrics, KendallTauMatchesHandCount) {
  // Pairs of b = {3,1,2,5,4}: 7 concordant, 3 discordant -> (7 - 3) / 10.
  EXPECT_DOUBLE_EQ(
      kendall_tau(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{3, 1, 2, 5, 4}), 0.4);
  // Tau-b with one tie on each side: 4 concordant of 6 pairs -> 4 / sqrt(5 * 5).
  EXPECT_DOUBLE_EQ(kendall_tau(std::vector<double>{1, 2, 2, 3}, std::vector<double>{1, 2, 3, 3}),
                   0.8);
  EXPECT_DOUBLE_EQ(kendall_tau(std::vector<double>{1, 2, 3}, std::vector<double>{30, 20, 10}),
                   -1.0);
}

TEST(PredictionMetrics, SpearmanRhoMatchesTheSquaredRankDifferences) {
  // Sum of squared rank differences 8: 1 - 6 * 8 / (5 * 24).
  EXPECT_NEAR(
      spearman_rho(std::vector<double>{10, 20, 30, 40, 50}, std::vector<double>{3, 1, 2, 5, 4}),
      0.6, 1e-12);
  // Ties share their mean rank: ranks {1, 2.5, 2.5, 4} against {1, 2, 3, 4}.
  EXPECT_NEAR(spearman_rho(std::vector<double>{1, 2, 2, 3}, std::vector<double>{1, 2, 3, 4}),
              0.9486832980505138, 1e-12);
}

TEST(PredictionMetrics, RmseMapeAndMedian) {
  EXPECT_DOUBLE_EQ(rmse(std::vector<double>{1, 2}, std::vector<double>{1, 4}), std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(mape(std::vector<double>{110, 90}, std::vector<double>{100, 100}), 0.1);
  EXPECT_DOUBLE_EQ(median(std::vector<double>{3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median(std::vector<double>{4, 1, 3, 2}), 2.5);
  EXPECT_TRUE(std::isnan(median(std::vector<double>{})));
}

TEST(PredictionMetrics, FitLineRecoversAnExactLine) {
  const std::vector<double> x{1, 2, 4, 8};
  std::vector<double> y;
  for (double v : x) y.push_back(2.5 * v - 3);
  const LinearFit f = fit_line(x, y);
  EXPECT_NEAR(f.scale, 2.5, 1e-12);
  EXPECT_NEAR(f.bias, -3, 1e-12);
  EXPECT_NEAR(f.r2, 1, 1e-12);
}

TEST(PredictionMetrics, RejectsUnpairedOrDegenerateInput) {
  EXPECT_THROW(rmse(std::vector<double>{1}, std::vector<double>{1, 2}), std::invalid_argument);
  EXPECT_THROW(fit_line(std::vector<double>{2, 2}, std::vector<double>{1, 3}),
               std::invalid_argument);
}

}  // namespace
}  // namespace onnxbench
