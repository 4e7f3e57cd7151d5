// Calibration methods on distributions whose right range is known.
#include "quant/calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "support/model_test_util.h"

namespace onnxbench::quant {
namespace {

// Seeded standard normal values (Box-Muller on a 64-bit LCG): the same on every machine.
std::vector<float> normal_values(std::size_t n, std::uint64_t seed) {
  std::vector<float> out;
  auto uniform = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (static_cast<double>(seed >> 11) + 0.5) / 9007199254740992.0;
  };
  while (out.size() < n) {
    const double r = std::sqrt(-2 * std::log(uniform())), t = 2 * M_PI * uniform();
    out.push_back(static_cast<float>(r * std::cos(t)));
  }
  return out;
}

Histogram histogram_of(const std::vector<float>& values) {
  Histogram h;
  h.add(values.data(), static_cast<std::int64_t>(values.size()));
  return h;
}

CalibrationOptions with(CalibrationMethod method, bool symmetric = false) {
  CalibrationOptions o;
  o.method = method;
  o.symmetric = symmetric;
  o.type = {8, symmetric};
  return o;
}

TEST(Calibration, MinMaxIsTheExactExtremes) {
  const Histogram h = histogram_of({-0.75f, 0.2f, 3.25f});
  const Range r = calibrate_range(h, with(CalibrationMethod::kMinMax));
  EXPECT_EQ(r.lo, -0.75);
  EXPECT_EQ(r.hi, 3.25);
}

TEST(Calibration, PercentileClipsBothTailsOfAUniformRamp) {
  std::vector<float> ramp;
  for (int i = 1; i <= 1000; ++i) ramp.push_back(static_cast<float>(i));
  const Histogram h = histogram_of(ramp);
  CalibrationOptions o = with(CalibrationMethod::kPercentile);
  o.percentile = 99;
  const Range r = calibrate_range(h, o);
  // 10 values below the lower cut and 10 above the upper, to within one bin (1000/1024 wide).
  EXPECT_NEAR(r.lo, 10, 1.0);
  EXPECT_NEAR(r.hi, 990, 1.0);
}

TEST(Calibration, SymmetricPercentileCutsTheMagnitudes) {
  std::vector<float> values;
  for (int i = -500; i <= 500; ++i) values.push_back(static_cast<float>(i));
  CalibrationOptions o = with(CalibrationMethod::kPercentile, true);
  o.percentile = 90;
  const Range r = calibrate_range(histogram_of(values), o);
  EXPECT_NEAR(r.hi, 450, 1.0);
  EXPECT_NEAR(r.lo, -450, 1.0);
}

TEST(Calibration, EntropyClipsRareOutliersOfANormal) {
  std::vector<float> values = normal_values(200000, 7);
  for (int i = 0; i < 5; ++i) values.push_back(60.0f);  // rare outliers at 60 sigma
  const Histogram h = histogram_of(values);
  const Range r = calibrate_range(h, with(CalibrationMethod::kEntropy, true));
  EXPECT_GT(r.hi, 2.5) << "clips the bulk";
  EXPECT_LT(r.hi, 20.0) << "keeps the outliers";
  EXPECT_GE(r.lo, h.min());
}

// With symmetric int8 and threshold T, the bulk's error is about n (2T/254)^2 / 12 and the clipped
// outliers' k (60 - T)^2; for n = 200000 and k = 5 the sum is least near T = 49.7.
TEST(Calibration, MseBalancesRoundingAgainstClippingError) {
  std::vector<float> values = normal_values(200000, 7);
  for (int i = 0; i < 5; ++i) values.push_back(60.0f);
  const Range r = calibrate_range(histogram_of(values), with(CalibrationMethod::kMse, true));
  EXPECT_NEAR(r.hi, 49.7, 3.0);
}

TEST(Calibration, MseKeepsTheWholeRangeOfAUniformDistribution) {
  std::vector<float> values;
  for (int i = 0; i <= 20000; ++i) values.push_back(-1.0f + 2.0f * static_cast<float>(i) / 20000);
  const Range r = calibrate_range(histogram_of(values), with(CalibrationMethod::kMse, true));
  EXPECT_GT(r.hi, 0.95);
  EXPECT_LE(r.hi, 1.0);
}

TEST(Calibration, EveryMethodStaysWithinWhatWasSeen) {
  const std::vector<float> values = normal_values(5000, 3);
  const Histogram h = histogram_of(values);
  for (const auto method : {CalibrationMethod::kMinMax, CalibrationMethod::kPercentile,
                            CalibrationMethod::kEntropy, CalibrationMethod::kMse})
    for (const bool symmetric : {false, true}) {
      const Range r = calibrate_range(h, with(method, symmetric));
      EXPECT_GE(r.lo, h.min()) << calibration_method_name(method);
      EXPECT_LE(r.hi, h.max()) << calibration_method_name(method);
      EXPECT_LT(r.lo, r.hi) << calibration_method_name(method);
    }
}

TEST(Calibration, MethodNamesRoundTripAndUnknownOnesAreRefused) {
  for (const auto* name : {"minmax", "percentile", "entropy", "mse"})
    EXPECT_EQ(calibration_method_name(calibration_method_from_name(name)), name);
  EXPECT_TRUE(testing::contains(testing::input_error_of([] { calibration_method_from_name("kl"); }),
                                "expected one of"));
}

}  // namespace
}  // namespace onnxbench::quant
