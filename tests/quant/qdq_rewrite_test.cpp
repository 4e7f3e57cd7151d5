// The QDQ rewrite end to end: a small CNN calibrated on ONNX Runtime, quantized, checked by ONNX's
// checker, run on ONNX Runtime and compared with the float model.
#include "quant/qdq_rewrite.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "bench/model_under_test.h"
#include "core/npy.h"
#include "graph/model_check.h"
#include "quant/calibration_table.h"
#include "quant/collect.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"
#include "support/test_paths.h"

namespace onnxbench::quant {
namespace {

using model::attr_int;
using model::attr_ints;

// x [1,3,8,8] -> Conv(4,3x3) -> Relu -> Conv(8,1x1) -> Add(skip) ... -> GAP -> Flatten -> Gemm(10)
onnx::ModelProto small_cnn(std::int64_t opset = 13) {
  model::ModelBuilder b(opset);
  b.input("x", DType::kFloat32, {1, 3, 8, 8})
      .random_initializer("w1", {4, 3, 3, 3}, 1, 0.5f)
      .random_initializer("b1", {4}, 2, 0.1f)
      .node("Conv", {"x", "w1", "b1"}, {"c1"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv1")
      .node("Relu", {"c1"}, {"r1"}, {}, "relu1")
      .random_initializer("w2", {4, 4, 1, 1}, 3, 0.5f)
      .random_initializer("b2", {4}, 4, 0.1f)
      .node("Conv", {"r1", "w2", "b2"}, {"c2"}, {}, "conv2")
      .node("Add", {"c2", "r1"}, {"s"}, {}, "skip")
      .node("GlobalAveragePool", {"s"}, {"g"}, {}, "pool")
      .node("Flatten", {"g"}, {"f"}, {}, "flatten")
      .random_initializer("wf", {10, 4}, 5, 0.5f)
      .random_initializer("bf", {10}, 6, 0.1f)
      .node("Gemm", {"f", "wf", "bf"}, {"logits"}, {attr_int("transB", 1)}, "fc")
      .output("logits", DType::kFloat32, {1, 10});
  return b.build();
}

CalibrationTable calibrate_on_onnxruntime(const onnx::ModelProto& m, int samples) {
  const std::string dir = testing::scratch_dir();
  const std::string path = dir + "/float.onnx";
  model::save_model(m, path);
  const auto inputs = model_under_test(model::load_model(path)).inputs;
  Engine engine("onnxruntime", RunnerLimits{});
  const auto set = calibration_set("random:" + std::to_string(samples), inputs, {1, 100, {}, {}},
                                   engine.work_dir());
  return calibration_table(collect_histograms(m, inputs, set, engine), CalibrationOptions{});
}

const onnx::TensorProto* initializer(const onnx::ModelProto& m, const std::string& name) {
  for (const auto& t : m.graph().initializer())
    if (t.name() == name) return &t;
  return nullptr;
}

int count_ops(const onnx::ModelProto& m, const std::string& op) {
  int n = 0;
  for (const auto& node : m.graph().node()) n += node.op_type() == op;
  return n;
}

double cosine(const Tensor& a, const Tensor& b) {
  double ab = 0, aa = 0, bb = 0;
  for (std::int64_t i = 0; i < a.element_count(); ++i) {
    const double x = a.as<float>()[i], y = b.as<float>()[i];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / std::sqrt(aa * bb);
}

TEST(QdqRewrite, CalibratedCnnRunsOnOnnxRuntimeCloseToTheFloatModel) {
  const onnx::ModelProto m = small_cnn();
  const CalibrationTable table = calibrate_on_onnxruntime(m, 8);
  for (const char* t : {"x", "c1", "r1", "c2", "s", "g", "f", "logits"})
    EXPECT_TRUE(table.tensors.count(t)) << t;
  EXPECT_EQ(table.tensors.at("r1").min, 0);  // after Relu

  onnx::ModelProto q = m;
  const QdqReport report = quantize_qdq(q, table.ranges(), QdqOptions{});
  EXPECT_EQ(model::model_problem(q), "");
  EXPECT_EQ(report.quantized_nodes, 6);
  EXPECT_EQ(report.folded_activations, 1);  // relu1: conv1's QuantizeLinear clamps at 0 instead
  EXPECT_EQ(count_ops(q, "Relu"), 0);
  EXPECT_EQ(report.quantized_weights, 3);
  EXPECT_EQ(report.quantized_biases, 3);
  EXPECT_EQ(count_ops(q, "QuantizeLinear"), report.quantized_activations);
  const auto* w1 = initializer(q, "w1_quantized");
  ASSERT_NE(w1, nullptr);
  EXPECT_EQ(w1->data_type(), onnx::TensorProto_DataType_INT8);
  const auto* w1_scale = initializer(q, "w1_quantized_scale");
  ASSERT_NE(w1_scale, nullptr);
  EXPECT_EQ(w1_scale->dims_size(), 1);  // per channel
  EXPECT_EQ(w1_scale->dims(0), 4);
  EXPECT_EQ(initializer(q, "b1_quantized")->data_type(), onnx::TensorProto_DataType_INT32);
  EXPECT_EQ(initializer(q, "w1"), nullptr) << "the float weight is gone";

  const auto inputs = testing::random_inputs({{"x", {1, 3, 8, 8}}}, 999);
  const auto reference = testing::run_on_onnxruntime(m, inputs).at("logits");
  const auto quantized = testing::run_on_onnxruntime(q, inputs).at("logits");
  EXPECT_GT(cosine(reference, quantized), 0.99);
}

TEST(QdqRewrite, SymmetricActivationsKeepTheRelu) {
  const onnx::ModelProto m = small_cnn();
  onnx::ModelProto q = m;
  QdqOptions options;
  options.symmetric_activations = true;
  options.activation_type = {8, true};
  const QdqReport report = quantize_qdq(q, calibrate_on_onnxruntime(m, 2).ranges(), options);
  EXPECT_EQ(report.folded_activations, 0);
  EXPECT_EQ(count_ops(q, "Relu"), 1);
  EXPECT_EQ(model::model_problem(q), "");
}

TEST(QdqRewrite, PerTensorWeightsHaveOneScale) {
  const onnx::ModelProto m = small_cnn();
  onnx::ModelProto q = m;
  QdqOptions options;
  options.per_channel = false;
  quantize_qdq(q, calibrate_on_onnxruntime(m, 2).ranges(), options);
  EXPECT_EQ(model::model_problem(q), "");
  EXPECT_EQ(initializer(q, "w1_quantized_scale")->dims_size(), 0);
  EXPECT_EQ(initializer(q, "b1_quantized_scale")->dims_size(), 0);
}

TEST(QdqRewrite, NodesAndOpTypesLeftInFloatKeepTheirFloatWeights) {
  const onnx::ModelProto m = small_cnn();
  onnx::ModelProto q = m;
  QdqOptions options;
  options.float_op_types = {"Gemm"};
  options.float_nodes = {"conv2"};
  const QdqReport report = quantize_qdq(q, calibrate_on_onnxruntime(m, 2).ranges(), options);
  EXPECT_EQ(report.quantized_weights, 1);
  EXPECT_NE(initializer(q, "wf"), nullptr);
  EXPECT_NE(initializer(q, "w2"), nullptr);
  EXPECT_EQ(report.notes.size(), 2u);
}

TEST(QdqRewrite, SixteenBitActivationsUseOnnxRuntimesQuantizeLinearBeforeOpset21) {
  const onnx::ModelProto m = small_cnn();
  onnx::ModelProto q = m;
  QdqOptions options;
  options.activation_type = {16, false};
  quantize_qdq(q, calibrate_on_onnxruntime(m, 2).ranges(), options);
  bool has_ms_domain = false;
  for (const auto& o : q.opset_import()) has_ms_domain |= o.domain() == "com.microsoft";
  EXPECT_TRUE(has_ms_domain);
  const auto inputs = testing::random_inputs({{"x", {1, 3, 8, 8}}}, 5);
  const auto reference = testing::run_on_onnxruntime(m, inputs).at("logits");
  const auto quantized = testing::run_on_onnxruntime(q, inputs).at("logits");
  EXPECT_GT(cosine(reference, quantized), 0.999);
}

TEST(QdqRewrite, RefusesModelsItCannotQuantize) {
  model::ModelBuilder only_exp(13);
  only_exp.input("x", DType::kFloat32, {2}).node("Exp", {"x"}, {"y"}).output("y", DType::kFloat32);
  onnx::ModelProto a = only_exp.build();
  EXPECT_TRUE(testing::contains(testing::input_error_of([&] {
                                  quantize_qdq(a, {{"x", {0, 1}}}, {});
                                }),
                                "no node to quantize"));

  onnx::ModelProto old = small_cnn(9);
  EXPECT_TRUE(testing::contains(testing::input_error_of([&] { quantize_qdq(old, {}, {}); }),
                                "opset 10 or later"));
}

// Issue 22: sixteen near-identical notes become one line per reason.
TEST(QdqRewrite, NotesCollapseToOneLinePerReason) {
  std::vector<std::string> notes = {
      "weights quantized per tensor: per-channel scales need opset 13"};
  for (int i = 0; i < 16; ++i)
    notes.push_back("node 'conv" + std::to_string(i) +
                    "': bias kept in float: the bias is not a constant");
  notes.push_back(
      "node 'fc': bias kept in float: the Gemm scales its bias (beta or alpha other "
      "than 1)");
  notes.push_back("node 'stem' (Conv) left in float as asked");
  const auto collapsed = collapsed_notes(notes);
  ASSERT_EQ(collapsed.size(), 4u);
  EXPECT_EQ(collapsed[0], notes[0]);
  EXPECT_EQ(collapsed[1], notes.back());
  EXPECT_EQ(
      collapsed[2].rfind("bias kept in float: the bias is not a constant: 16 nodes (conv0, ", 0),
      0u)
      << collapsed[2];
  EXPECT_EQ(collapsed[3],
            "node 'fc': bias kept in float: the Gemm scales its bias (beta or alpha other than 1)");
}

}  // namespace
}  // namespace onnxbench::quant
