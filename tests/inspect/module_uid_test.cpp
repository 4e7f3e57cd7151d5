#include "inspect/module_uid.h"

#include <gtest/gtest.h>

#include "graph/builder.h"

namespace onnxbench::model {
namespace {

onnx::ModelProto conv_bn_relu() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .random_initializer("s", {4}, 2)
      .random_initializer("bias", {4}, 3)
      .random_initializer("mean", {4}, 4)
      .random_initializer("var", {4}, 5)
      .node("Conv", {"x", "w"}, {"c"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .node("BatchNormalization", {"c", "s", "bias", "mean", "var"}, {"b"}, {}, "bn")
      .node("Relu", {"b"}, {"y"}, {}, "relu")
      .output("y", DType::kFloat32);
  return b.build();
}

constexpr const char* kConvUid = "Conv[pads=[1,1,1,1]][[2,3,8,8],[4,3,3,3]]";

TEST(ModuleUid, ShowsOpSortedAttributesAndConcreteInputShapes) {
  const ModuleUidIndex index(conv_bn_relu(), {{"x", {2, 3, 8, 8}}});
  EXPECT_EQ(index.uid_for("conv", "Conv"), kConvUid);
  EXPECT_EQ(index.uid_for("relu", "Relu"), "Relu[][[2,4,8,8]]");
  EXPECT_EQ(index.uid_for("c", "Conv"), kConvUid);  // by first output name
}

TEST(ModuleUid, FusedLayersResolveToTheNodeOfTheirOpType) {
  const ModuleUidIndex index(conv_bn_relu(), {{"x", {2, 3, 8, 8}}});
  // ONNX Runtime names a Conv+BatchNorm+Relu fusion after the Relu, in NCHWc layout.
  EXPECT_EQ(index.uid_for("relu_nchwc", "Conv"), kConvUid);
  EXPECT_EQ(index.uid_for("relu", "FusedConv"), kConvUid);
  EXPECT_EQ(index.uid_for("relu", "Gemm"), "");  // no Gemm up the chain
  EXPECT_EQ(index.uid_for("ReorderOutput", "ReorderOutput"), "");
}

}  // namespace
}  // namespace onnxbench::model
