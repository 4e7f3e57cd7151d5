// set-batch and set-dims: symbols become sizes everywhere, outputs unchanged (ONNX Runtime,
// tolerance 1e-5).
#include <gtest/gtest.h>

#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::contains;
using testing::expect_equivalent;
using testing::inferred_shape;
using testing::input_error_of;
using testing::random_inputs;

std::string shape_text(const onnx::ValueInfoProto& v) {
  return dims_to_string(*dims_of_type(v.type()));
}

// x [N,3,8,8] -> Conv(4, 3x3, pad 1) -> Relu -> y [N,4,8,8], with a value_info naming N too.
onnx::ModelProto conv_relu(const Dim& batch) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {batch, 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1, 0.5f)
      .node("Conv", {"x", "w"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})})
      .node("Relu", {"c"}, {"y"})
      .output("y", DType::kFloat32, {batch, 4, 8, 8});
  auto* vi = b.proto().mutable_graph()->add_value_info();
  vi->set_name("c");
  vi->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto_DataType_FLOAT);
  dims_to_proto({batch, 4, 8, 8}, vi->mutable_type()->mutable_tensor_type()->mutable_shape());
  return b.build();
}

TEST(SetBatch, FixesTheBatchSymbolEverywhereAndKeepsOutputs) {
  const auto outcome =
      expect_equivalent(conv_relu("N"), *set_batch_pass(2), random_inputs({{"x", {2, 3, 8, 8}}}));
  const auto& g = outcome.model.graph();
  EXPECT_EQ(shape_text(g.input(0)), "[2,3,8,8]");
  EXPECT_EQ(shape_text(g.output(0)), "[2,4,8,8]");
  EXPECT_EQ(shape_text(g.value_info(0)), "[2,4,8,8]");
  EXPECT_EQ(outcome.report.count("input dims set"), 1);
  EXPECT_EQ(outcome.report.count("output dims set"), 1);
  EXPECT_EQ(outcome.report.count("value_info dims set"), 1);
  EXPECT_EQ(outcome.outputs.at("y").shape, (Shape{2, 4, 8, 8}));
}

TEST(SetBatch, SetsAnUnnamedFirstDimension) {
  const auto outcome =
      expect_equivalent(conv_relu(Dim()), *set_batch_pass(3), random_inputs({{"x", {3, 3, 8, 8}}}));
  EXPECT_EQ(shape_text(outcome.model.graph().input(0)), "[3,3,8,8]");
  EXPECT_EQ(inferred_shape(outcome.model, "y"), "[3,4,8,8]");
}

TEST(SetBatch, LeavesAnInputWithAnotherFixedFirstDimensionAlone) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {"batch", 5})
      .input("scale", DType::kFloat32, {1, 5})
      .node("Mul", {"x", "scale"}, {"y"})
      .output("y", DType::kFloat32, {"batch", 5});
  const auto outcome = expect_equivalent(b.build(), *set_batch_pass(4),
                                         random_inputs({{"x", {4, 5}}, {"scale", {1, 5}}}));
  EXPECT_EQ(shape_text(outcome.model.graph().input(1)), "[1,5]");
  EXPECT_EQ(shape_text(outcome.model.graph().output(0)), "[4,5]");
  ASSERT_EQ(outcome.report.notes.size(), 2u);
  EXPECT_TRUE(contains(outcome.report.notes[1], "input 'scale' left as it is"));
}

TEST(SetBatch, AFixedBatchOfTheSameSizeIsNothingToDo) {
  onnx::ModelProto m = conv_relu(1);
  const PassReport r = set_batch_pass(1)->run(m);
  EXPECT_EQ(r.total(), 0);
  EXPECT_TRUE(contains(r.notes.at(0), "every input already has batch 1"));
}

TEST(SetBatch, RefusesAModelWithoutABatchDimensionToSet) {
  onnx::ModelProto m = conv_relu(1);
  const onnx::ModelProto before = m;
  EXPECT_EQ(input_error_of([&] { set_batch_pass(4)->run(m); }),
            "set-batch: input 'x' has no batch dimension to set: its shape is [1,3,8,8], "
            "expected a symbolic first dimension");
  EXPECT_EQ(m.SerializeAsString(), before.SerializeAsString());
  EXPECT_TRUE(contains(input_error_of([] { set_batch_pass(0); }), "1 or more, got 0"));
}

// x [N,seq,16] -> MatMul(16x8) -> y [N,seq,8]
onnx::ModelProto matmul_model() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", "seq", 16})
      .random_initializer("w", {16, 8}, 2)
      .node("MatMul", {"x", "w"}, {"y"})
      .output("y", DType::kFloat32, {"N", "seq", 8});
  return b.build();
}

TEST(SetDims, FixesNamedSymbolsAcrossInputsAndOutputs) {
  const auto outcome = expect_equivalent(matmul_model(), *set_dims_pass({{"N", 2}, {"seq", 5}}),
                                         random_inputs({{"x", {2, 5, 16}}}));
  EXPECT_EQ(shape_text(outcome.model.graph().input(0)), "[2,5,16]");
  EXPECT_EQ(shape_text(outcome.model.graph().output(0)), "[2,5,8]");
  EXPECT_EQ(outcome.report.count("input dims set"), 2);
  EXPECT_EQ(outcome.report.count("output dims set"), 2);
}

TEST(SetDims, OneSymbolOnly) {
  onnx::ModelProto m = matmul_model();
  set_dims_pass({{"seq", 7}})->run(m);
  EXPECT_EQ(shape_text(m.graph().input(0)), "[N,7,16]");
}

TEST(SetDims, RefusesAnUnknownSymbolNamingTheRealOnes) {
  onnx::ModelProto m = matmul_model();
  EXPECT_EQ(input_error_of([&] {
              set_dims_pass({{"len", 3}})->run(m);
            }),
            "set-dims: no dimension is named 'len' (its symbols: N, seq)");
  onnx::ModelProto fixed = conv_relu(1);
  EXPECT_EQ(input_error_of([&] {
              set_dims_pass({{"N", 3}})->run(fixed);
            }),
            "set-dims: no dimension is named 'N' (the graph has no symbolic dimensions)");
}

}  // namespace
}  // namespace onnxbench::model
