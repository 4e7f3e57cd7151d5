#include "core/distribution.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <vector>

namespace onnxbench {
namespace {

TEST(Distribution, EmptyIsEmpty) {
  const LatencyDistribution d = distribution({});
  EXPECT_TRUE(d.counts.empty());
  EXPECT_TRUE(d.cdf_value.empty());
}

TEST(Distribution, HundredSamplesGiveTenBinsOfTen) {
  std::vector<double> v(100);
  std::iota(v.begin(), v.end(), 1.0);  // 1..100, shuffled below: order must not matter
  std::shuffle(v.begin(), v.end(), std::mt19937(7));
  const LatencyDistribution d = distribution(v);
  ASSERT_EQ(d.counts.size(), 10u);
  EXPECT_DOUBLE_EQ(d.first_edge, 1.0);
  EXPECT_DOUBLE_EQ(d.bin_width, 9.9);
  for (std::size_t c : d.counts) EXPECT_EQ(c, 10u);
  ASSERT_EQ(d.cdf_percent.size(), d.cdf_value.size());
  EXPECT_DOUBLE_EQ(d.cdf_value.front(), 1.0);   // p0 is the minimum
  EXPECT_DOUBLE_EQ(d.cdf_value[50], 50.0);      // nearest rank ceil(0.5 * 100)
  EXPECT_DOUBLE_EQ(d.cdf_value.back(), 100.0);  // p100 is the maximum
}

TEST(Distribution, CountsSumToSamplesAndBinsAreCapped) {
  std::mt19937 rng(3);
  std::lognormal_distribution<double> latency(0.0, 0.5);
  std::vector<double> v(10000);
  for (double& x : v) x = latency(rng);
  const LatencyDistribution d = distribution(v, 40);
  EXPECT_EQ(d.counts.size(), 40u);
  EXPECT_EQ(std::accumulate(d.counts.begin(), d.counts.end(), std::size_t{0}), v.size());
  for (std::size_t i = 1; i < d.cdf_value.size(); ++i)
    EXPECT_LE(d.cdf_value[i - 1], d.cdf_value[i]);
}

TEST(Distribution, IdenticalSamplesAreOneBin) {
  const std::vector<double> v(5, 2.5);
  const LatencyDistribution d = distribution(v);
  ASSERT_EQ(d.counts.size(), 1u);
  EXPECT_EQ(d.counts[0], 5u);
  EXPECT_DOUBLE_EQ(d.bin_width, 0.0);
}

}  // namespace
}  // namespace onnxbench
