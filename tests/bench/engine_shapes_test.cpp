// Shapes from an engine run: ONNX Runtime runs a model of opset 18+ with every tensor exposed, and
// the shapes it gives keep the symbols they follow.
#include "bench/engine_shapes.h"

#include <gtest/gtest.h>

#include <map>

#include "graph/dims.h"
#include "support/newer_opset_models.h"

namespace onnxbench {
namespace {

std::map<std::string, std::string> value_shapes(const onnx::ModelProto& m) {
  std::map<std::string, std::string> shapes;
  for (const auto& v : m.graph().value_info())
    shapes[v.name()] = model::onnx_type_name(v.type().tensor_type().elem_type()) + " " +
                       model::dims_to_string(*model::dims_of_type(v.type()));
  return shapes;
}

TEST(EngineShapes, EveryTensorGetsItsTypeAndShapeWithTheBatchSymbolKept) {
  onnx::ModelProto m = testing::newer_opset_model(testing::kNewerOpsets[0]);
  const EngineShapes r = add_engine_shapes(m, {}, {});
  EXPECT_EQ(r.engine, "onnxruntime");
  EXPECT_EQ(r.inputs, "x [1,3,16,16]");
  EXPECT_EQ(r.values, 7);  // xs, c, r, s0, s1, a, m
  const auto shapes = value_shapes(m);
  EXPECT_EQ(shapes.at("c"), "float32 [N,8,16,16]");
  EXPECT_EQ(shapes.at("s1"), "float32 [N,4,16,16]");
  EXPECT_EQ(shapes.at("m"), "float32 [N,4]");
}

TEST(EngineShapes, GivenSizesAreUsedAndASizeNotFollowingOneSymbolIsUnknown) {
  // y = Concat(x, x) on axis 0: [2N, S], which follows N but is not N.
  model::ModelBuilder b(18);
  b.input("x", DType::kFloat32, {"N", "S"})
      .node("Concat", {"x", "x"}, {"both"}, {model::attr_int("axis", 0)})
      .node("Relu", {"both"}, {"y"})
      .output("y", DType::kFloat32);
  onnx::ModelProto m = b.build();
  InputRequest request;
  request.dims["S"] = 6;
  const EngineShapes r = add_engine_shapes(m, request, {});
  EXPECT_EQ(r.inputs, "x [1,6]");
  EXPECT_EQ(value_shapes(m).at("both"), "float32 [?,S]");
  // The graph output declared no shape: it gets one.
  EXPECT_EQ(model::dims_to_string(*model::dims_of_type(m.graph().output(0).type())), "[?,S]");
}

TEST(EngineShapes, AModelTheEngineRefusesIsAnEngineError) {
  model::ModelBuilder b(18);
  b.input("x", DType::kFloat32, {2, 3})
      .random_initializer("w", {4, 5}, 1)
      .node("MatMul", {"x", "w"}, {"y"}, {}, "mismatched")
      .output("y", DType::kFloat32);
  onnx::ModelProto m = b.build();
  EXPECT_THROW(add_engine_shapes(m, {}, {}), EngineError);
}

}  // namespace
}  // namespace onnxbench
