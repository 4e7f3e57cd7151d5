// Tensor agreement figures on vectors whose answers are known by hand.
#include "quant/tensor_compare.h"

#include <gtest/gtest.h>

#include <cmath>

#include "quant/compare_models.h"

namespace onnxbench::quant {
namespace {

Tensor floats(const Shape& shape, const std::vector<float>& values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
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

TEST(StandingFor, ADequantizedTensorStandsForWhatWasQuantized) {
  onnx::ModelProto m;
  auto* g = m.mutable_graph();
  auto node = [&](const std::string& op, const std::string& in, const std::string& out) {
    auto* n = g->add_node();
    n->set_op_type(op);
    n->add_input(in);
    n->add_output(out);
  };
  node("Relu", "x", "r");
  node("QuantizeLinear", "r", "r_q");
  node("DequantizeLinear", "r_q", "r_dq");
  node("DequantizeLinear", "w_q", "w_dq");  // a weight: no QuantizeLinear before it
  const auto stands = standing_for(m);
  EXPECT_EQ(stands.at("r"), "r");
  EXPECT_EQ(stands.at("r_dq"), "r");
  EXPECT_EQ(stands.at("w_dq"), "w_dq");
}

}  // namespace
}  // namespace onnxbench::quant
