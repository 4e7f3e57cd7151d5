// fuse-affine-into-conv: each order of seed 002 finding 7 folds into the Conv with the same outputs
// (ONNX Runtime, tolerance 1e-4: the folded weights round differently); shifts before a padded
// Conv, shared intermediates and graph outputs are left alone with a note.
#include <gtest/gtest.h>

#include <algorithm>

#include "graph/editing.h"
#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::contains;
using testing::expect_equivalent;
using testing::input_error_of;
using testing::op_types;
using testing::random_inputs;

constexpr float kTolerance = 1e-4f;

Tensor floats(const Shape& shape, const std::vector<float>& values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

const std::vector<std::string> kConvOnly{"Conv"};

TEST(FuseAffine, ConvThenMulThenSubFoldsIntoWeightsAndBias) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .random_initializer("bias", {4}, 2)
      .initializer("scale", floats({1, 4, 1, 1}, {2.0f, -0.5f, 3.0f, 0.25f}))
      .node("Conv", {"x", "w", "bias"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})})
      .node("Mul", {"scale", "c"}, {"m"})  // the constant on the left
      .node("Constant", {}, {"k"}, {attr_tensor("value", floats({}, {0.75f}))})
      .node("Sub", {"m", "k"}, {"y"})
      .output("y", DType::kFloat32, {2, 4, 8, 8});
  const auto outcome = expect_equivalent(b.build(), *fuse_affine_into_conv_pass(),
                                         random_inputs({{"x", {2, 3, 8, 8}}}), kTolerance);
  EXPECT_EQ(op_types(outcome.model), kConvOnly);
  EXPECT_EQ(outcome.report.count("Mul after Conv folded"), 1);
  EXPECT_EQ(outcome.report.count("Sub after Conv folded"), 1);
  EXPECT_EQ(outcome.report.count("Conv weights and bias replaced"), 1);
  EXPECT_EQ(outcome.report.count("constants no longer read, removed"), 4);
  EXPECT_EQ(outcome.model.graph().node(0).output(0), "y");
  EXPECT_EQ(outcome.model.graph().output(0).name(), "y");
  EXPECT_TRUE(outcome.report.notes.empty());
}

TEST(FuseAffine, SubThenMulBeforeAGroupedConvFold) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 4, 6, 6})
      .initializer("mean", floats({4, 1, 1}, {0.5f, -1.0f, 2.0f, 0.1f}))
      .initializer("std", floats({1, 4, 1, 1}, {0.2f, 4.0f, 1.5f, 0.7f}))
      .random_initializer("w", {6, 2, 3, 3}, 3)
      .node("Sub", {"x", "mean"}, {"centred"})
      .node("Div", {"centred", "std"}, {"normalised"})
      .node("Conv", {"normalised", "w"}, {"y"}, {attr_int("group", 2)})
      .output("y", DType::kFloat32, {1, 6, 4, 4});
  const auto outcome = expect_equivalent(b.build(), *fuse_affine_into_conv_pass(),
                                         random_inputs({{"x", {1, 4, 6, 6}}}), kTolerance);
  EXPECT_EQ(op_types(outcome.model), kConvOnly);
  EXPECT_EQ(outcome.report.count("Div before Conv folded"), 1);
  EXPECT_EQ(outcome.report.count("Sub before Conv folded"), 1);
  EXPECT_EQ(outcome.model.graph().node(0).input(0), "x");
  EXPECT_EQ(outcome.model.graph().node(0).input_size(), 3);  // a bias was added
}

TEST(FuseAffine, MulThenAddBeforeAConvFold) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3, 5, 5})
      .initializer("s", floats({3, 1, 1}, {1.5f, -2.0f, 0.5f}))
      .initializer("a", floats({1, 3, 1, 1}, {0.3f, 0.2f, -0.9f}))
      .random_initializer("w", {4, 3, 2, 2}, 4)
      .random_initializer("bias", {4}, 5)
      .node("Mul", {"x", "s"}, {"scaled"})
      .node("Sub", {"a", "scaled"}, {"shifted"})  // a - x: a scale of -1, then a shift
      .node("Conv", {"shifted", "w", "bias"}, {"y"})
      .output("y", DType::kFloat32, {2, 4, 4, 4});
  const auto outcome = expect_equivalent(b.build(), *fuse_affine_into_conv_pass(),
                                         random_inputs({{"x", {2, 3, 5, 5}}}), kTolerance);
  EXPECT_EQ(op_types(outcome.model), kConvOnly);
  EXPECT_EQ(outcome.report.count("Sub before Conv folded"), 1);
  EXPECT_EQ(outcome.report.count("Mul before Conv folded"), 1);
}

TEST(FuseAffine, AShiftBeforeAPaddedConvIsLeftWithANote) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 3, 6, 6})
      .initializer("a", floats({1, 3, 1, 1}, {0.3f, 0.2f, -0.9f}))
      .initializer("s", floats({}, {4.0f}))
      .random_initializer("w", {2, 3, 3, 3}, 6)
      .node("Add", {"x", "a"}, {"shifted"}, {}, "add_mean")
      .node("Mul", {"shifted", "s"}, {"scaled"})
      .node("Conv", {"scaled", "w"}, {"y"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .output("y", DType::kFloat32, {1, 2, 6, 6});
  const auto outcome = expect_equivalent(b.build(), *fuse_affine_into_conv_pass(),
                                         random_inputs({{"x", {1, 3, 6, 6}}}), kTolerance);
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Add", "Conv"}));
  EXPECT_EQ(outcome.report.count("Mul before Conv folded"), 1);
  ASSERT_EQ(outcome.report.notes.size(), 1u);
  EXPECT_EQ(outcome.report.notes[0],
            "node 'add_mean' left alone before Conv 'conv': the Conv pads its input and the "
            "padded zeros would not be shifted");
}

TEST(FuseAffine, WeightsSharedWithAnotherConvStayAsTheyAre) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 3, 5, 5})
      .random_initializer("w", {3, 3, 1, 1}, 7)
      .initializer("s", floats({1, 3, 1, 1}, {2.0f, 3.0f, 4.0f}))
      .node("Conv", {"x", "w"}, {"c1"})
      .node("Mul", {"c1", "s"}, {"y1"})
      .node("Conv", {"x", "w"}, {"y2"})
      .output("y1", DType::kFloat32, {1, 3, 5, 5})
      .output("y2", DType::kFloat32, {1, 3, 5, 5});
  const onnx::ModelProto original = b.build();
  const auto outcome = expect_equivalent(original, *fuse_affine_into_conv_pass(),
                                         random_inputs({{"x", {1, 3, 5, 5}}}), kTolerance);
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Conv", "Conv"}));
  const auto& g = outcome.model.graph();
  EXPECT_EQ(g.node(0).input(1), "w_fused");
  EXPECT_EQ(g.node(1).input(1), "w");
  const auto w = std::find_if(g.initializer().begin(), g.initializer().end(),
                              [](const auto& t) { return t.name() == "w"; });
  ASSERT_NE(w, g.initializer().end());
  EXPECT_EQ(*float_values(*w), *float_values(original.graph().initializer(0)));
}

TEST(FuseAffine, AnIntermediateThatIsAGraphOutputOrReadTwiceIsKept) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 2, 4, 4})
      .random_initializer("w", {2, 2, 1, 1}, 8)
      .initializer("s", floats({}, {3.0f}))
      .node("Conv", {"x", "w"}, {"c"}, {}, "conv")
      .node("Mul", {"c", "s"}, {"y"}, {}, "scale")
      .node("Add", {"x", "s"}, {"x3"}, {}, "shift")
      .node("Conv", {"x3", "w"}, {"z"})
      .node("Relu", {"x3"}, {"r"})
      .output("c", DType::kFloat32, {1, 2, 4, 4})
      .output("y", DType::kFloat32, {1, 2, 4, 4})
      .output("z", DType::kFloat32, {1, 2, 4, 4})
      .output("r", DType::kFloat32, {1, 2, 4, 4});
  onnx::ModelProto m = b.build();
  EXPECT_EQ(input_error_of([&] { fuse_affine_into_conv_pass()->run(m); }),
            "fuse-affine-into-conv: nothing to fold: node 'scale' left alone after Conv 'conv': "
            "'c' is a graph output");
  EXPECT_EQ(op_types(m), (std::vector<std::string>{"Conv", "Mul", "Add", "Conv", "Relu"}));
}

TEST(FuseAffine, RefusesWhenNothingIsNextToAConv) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 2, 4, 4})
      .input("d", DType::kFloat32, {1, 2, 4, 4})
      .random_initializer("w", {2, 2, 1, 1}, 9)
      .initializer("hw", floats({1, 1, 1, 4}, {1, 2, 3, 4}))
      .node("Conv", {"x", "w"}, {"c"}, {}, "conv")
      .node("Mul", {"c", "d"}, {"m"})   // not a constant
      .node("Mul", {"m", "hw"}, {"y"})  // not next to a Conv
      .output("y", DType::kFloat32, {1, 2, 4, 4});
  onnx::ModelProto m = b.build();
  EXPECT_EQ(input_error_of([&] { fuse_affine_into_conv_pass()->run(m); }),
            "fuse-affine-into-conv: nothing to fold: no Mul, Div, Add or Sub by a constant next "
            "to a Conv");

  ModelBuilder spatial;  // a constant that varies along the width is no per-channel map
  spatial.input("x", DType::kFloat32, {1, 2, 4, 4})
      .random_initializer("w", {2, 2, 1, 1}, 9)
      .initializer("hw", floats({1, 1, 1, 4}, {1, 2, 3, 4}))
      .node("Conv", {"x", "w"}, {"c"}, {}, "conv")
      .node("Mul", {"c", "hw"}, {"y"}, {}, "by_column")
      .output("y", DType::kFloat32, {1, 2, 4, 4});
  onnx::ModelProto s = spatial.build();
  EXPECT_TRUE(contains(input_error_of([&] { fuse_affine_into_conv_pass()->run(s); }),
                       "node 'by_column' left alone after Conv 'conv': constant 'hw' of shape "
                       "[1,1,1,4] is not one value per channel (2 channels on axis 1)"));
}

}  // namespace
}  // namespace onnxbench::model
