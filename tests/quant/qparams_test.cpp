// QuantizeLinear/DequantizeLinear arithmetic: parameter choice, rounding half to even, saturation,
// the half-step round-trip bound, and per-channel axes.
#include "quant/qparams.h"

#include <gtest/gtest.h>

#include <cmath>

namespace onnxbench::quant {
namespace {

const QuantType kUint8{8, false}, kInt8{8, true}, kInt16{16, true};

TEST(QuantType, LimitsAndOnnxTypes) {
  EXPECT_EQ(kUint8.min(), 0);
  EXPECT_EQ(kUint8.max(), 255);
  EXPECT_EQ(kInt8.min(), -128);
  EXPECT_EQ(kInt8.max(), 127);
  EXPECT_EQ(kInt16.min(), -32768);
  EXPECT_EQ((QuantType{16, false}.max()), 65535);
  EXPECT_EQ(kUint8.onnx_type(), 2);  // UINT8
  EXPECT_EQ(kInt8.onnx_type(), 3);   // INT8
  EXPECT_EQ(kInt16.onnx_type(), 5);  // INT16
}

TEST(ChooseParams, AsymmetricSpansTheRangeWithZeroExact) {
  const QuantParams p = choose_params({-1.0, 3.0}, kUint8, false);
  EXPECT_FLOAT_EQ(p.scale, 4.0f / 255);
  EXPECT_EQ(p.zero_point, 64);  // round(255 / 4)
  EXPECT_EQ(dequantize(quantize(0.0f, p, kUint8), p), 0.0f);
}

TEST(ChooseParams, ARangeWithoutZeroIsWidenedToHoldIt) {
  const QuantParams p = choose_params({2.0, 6.0}, kUint8, false);
  EXPECT_FLOAT_EQ(p.scale, 6.0f / 255);
  EXPECT_EQ(p.zero_point, 0);
}

TEST(ChooseParams, SymmetricHasZeroPointZeroAndTheLargerMagnitude) {
  const QuantParams p = choose_params({-0.5, 2.54}, kInt8, true);
  EXPECT_FLOAT_EQ(p.scale, 2.54f / 127);
  EXPECT_EQ(p.zero_point, 0);
  EXPECT_THROW(choose_params({-1, 1}, kUint8, true), std::exception);
}

TEST(ChooseParams, AnEmptyRangeGetsScaleOne) {
  const QuantParams p = choose_params({0, 0}, kUint8, false);
  EXPECT_EQ(p.scale, 1.0f);
  EXPECT_EQ(p.zero_point, 0);
}

TEST(Quantize, RoundsHalfToEvenAndSaturates) {
  const QuantParams p{1.0f, 0};
  EXPECT_EQ(quantize(2.5f, p, kInt8), 2);
  EXPECT_EQ(quantize(3.5f, p, kInt8), 4);
  EXPECT_EQ(quantize(-2.5f, p, kInt8), -2);
  EXPECT_EQ(quantize(1000.0f, p, kInt8), 127);
  EXPECT_EQ(quantize(-1000.0f, p, kInt8), -128);
  EXPECT_EQ(quantize(-3.0f, {1.0f, 10}, kUint8), 7);
}

TEST(Quantize, RoundTripIsWithinHalfAStepInsideTheRange) {
  for (const bool symmetric : {false, true}) {
    const QuantType type = symmetric ? kInt8 : kUint8;
    const QuantParams p = choose_params({-1.7, 5.3}, type, symmetric);
    for (int i = 0; i <= 1000; ++i) {
      const float x = -1.7f + 7.0f * static_cast<float>(i) / 1000;
      EXPECT_LE(std::abs(dequantize(quantize(x, p, type), p) - x), p.scale / 2 * 1.0001f)
          << x << (symmetric ? " symmetric" : " asymmetric");
    }
  }
}

TEST(WeightParams, PerChannelScalesFollowTheAxis) {
  // 2 output channels x 3 inputs (axis 0), and the same tensor seen along axis 1.
  const std::vector<double> w{1, -2, 0.5, 0.1, 0.2, -0.4};
  const auto rows = weight_params(w, {2, 3}, 0, kInt8);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FLOAT_EQ(rows[0].scale, 2.0f / 127);
  EXPECT_FLOAT_EQ(rows[1].scale, 0.4f / 127);
  const auto columns = weight_params(w, {2, 3}, 1, kInt8);
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_FLOAT_EQ(columns[0].scale, 1.0f / 127);
  EXPECT_FLOAT_EQ(columns[1].scale, 2.0f / 127);
  EXPECT_FLOAT_EQ(columns[2].scale, 0.5f / 127);
  const auto whole = weight_params(w, {2, 3}, -1, kInt8);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_FLOAT_EQ(whole[0].scale, 2.0f / 127);

  const auto q = quantize_weights(w, {2, 3}, 0, rows, kInt8);
  EXPECT_EQ(q, (std::vector<std::int32_t>{64, -127, 32, 32, 64, -127}));
}

}  // namespace
}  // namespace onnxbench::quant
