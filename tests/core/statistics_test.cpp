#include "core/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace onnxbench {
namespace {

TEST(Statistics, EmptyHasCountZeroAndNaN) {
  const LatencyStats s = summarize({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_TRUE(std::isnan(s.mean));
  EXPECT_TRUE(std::isnan(s.p50));
  EXPECT_TRUE(std::isnan(s.max));
}

TEST(Statistics, OneSampleIsEveryPercentileWithZeroSpread) {
  const std::vector<double> v{4.5};
  const LatencyStats s = summarize(v);
  EXPECT_EQ(s.count, 1u);
  for (double x : {s.mean, s.min, s.p50, s.p75, s.p90, s.p95, s.p99, s.p999, s.max})
    EXPECT_DOUBLE_EQ(x, 4.5);
  EXPECT_DOUBLE_EQ(s.stdev, 0.0);
  EXPECT_DOUBLE_EQ(s.cv, 0.0);
}

TEST(Statistics, NearestRankOnOneToTen) {
  // Given out of order: the result must not depend on it.
  const std::vector<double> v{7, 3, 10, 1, 5, 2, 9, 4, 8, 6};
  const LatencyStats s = summarize(v);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.p50, 5);   // ceil(0.5*10) = rank 5
  EXPECT_DOUBLE_EQ(s.p75, 8);   // ceil(7.5) = 8
  EXPECT_DOUBLE_EQ(s.p90, 9);   // rank 9
  EXPECT_DOUBLE_EQ(s.p95, 10);  // ceil(9.5) = 10
  EXPECT_DOUBLE_EQ(s.p99, 10);
  EXPECT_DOUBLE_EQ(s.p999, 10);
  EXPECT_DOUBLE_EQ(s.max, 10);
  EXPECT_NEAR(s.stdev, 3.0276503540974917, 1e-12);  // sample stdev of 1..10
  EXPECT_NEAR(s.cv, 3.0276503540974917 / 5.5, 1e-12);
}

TEST(Statistics, P0IsMinAndP100IsMax) {
  const std::vector<double> sorted{1, 2, 3};
  EXPECT_DOUBLE_EQ(percentile_sorted(sorted, 0), 1);
  EXPECT_DOUBLE_EQ(percentile_sorted(sorted, 100), 3);
  EXPECT_DOUBLE_EQ(percentile_sorted(sorted, 33.3), 1);  // ceil(0.999) = 1
  EXPECT_DOUBLE_EQ(percentile_sorted(sorted, 33.4), 2);  // ceil(1.002) = 2
  EXPECT_TRUE(std::isnan(percentile_sorted({}, 50)));
}

TEST(Statistics, P999NeedsAThousandSamplesToDifferFromMax) {
  std::vector<double> v;
  for (int i = 1; i <= 2000; ++i) v.push_back(i);
  const LatencyStats s = summarize(v);
  EXPECT_DOUBLE_EQ(s.p999, 1998);  // ceil(0.999 * 2000) = 1998
  EXPECT_DOUBLE_EQ(s.p99, 1980);
  EXPECT_DOUBLE_EQ(s.p50, 1000);
}

}  // namespace
}  // namespace onnxbench
