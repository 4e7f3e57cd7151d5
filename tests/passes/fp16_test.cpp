// fp16: float32 models become float16 inside with outputs that agree with the float32 ones on ONNX
// Runtime within 1e-2 of each output's range (float16 keeps about 3 significant digits); inputs
// that must stay float32 (Resize scales, shape computations) do, and I/O stays float32 unless
// fp16-io.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/half.h"
#include "graph/editing.h"
#include "graph/model_check.h"
#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::expect_equivalent;
using testing::input_error_of;
using testing::op_types;
using testing::random_inputs;
using testing::run_on_onnxruntime;

constexpr float kRelativeTolerance = 1e-2f;
constexpr int kFloat = onnx::TensorProto_DataType_FLOAT;
constexpr int kHalf = onnx::TensorProto_DataType_FLOAT16;

Tensor floats(const Shape& shape, const std::vector<float>& values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

// 1e-2 of the widest range of the model's float32 outputs on these inputs.
float tolerance_for(const onnx::ModelProto& model, const std::map<std::string, Tensor>& inputs) {
  float range = 0;
  for (const auto& [name, t] : run_on_onnxruntime(model, inputs)) {
    const auto [low, high] = std::minmax_element(t.as<float>(), t.as<float>() + t.element_count());
    range = std::max(range, *high - *low);
  }
  return kRelativeTolerance * range;
}

int elem_type(const onnx::ValueInfoProto& v) { return v.type().tensor_type().elem_type(); }

const onnx::TensorProto& initializer(const onnx::ModelProto& m, const std::string& name) {
  for (const auto& t : m.graph().initializer())
    if (t.name() == name) return t;
  throw std::runtime_error("no initializer " + name);
}

TEST(Fp16, AConvNetAgreesWithinOnePercentOfItsOutputRange) {
  const onnx::ModelProto cnn = demo_cnn(3, false);
  const auto inputs = random_inputs({{"input", {1, 3, 96, 96}}});
  const auto outcome =
      expect_equivalent(cnn, *fp16_pass(false), inputs, tolerance_for(cnn, inputs));
  const auto ops = op_types(outcome.model);
  EXPECT_EQ(ops.front(), "Cast");
  EXPECT_EQ(ops.back(), "Cast");
  EXPECT_EQ(outcome.report.count("Casts added"), 2);
  EXPECT_EQ(outcome.report.count("float32 initializers -> float16"),
            cnn.graph().initializer_size());
  for (const auto& t : outcome.model.graph().initializer()) EXPECT_EQ(t.data_type(), kHalf);
  EXPECT_EQ(elem_type(outcome.model.graph().input(0)), kFloat);
  EXPECT_EQ(elem_type(outcome.model.graph().output(0)), kFloat);
  EXPECT_EQ(outcome.model.graph().output(0).name(), "logits");
}

// A Conv, then a Resize by constant scales, and another to sizes computed in float from the
// input's shape; a constant expanded to the input's shape.
onnx::ModelProto resizes() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 2, 4, 4})
      .random_initializer("w", {2, 2, 3, 3}, 1)
      .initializer("scales", floats({4}, {1, 1, 2, 2}))
      .initializer("growth", floats({4}, {1, 1, 1.5f, 1.5f}))
      .node("Conv", {"x", "w"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})})
      .node("Resize", {"c", "", "scales"}, {"doubled"}, {attr_string("mode", "linear")})
      .node("Shape", {"x"}, {"shape"})
      .node("Cast", {"shape"}, {"shape_float"}, {attr_int("to", kFloat)})
      .node("Mul", {"shape_float", "growth"}, {"grown"})
      .node("Cast", {"grown"}, {"sizes"}, {attr_int("to", onnx::TensorProto_DataType_INT64)})
      .node("Resize", {"c", "", "", "sizes"}, {"resized"})
      .random_initializer("token", {1, 2, 4, 4}, 2)  // data, though expanded to a shape
      .node("Expand", {"token", "shape"}, {"tokens"})
      .output("doubled", DType::kFloat32, {1, 2, 8, 8})
      .output("resized", DType::kFloat32)
      .output("tokens", DType::kFloat32, {1, 2, 4, 4});
  return b.build();
}

TEST(Fp16, ResizeScalesAndShapeComputationsStayFloat32) {
  const onnx::ModelProto m = resizes();
  const auto inputs = random_inputs({{"x", {1, 2, 4, 4}}});
  const auto outcome = expect_equivalent(m, *fp16_pass(false), inputs, tolerance_for(m, inputs));
  EXPECT_EQ(initializer(outcome.model, "w").data_type(), kHalf);
  EXPECT_EQ(initializer(outcome.model, "scales").data_type(), kFloat);
  EXPECT_EQ(initializer(outcome.model, "growth").data_type(), kFloat);
  EXPECT_EQ(initializer(outcome.model, "token").data_type(), kHalf);
  EXPECT_EQ(outcome.report.count("Cast to float32 -> float16"), 0);
  EXPECT_EQ(outcome.outputs.at("resized").shape, (Shape{1, 2, 6, 6}));
}

TEST(Fp16, AnOpWithoutFloat16RunsOnFloat32BetweenCasts) {
  ModelBuilder b;  // Range has no float16 in its type constraints
  b.input("s", DType::kFloat32, {})
      .node("Constant", {}, {"two"}, {attr_tensor("value", floats({}, {2}))})
      .initializer("limit", floats({}, {20}))
      .initializer("step", floats({}, {1.5f}))
      .node("Mul", {"s", "two"}, {"start"})
      .node("Range", {"start", "limit", "step"}, {"steps"})
      .node("Relu", {"steps"}, {"y"})
      .output("y", DType::kFloat32);
  const onnx::ModelProto m = b.build();
  const auto inputs = random_inputs({{"s", {}}});
  const auto outcome = expect_equivalent(m, *fp16_pass(false), inputs, tolerance_for(m, inputs));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Constant", "Cast", "Mul", "Cast",
                                                               "Range", "Cast", "Relu", "Cast"}));
  EXPECT_EQ(outcome.report.count("Constant nodes -> float16"), 1);
  EXPECT_EQ(constant_value(outcome.model, "two")->data_type(), kHalf);
  EXPECT_EQ(initializer(outcome.model, "limit").data_type(), kFloat);
  EXPECT_EQ(outcome.report.notes,
            (std::vector<std::string>{
                "Range input 0 stays float32: its type constraints allow no float16"}));
}

TEST(Fp16, Fp16IoTakesAndGivesFloat16) {
  const onnx::ModelProto cnn = demo_cnn(4, false);
  const auto inputs = random_inputs({{"input", {1, 3, 96, 96}}});
  onnx::ModelProto m = cnn;
  const PassReport report = fp16_pass(true)->run(m);
  EXPECT_EQ(model_problem(m), "");
  EXPECT_EQ(report.count("Casts added"), 0);
  const auto ops = op_types(m);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Cast"), 0);
  EXPECT_EQ(elem_type(m.graph().input(0)), kHalf);
  EXPECT_EQ(elem_type(m.graph().output(0)), kHalf);

  const Tensor& x = inputs.at("input");
  Tensor x16(DType::kFloat16, x.shape);
  std::transform(x.as<float>(), x.as<float>() + x.element_count(), x16.as<std::uint16_t>(),
                 float_to_half);
  const Tensor y16 = run_on_onnxruntime(m, {{"input", x16}}).at("logits");
  const Tensor y = run_on_onnxruntime(cnn, inputs).at("logits");
  ASSERT_EQ(y16.dtype, DType::kFloat16);
  ASSERT_EQ(y16.shape, y.shape);
  const float tolerance = tolerance_for(cnn, inputs);
  for (std::int64_t i = 0; i < y.element_count(); ++i)
    EXPECT_NEAR(half_to_float(y16.as<std::uint16_t>()[i]), y.as<float>()[i], tolerance) << i;
}

TEST(Fp16, ValuesBeyondFloat16AreClampedWithANote) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2})
      .initializer("big", floats({2}, {1e5f, -7e4f}))
      .node("Mul", {"x", "big"}, {"y"})
      .output("y", DType::kFloat32, {2});
  onnx::ModelProto m = b.build();
  const PassReport report = fp16_pass(false)->run(m);
  EXPECT_EQ(model_problem(m), "");
  EXPECT_EQ(*float_values(initializer(m, "big")), (std::vector<double>{65504, -65504}));
  EXPECT_EQ(
      report.notes,
      (std::vector<std::string>{"'big': 2 values beyond float16's range clamped to +-65504"}));
}

TEST(Fp16, RefusesAModelWithoutFloat32) {
  ModelBuilder b;
  b.input("i", DType::kInt64, {3})
      .initializer("k", Tensor(DType::kInt64, {3}))
      .node("Add", {"i", "k"}, {"j"})
      .output("j", DType::kInt64, {3});
  onnx::ModelProto m = b.build();
  EXPECT_EQ(input_error_of([&] { fp16_pass(false)->run(m); }),
            "fp16: nothing to convert: no float32 tensor that could become float16");

  ModelBuilder io;  // float32 only at the graph's edges, which fp16 keeps
  io.input("x", DType::kFloat32, {3})
      .node("Identity", {"x"}, {"y"})
      .output("y", DType::kFloat32, {3});
  onnx::ModelProto edges = io.build();
  EXPECT_EQ(input_error_of([&] { fp16_pass(false)->run(edges); }),
            "fp16: nothing to convert: no float32 tensor that could become float16");
}

TEST(Fp16, RefusesAModelWithSubgraphs) {
  ModelBuilder b;
  onnx::AttributeProto branch;
  branch.set_name("then_branch");
  branch.set_type(onnx::AttributeProto_AttributeType_GRAPH);
  b.input("c", DType::kBool, {})
      .input("x", DType::kFloat32, {2})
      .node("If", {"c"}, {"y"}, {branch}, "choose")
      .output("y", DType::kFloat32, {2});
  onnx::ModelProto m = b.build();
  m.mutable_graph()->mutable_node(0)->mutable_attribute(0)->mutable_g()->set_name("then");
  EXPECT_EQ(input_error_of([&] { fp16_pass(false)->run(m); }),
            "fp16: node 'choose' has a subgraph, and fp16 converts only the top-level graph");
}

}  // namespace
}  // namespace onnxbench::model
