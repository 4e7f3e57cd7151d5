// simplify: each rewrite on a small model, checked for the same outputs on ONNX Runtime
// (tolerance 1e-5); graph-output names kept; the refusal; and a torch-style Flatten (a shape
// subgraph feeding Reshape) that OpenCV 4.6 runs after simplify.
#include <gtest/gtest.h>

#include <algorithm>

#include "graph/constant_tensor.h"
#include "graph/editing.h"
#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::expect_equivalent;
using testing::input_error_of;
using testing::op_types;
using testing::random_inputs;

std::vector<std::string> initializer_names(const onnx::ModelProto& m) {
  std::vector<std::string> names;
  for (const auto& t : m.graph().initializer()) names.push_back(t.name());
  return names;
}

std::vector<std::string> output_names(const onnx::ModelProto& m) {
  std::vector<std::string> names;
  for (const auto& v : m.graph().output()) names.push_back(v.name());
  return names;
}

Tensor int64s(const std::vector<std::int64_t>& values) {
  Tensor t(DType::kInt64, {static_cast<std::int64_t>(values.size())});
  std::copy(values.begin(), values.end(), t.as<std::int64_t>());
  return t;
}

// x [2,8,3,3] -> Relu -> Flatten as torch exports x.view(x.size(0), -1):
// Shape -> Gather(0) -> Unsqueeze -> Concat with [-1] -> Reshape; then Gemm.
onnx::ModelProto torch_style_flatten() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 8, 3, 3})
      .node("Relu", {"x"}, {"r"})
      .node("Shape", {"r"}, {"shape"})
      .node("Constant", {}, {"zero"}, {attr_tensor("value", Tensor(DType::kInt64, {}))})
      .node("Gather", {"shape", "zero"}, {"batch"}, {attr_int("axis", 0)})
      .initializer("axes", int64s({0}))
      .node("Unsqueeze", {"batch", "axes"}, {"batch_1d"})
      .initializer("minus_one", int64s({-1}))
      .node("Concat", {"batch_1d", "minus_one"}, {"flat_shape"}, {attr_int("axis", 0)})
      .node("Reshape", {"r", "flat_shape"}, {"flat"})
      .random_initializer("w", {5, 72}, 3, 0.2f)
      .random_initializer("b", {5}, 4)
      .node("Gemm", {"flat", "w", "b"}, {"y"}, {attr_int("transB", 1)})
      .output("y", DType::kFloat32, {2, 5});
  return b.build();
}

TEST(Simplify, FoldsATorchStyleFlattenShapeSubgraph) {
  const auto outcome = expect_equivalent(torch_style_flatten(), *simplify_pass(),
                                         random_inputs({{"x", {2, 8, 3, 3}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Relu", "Reshape", "Gemm"}));
  EXPECT_EQ(outcome.report.count("Constant nodes -> initializers"), 1);
  EXPECT_EQ(outcome.report.count("folded Shape"), 1);
  EXPECT_EQ(outcome.report.count("folded Gather"), 1);
  EXPECT_EQ(outcome.report.count("folded Unsqueeze"), 1);
  EXPECT_EQ(outcome.report.count("folded Concat"), 1);
  EXPECT_EQ(outcome.report.count("unused initializers removed"), 2);
  EXPECT_EQ(initializer_names(outcome.model), (std::vector<std::string>{"w", "b", "flat_shape"}));
  const auto shape = from_proto(outcome.model.graph().initializer(2));
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->ints, (std::vector<std::int64_t>{2, -1}));
}

TEST(Simplify, FoldsShapeSubgraphsThatDependOnEarlierOnes) {
  // r = x.view(-1, x.size(1) // 2), then y = r.view(r.size(0), -1): the second Shape is static
  // only once the first subgraph is folded into r's shape.
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 8})
      .node("Shape", {"x"}, {"x_shape"})
      .initializer("one", int64s({1}))
      .node("Gather", {"x_shape", "one"}, {"width"})
      .initializer("two", int64s({2}))
      .node("Div", {"width", "two"}, {"half"})
      .initializer("minus_one", int64s({-1}))
      .node("Concat", {"minus_one", "half"}, {"r_shape"}, {attr_int("axis", 0)})
      .node("Reshape", {"x", "r_shape"}, {"r"})
      .node("Shape", {"r"}, {"shape_of_r"})
      .initializer("zero", int64s({0}))
      .node("Gather", {"shape_of_r", "zero"}, {"rows"})
      .node("Concat", {"rows", "minus_one"}, {"y_shape"}, {attr_int("axis", 0)})
      .node("Reshape", {"r", "y_shape"}, {"y"})
      .output("y", DType::kFloat32, {4, 4});
  const auto outcome =
      expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {2, 8}}}));
  // The second Reshape, [4,4] to [4,4], is then a no-op.
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Reshape"}));
  EXPECT_EQ(outcome.report.count("folded Shape"), 2);
  EXPECT_EQ(outcome.report.count("removed Reshape that keeps the shape"), 1);
  EXPECT_EQ(outcome.model.graph().node(0).output(0), "y");
}

TEST(Simplify, RemovesNoOpNodes) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {2, 4})
      .node("Identity", {"x"}, {"a"})
      .node("Dropout", {"a"}, {"b"}, {}, "drop")
      .node("Cast", {"b"}, {"c"}, {attr_int("to", onnx::TensorProto_DataType_FLOAT)})
      .initializer("same_shape", int64s({2, 4}))
      .node("Reshape", {"c", "same_shape"}, {"d"})
      .node("Transpose", {"d"}, {"e"}, {attr_ints("perm", {0, 1})})
      .node("Relu", {"e"}, {"y"})
      .output("y", DType::kFloat32, {2, 4});
  const auto outcome =
      expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {2, 4}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Relu"}));
  EXPECT_EQ(outcome.model.graph().node(0).input(0), "x");
  for (const char* kind :
       {"removed Identity", "removed Dropout at inference", "removed Cast to the same type",
        "removed Reshape that keeps the shape", "removed Transpose with the identity permutation"})
    EXPECT_EQ(outcome.report.count(kind), 1) << kind;
  EXPECT_EQ(outcome.report.count("unused initializers removed"), 1);
}

TEST(Simplify, AnIdentityOfAWeightLetsItsReadersShareTheWeight) {
  // How torch exports one tensor used by two layers; OpenCV 4.6 cannot import the Identity.
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {4})
      .random_initializer("w", {4}, 1)
      .node("Identity", {"w"}, {"w_shared"})
      .node("Add", {"x", "w"}, {"a"})
      .node("Mul", {"a", "w_shared"}, {"y"})
      .output("y", DType::kFloat32, {4});
  const auto outcome = expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {4}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Add", "Mul"}));
  EXPECT_EQ(outcome.report.count("removed Identity"), 1);
  EXPECT_EQ(initializer_names(outcome.model), (std::vector<std::string>{"w"}));
  EXPECT_EQ(outcome.model.graph().node(1).input(1), "w");
}

TEST(Simplify, AnIdentityWritingAGraphOutputLeavesTheOutputName) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {3})
      .node("Relu", {"x"}, {"r"})
      .node("Identity", {"r"}, {"y"})
      .node("Neg", {"r"}, {"z"})
      .output("y", DType::kFloat32, {3})
      .output("z", DType::kFloat32, {3});
  const auto outcome = expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {3}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Relu", "Neg"}));
  EXPECT_EQ(output_names(outcome.model), (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(outcome.model.graph().node(0).output(0), "y");
  EXPECT_EQ(outcome.model.graph().node(1).input(0), "y");
}

TEST(Simplify, AnIdentityFromAGraphInputToAGraphOutputStaysWithANote) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {3})
      .node("Identity", {"x"}, {"y"}, {}, "pass_through")
      .node("Constant", {}, {"k"}, {attr_tensor("value", Tensor(DType::kFloat32, {3}))})
      .node("Add", {"x", "k"}, {"z"})
      .output("y", DType::kFloat32, {3})
      .output("z", DType::kFloat32, {3});
  const auto outcome = expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {3}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Identity", "Add"}));
  ASSERT_EQ(outcome.report.notes.size(), 1u);
  EXPECT_EQ(outcome.report.notes[0],
            "node 'pass_through' kept: it copies a graph input to the graph output 'y'");
}

TEST(Simplify, FoldsWeightPreprocessing) {
  // A weight stored transposed and scaled, as exporters leave it without constant folding.
  ModelBuilder b(13);
  Tensor two(DType::kFloat32, {});
  two.as<float>()[0] = 2.0f;
  b.input("x", DType::kFloat32, {2, 6})
      .random_initializer("w_t", {4, 6}, 5)
      .node("Transpose", {"w_t"}, {"w"}, {attr_ints("perm", {1, 0})})
      .initializer("two", two)
      .node("Mul", {"w", "two"}, {"w2"})
      .node("MatMul", {"x", "w2"}, {"y"})
      .output("y", DType::kFloat32, {2, 4});
  const auto outcome =
      expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {2, 6}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"MatMul"}));
  EXPECT_EQ(outcome.report.count("folded Transpose"), 1);
  EXPECT_EQ(outcome.report.count("folded Mul"), 1);
  EXPECT_EQ(initializer_names(outcome.model), (std::vector<std::string>{"w2"}));
}

TEST(Simplify, RemovesDeadNodesAndUnusedInitializers) {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {3})
      .random_initializer("unused", {3}, 1)
      .random_initializer("k", {3}, 2)
      .node("Add", {"x", "k"}, {"dead_1"})
      .node("Neg", {"dead_1"}, {"dead_2"})
      .node("Relu", {"x"}, {"y"})
      .output("y", DType::kFloat32, {3});
  const auto outcome = expect_equivalent(b.build(), *simplify_pass(), random_inputs({{"x", {3}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Relu"}));
  EXPECT_EQ(outcome.report.count("dead nodes removed"), 2);
  EXPECT_EQ(outcome.report.count("unused initializers removed"), 2);
  EXPECT_TRUE(initializer_names(outcome.model).empty());
}

Tensor scalar(float value) {
  Tensor t(DType::kFloat32, {});
  t.as<float>()[0] = value;
  return t;
}

// x -> Clip(0, 6) (ReLU6 as torch exports it) and Clip(-0.5, 0.25) and Clip(min only), bounds as
// Constant nodes and initializers.
onnx::ModelProto clips() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 4, 3, 3})
      .random_initializer("w", {4, 4, 1, 1}, 6, 4.0f)
      .node("Conv", {"x", "w"}, {"c"}, {attr_ints("kernel_shape", {1, 1})})
      .node("Constant", {}, {"zero"}, {attr_tensor("value", scalar(0))})
      .initializer("six", scalar(6))
      .node("Clip", {"c", "zero", "six"}, {"relu6"})
      .initializer("low", scalar(-0.5f))
      .initializer("high", scalar(0.25f))
      .node("Clip", {"c", "low", "high"}, {"band"})
      .node("Clip", {"c", "low"}, {"floor"})
      .node("Sum", {"relu6", "band", "floor"}, {"y"})
      .output("y", DType::kFloat32, {1, 4, 3, 3});
  return b.build();
}

TEST(Simplify, RewritesClipBoundInputs) {
  const auto outcome =
      expect_equivalent(clips(), *simplify_pass(), random_inputs({{"x", {1, 4, 3, 3}}}), 0);
  EXPECT_EQ(outcome.report.count("Clip with bound inputs -> Relu/Max/Min"), 3);
  const auto ops = op_types(outcome.model);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Clip"), 0);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Relu"), 1);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Max"), 2);
  EXPECT_EQ(std::count(ops.begin(), ops.end(), "Min"), 2);
}

// y = x[..., 2:5] + 1 as torch exports it: Slice on axis -1.
onnx::ModelProto slice_from_the_end() {
  ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 4, 6})
      .initializer("starts", int64s({2}))
      .initializer("ends", int64s({5}))
      .initializer("last_axis", int64s({-1}))
      .node("Slice", {"x", "starts", "ends", "last_axis"}, {"s"})
      .initializer("one", scalar(1))
      .node("Add", {"s", "one"}, {"y"})
      .output("y", DType::kFloat32, {1, 4, 3});
  return b.build();
}

TEST(Simplify, CountsSliceAxesFromTheFront) {
  const auto outcome = expect_equivalent(slice_from_the_end(), *simplify_pass(),
                                         random_inputs({{"x", {1, 4, 6}}}), 0);
  EXPECT_EQ(outcome.report.count("Slice axes made non-negative"), 1);
  EXPECT_EQ(outcome.report.count("unused initializers removed"), 1);
  const auto axes =
      from_proto(*constant_value(outcome.model, outcome.model.graph().node(0).input(3)));
  ASSERT_TRUE(axes);
  EXPECT_EQ(axes->ints, (std::vector<std::int64_t>{2}));
}

TEST(Simplify, RefusesASimpleModel) {
  onnx::ModelProto m = demo_cnn(1, false);
  const onnx::ModelProto before = m;
  EXPECT_EQ(input_error_of([&] { simplify_pass()->run(m); }),
            "simplify: nothing to simplify: no Constant node, foldable node, no-op or unused "
            "value");
  EXPECT_EQ(m.SerializeAsString(), before.SerializeAsString());
}

TEST(Simplify, MakesReLU6RunOnOpenCv) {
  onnx::ModelProto m = clips();
  simplify_pass()->run(m);
  const auto inputs = random_inputs({{"x", {1, 4, 3, 3}}});
  testing::expect_outputs_agree(testing::run_on_onnxruntime(clips(), inputs),
                                testing::run_on_engine("opencv", m, inputs), 1e-5f);
}

TEST(Simplify, MakesASliceFromTheEndRunOnOpenCv) {
  onnx::ModelProto m = slice_from_the_end();
  simplify_pass()->run(m);
  const auto inputs = random_inputs({{"x", {1, 4, 6}}});
  testing::expect_outputs_agree(testing::run_on_onnxruntime(slice_from_the_end(), inputs),
                                testing::run_on_engine("opencv", m, inputs), 0);
}

TEST(Simplify, MakesATorchStyleFlattenRunOnOpenCv) {
  onnx::ModelProto m = torch_style_flatten();
  simplify_pass()->run(m);
  const auto inputs = random_inputs({{"x", {2, 8, 3, 3}}});
  testing::expect_outputs_agree(testing::run_on_onnxruntime(torch_style_flatten(), inputs),
                                testing::run_on_engine("opencv", m, inputs), 1e-4f);
}

}  // namespace
}  // namespace onnxbench::model
