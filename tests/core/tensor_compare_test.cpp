// Tensor comparison: figures on vectors whose answers are known by hand, and the verdict of the
// absolute, relative and cosine criteria.
#include "core/tensor_compare.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace onnxbench {
namespace {

Tensor floats(const Shape& shape, const std::vector<float>& values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

Tensor floats(const std::vector<float>& values) {
  return floats({static_cast<std::int64_t>(values.size())}, values);
}

TEST(TensorAgreement, KnownVectors) {
  TensorAgreement a;
  a.add(floats({4}, {1, 2, 3, 4}), floats({4}, {1, 2, 3, 5}));
  EXPECT_EQ(a.elements, 4);
  EXPECT_DOUBLE_EQ(a.mse(), 0.25);
  EXPECT_DOUBLE_EQ(a.max_abs_error, 1);
  EXPECT_NEAR(a.sqnr_db(), 10 * std::log10(30.0 / 1.0), 1e-12);
  EXPECT_NEAR(a.cosine(), 34 / std::sqrt(30.0 * 39.0), 1e-12);
}

TEST(TensorAgreement, AccumulatesOverSamplesAndHandlesEqualAndZeroTensors) {
  TensorAgreement same;
  same.add(floats({2}, {1, -1}), floats({2}, {1, -1}));
  same.add(floats({2}, {3, 0}), floats({2}, {3, 0}));
  EXPECT_TRUE(std::isinf(same.sqnr_db()));
  EXPECT_DOUBLE_EQ(same.cosine(), 1);
  EXPECT_EQ(same.elements, 4);
  TensorAgreement zeros;
  zeros.add(floats({2}, {0, 0}), floats({2}, {0, 0}));
  EXPECT_DOUBLE_EQ(zeros.cosine(), 1);
  EXPECT_THROW(zeros.add(floats({2}, {0, 0}), floats({3}, {0, 0, 0})), Error);
}

TEST(TensorAgreement, TopOneAndTopFiveOverRows) {
  TensorAgreement a;
  // Row 0: same argmax (2), top-5 of 6 classes share 4 of 5. Row 1: argmax differs, 4 of 5 shared.
  a.add_classes(floats({2, 6}, {0, 1, 9, 3, 4, 5, 9, 0.5f, 0.4f, 0.3f, 0.2f, 1}),
                floats({2, 6}, {5, 1, 9, 3, 4, 0, 0.1f, 0.5f, 0.4f, 0.3f, 9, 1}));
  EXPECT_EQ(a.rows, 2);
  EXPECT_DOUBLE_EQ(a.top1_agreement(), 0.5);
  EXPECT_DOUBLE_EQ(a.top5_overlap(), 0.8);
  EXPECT_TRUE(looks_like_class_scores({1, 1000}));
  EXPECT_FALSE(looks_like_class_scores({1, 3, 8, 8}));
}

TEST(CompareTensors, RelativeToleranceScalesWithTheValue) {
  const Tolerance tol{1e-3, 1e-7, 0.999};
  EXPECT_TRUE(compare_tensors("y", floats({1000.5f, 1.0f}), floats({1000.0f, 1.0f}), tol).pass);
  const OutputVerdict v = compare_tensors("y", floats({1.0f, 1.01f}), floats({1.0f, 1.0f}), tol);
  EXPECT_FALSE(v.pass);
  EXPECT_NE(v.detail.find("1 of 2 elements outside the tolerance (element 1: 1.01, expected 1)"),
            std::string::npos)
      << v.detail;
}

TEST(CompareTensors, AllZerosAgainstTinyLogitsFailsOnTheCosine) {
  // Every element is within an absolute 1e-4, but the output carries none of the signal.
  const Tolerance loose{0, 1e-4, 0.999};
  const OutputVerdict v =
      compare_tensors("logits", floats({0, 0, 0}), floats({3e-5f, -2e-5f, 5e-5f}), loose);
  EXPECT_FALSE(v.pass);
  EXPECT_NE(v.detail.find("cosine below 0.999"), std::string::npos) << v.detail;
}

TEST(CompareTensors, NanMatchesNanAndIntegersMustBeEqual) {
  const float nan = std::nanf("");
  EXPECT_TRUE(compare_tensors("y", floats({nan, 1}), floats({nan, 1}), {}).pass);
  EXPECT_FALSE(compare_tensors("y", floats({nan, 1}), floats({0, 1}), {}).pass);
  Tensor a(DType::kInt64, {2}), b(DType::kInt64, {2});
  a.as<std::int64_t>()[1] = 1;
  EXPECT_FALSE(compare_tensors("i", a, b, {}).pass);
  EXPECT_TRUE(compare_tensors("i", b, b, {}).pass);
}

TEST(CompareTensors, DtypeAndShapeMustMatch) {
  const OutputVerdict dtype = compare_tensors("y", floats({1}), Tensor(DType::kFloat64, {1}), {});
  EXPECT_FALSE(dtype.pass);
  EXPECT_EQ(dtype.detail, "dtype float32, expected float64");
  const OutputVerdict shape = compare_tensors("y", floats({1, 2}), floats({1}), {});
  EXPECT_EQ(shape.detail, "shape [2], expected [1]");
}

TEST(TensorAgreement, ANanAgainstANumberIsCountedAndLeavesNoSqnr) {
  const float nan = std::nanf("");
  TensorAgreement a;
  a.add(floats({nan, 1, nan}), floats({nan, 2, 0}));
  EXPECT_EQ(a.nan_mismatches, 1);
  EXPECT_DOUBLE_EQ(a.max_abs_error, 1);
  EXPECT_DOUBLE_EQ(a.max_relative_error, 1);
  EXPECT_TRUE(std::isnan(a.sqnr_db()));
}

}  // namespace
}  // namespace onnxbench
