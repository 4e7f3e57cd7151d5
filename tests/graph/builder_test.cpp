#include "graph/builder.h"

#include <gtest/gtest.h>
#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include "core/file_io.h"
#include "graph/loader.h"
#include "inspect/inspect.h"
#include "inspect/macs.h"
#include "support/test_paths.h"

namespace onnxbench::model {
namespace {

TEST(Builder, DemoCnnPassesTheOnnxChecker) {
  for (const bool dynamic : {false, true}) {
    const onnx::ModelProto m = demo_cnn(3, dynamic);
    EXPECT_NO_THROW(onnx::checker::check_model(m)) << "dynamic " << dynamic;
    onnx::ModelProto copy = m;
    EXPECT_NO_THROW(onnx::shape_inference::InferShapes(copy));
  }
}

TEST(Builder, DemoCnnShapesAndMacs) {
  const ModelSummary s = inspect_model(demo_cnn(0, false));
  ASSERT_EQ(s.inputs.size(), 1u);
  EXPECT_EQ(s.inputs[0].name, "input");
  EXPECT_EQ(s.inputs[0].dtype, "float32");
  EXPECT_EQ(dims_to_string(*s.inputs[0].shape), "[1,3,96,96]");
  ASSERT_EQ(s.outputs.size(), 1u);
  EXPECT_EQ(dims_to_string(*s.outputs[0].shape), "[1,10]");
  EXPECT_EQ(s.opsets, (std::vector<std::pair<std::string, std::int64_t>>{{"", 13}}));
  const std::uint64_t expected = 96 * 96 * 32 * 27 + 32 * 96 * 96 + 32 * 48 * 48 * 4 +   // block 1
                                 48 * 48 * 64 * 288 + 64 * 48 * 48 + 64 * 24 * 24 * 4 +  // block 2
                                 24 * 24 * 128 * 576 + 128 * 24 * 24 +                   // block 3
                                 128 * 24 * 24 + 10 * 128;  // global pool, fc
  EXPECT_EQ(s.total_macs, expected);
  EXPECT_EQ(macs_to_string(s.total_macs), "93.9 M");
  EXPECT_EQ(s.parameter_count, 32u * 27 + 32 + 64 * 288 + 64 + 128 * 576 + 128 + 1280 + 10);
  EXPECT_EQ(s.op_histogram.at("Conv"), 3);
  EXPECT_TRUE(s.unknown_macs_nodes.empty());
  EXPECT_EQ(s.producer.rfind("onnxbench", 0), 0u);
}

TEST(Builder, DemoCnnDynamicBatch) {
  const ModelSummary s = inspect_model(demo_cnn(0, true));
  EXPECT_EQ(dims_to_json(s.inputs[0].shape).dump(), R"(["N",3,96,96])");
  EXPECT_EQ(dims_to_json(s.outputs[0].shape).dump(), R"(["N",10])");
  EXPECT_TRUE(s.symbolic_dims_as_one);
  EXPECT_EQ(s.total_macs, inspect_model(demo_cnn(0, false)).total_macs);
}

TEST(Builder, DemoCnnIsSeeded) {
  auto bytes = [](std::uint64_t seed) {
    std::string s;
    demo_cnn(seed, false).SerializeToString(&s);
    return s;
  };
  EXPECT_EQ(bytes(5), bytes(5));
  EXPECT_NE(bytes(5), bytes(6));
}

TEST(Builder, SaveAndLoadRoundTrip) {
  const std::string path = onnxbench::testing::scratch_dir() + "/demo.onnx";
  const onnx::ModelProto m = demo_cnn(1, true);
  save_model(m, path);
  const LoadedModel loaded = load_model(path);
  std::string a, b;
  m.SerializeToString(&a);
  loaded.proto.SerializeToString(&b);
  EXPECT_EQ(a, b);
}

TEST(Builder, AttributesAndInitializers) {
  Tensor t(DType::kInt64, {2});
  t.as<std::int64_t>()[0] = 1;
  t.as<std::int64_t>()[1] = -1;
  ModelBuilder b(11);
  b.input("x", DType::kFloat32, {"B", 6})
      .initializer("shape", t)
      .node("Reshape", {"x", "shape"}, {"y"})
      .node("Constant", {}, {"c"}, {attr_tensor("value", t)})
      .node("LeakyRelu", {"y"}, {"z"}, {attr_float("alpha", 0.2f)})
      .output("z", DType::kFloat32, {1, "M"});  // the ONNX checker wants output shapes
  const onnx::ModelProto m = b.build();
  EXPECT_EQ(m.ir_version(), 6);
  EXPECT_EQ(m.graph().node(0).name(), "Reshape_0");
  EXPECT_EQ(m.graph().node(2).attribute(0).f(), 0.2f);
  EXPECT_EQ(m.graph().initializer(0).raw_data().size(), 16u);
  EXPECT_NO_THROW(onnx::checker::check_model(m));
  const ModelSummary s = inspect_model(m);
  // Shape inference names the unknown dimension itself ("unk__0").
  const Dims reshaped = s.nodes[0].output_shape.value();
  ASSERT_EQ(reshaped.size(), 2u);
  EXPECT_EQ(reshaped[0], Dim(1));
  EXPECT_FALSE(reshaped[1].known());
}

}  // namespace
}  // namespace onnxbench::model
