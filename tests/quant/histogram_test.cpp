// The running histogram: exact extremes, counts that survive widening, the |x| fold.
#include "quant/histogram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace onnxbench::quant {
namespace {

double total(const std::vector<double>& counts) {
  return std::accumulate(counts.begin(), counts.end(), 0.0);
}

TEST(Histogram, TracksExactExtremesAndCounts) {
  Histogram h(8);
  const std::vector<float> a{0.5f, -0.25f, 1.0f};
  h.add(a.data(), 3);
  EXPECT_EQ(h.count(), 3);
  EXPECT_EQ(h.min(), -0.25);
  EXPECT_EQ(h.max(), 1.0);
  EXPECT_NEAR(h.range(), 1.0, 1e-5);
  EXPECT_EQ(total(h.counts()), 3);
}

TEST(Histogram, WideningKeepsEveryValueInItsBin) {
  Histogram h(8);
  const std::vector<float> a{0.1f, 0.9f, -0.6f};
  h.add(a.data(), 3);
  const std::vector<float> b{3.5f};
  h.add(b.data(), 1);
  EXPECT_GE(h.range(), 3.5);
  EXPECT_EQ(total(h.counts()), 4);
  const double w = h.bin_width();
  for (const float v : {0.1f, 0.9f, -0.6f, 3.5f}) {
    const auto bin = static_cast<std::size_t>((v + h.range()) / w);
    EXPECT_GE(h.counts()[bin], 1) << v;
  }
  EXPECT_EQ(h.max(), 3.5);
  EXPECT_EQ(h.min(), static_cast<double>(-0.6f));
}

TEST(Histogram, SkipsNaNAndFoldsMagnitudes) {
  Histogram h(4);
  const std::vector<float> a{-1.0f, NAN, 0.4f, 0.6f};
  h.add(a.data(), 4);
  EXPECT_EQ(h.count(), 3);
  const auto folded = h.magnitude_counts();
  ASSERT_EQ(folded.size(), 2u);
  EXPECT_EQ(folded[0], 1);  // 0.4
  EXPECT_EQ(folded[1], 2);  // 0.6 and -1.0
}

TEST(Histogram, AllZerosHaveAnEmptyRange) {
  Histogram h(4);
  const std::vector<float> a(10, 0.0f);
  h.add(a.data(), 10);
  EXPECT_EQ(h.range(), 0);
  EXPECT_EQ(h.count(), 10);
}

}  // namespace
}  // namespace onnxbench::quant
