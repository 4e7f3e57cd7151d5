#include "inspect/macs.h"

#include <gtest/gtest.h>

#include "graph/builder.h"
#include "inspect/inspect.h"

namespace onnxbench::model {
namespace {

// MACs of the node called `name` after inspection.
std::optional<std::uint64_t> macs_of(const ModelSummary& s, const std::string& name) {
  for (const auto& n : s.nodes)
    if (n.name == name) return n.macs;
  ADD_FAILURE() << "no node " << name;
  return std::nullopt;
}

TEST(Macs, Conv) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .random_initializer("bias", {4}, 2)
      .node("Conv", {"x", "w", "bias"}, {"y"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .output("y", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  // out [1,4,8,8] = 256 elements x Cin 3 x 3x3
  EXPECT_EQ(macs_of(s, "conv"), 256u * 3 * 9);
  EXPECT_EQ(s.total_macs, 256u * 27);
  EXPECT_FALSE(s.symbolic_dims_as_one);
  EXPECT_TRUE(s.unknown_macs_nodes.empty());
  EXPECT_EQ(s.parameter_count, 4u * 27 + 4);
  EXPECT_EQ(s.parameter_bytes, 4u * (4 * 27 + 4));
}

TEST(Macs, StridedConvWithoutPadding) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3, 9, 9})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .node("Conv", {"x", "w"}, {"y"}, {attr_ints("strides", {2, 2})}, "conv")
      .output("y", DType::kFloat32);
  // out [2,4,4,4] = 128 elements
  EXPECT_EQ(macs_of(inspect_model(b.build()), "conv"), 128u * 27);
}

TEST(Macs, DepthwiseConv) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 8, 10, 10})
      .random_initializer("w", {8, 1, 3, 3}, 1)
      .node("Conv", {"x", "w"}, {"y"}, {attr_int("group", 8), attr_ints("pads", {1, 1, 1, 1})},
            "dw")
      .output("y", DType::kFloat32);
  // out [1,8,10,10] = 800 elements x Cin/group 1 x 9
  EXPECT_EQ(macs_of(inspect_model(b.build()), "dw"), 800u * 9);
}

TEST(Macs, GroupedConv) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 8, 6, 6})
      .random_initializer("w", {16, 2, 1, 1}, 1)
      .node("Conv", {"x", "w"}, {"y"}, {attr_int("group", 4)}, "gc")
      .output("y", DType::kFloat32);
  EXPECT_EQ(macs_of(inspect_model(b.build()), "gc"), 16u * 36 * 2);
}

TEST(Macs, ConvTranspose) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 4, 5, 5})
      .random_initializer("w", {4, 2, 3, 3}, 1)
      .node("ConvTranspose", {"x", "w"}, {"y"}, {attr_ints("strides", {2, 2})}, "up")
      .output("y", DType::kFloat32);
  // in [1,4,5,5] = 100 elements x Cout/group 2 x 9
  EXPECT_EQ(macs_of(inspect_model(b.build()), "up"), 100u * 2 * 9);
}

TEST(Macs, Gemm) {
  ModelBuilder b;
  b.input("a", DType::kFloat32, {2, 5})
      .random_initializer("w", {3, 5}, 1)
      .random_initializer("c", {3}, 2)
      .node("Gemm", {"a", "w", "c"}, {"y"}, {attr_int("transB", 1)}, "fc")
      .input("at", DType::kFloat32, {5, 7})
      .random_initializer("w2", {5, 4}, 3)
      .node("Gemm", {"at", "w2"}, {"y2"}, {attr_int("transA", 1)}, "fc_ta")
      .output("y", DType::kFloat32)
      .output("y2", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  EXPECT_EQ(macs_of(s, "fc"), 2u * 3 * 5);     // M x N x K
  EXPECT_EQ(macs_of(s, "fc_ta"), 7u * 4 * 5);  // A is [K, M]
  EXPECT_EQ(s.total_macs, 30u + 140);
}

TEST(Macs, MatMulWithBatchBroadcasting) {
  ModelBuilder b;
  b.input("a", DType::kFloat32, {2, 1, 4, 6})
      .input("b", DType::kFloat32, {3, 6, 5})
      .node("MatMul", {"a", "b"}, {"y"}, {}, "mm")
      .input("v", DType::kFloat32, {6})
      .node("MatMul", {"v", "b"}, {"yv"}, {}, "vec")
      .output("y", DType::kFloat32)
      .output("yv", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  ASSERT_TRUE(s.nodes[0].output_shape);
  EXPECT_EQ(dims_to_string(*s.nodes[0].output_shape), "[2,3,4,5]");
  EXPECT_EQ(macs_of(s, "mm"), 120u * 6);  // out [2,3,4,5] x K 6
  EXPECT_EQ(macs_of(s, "vec"), 15u * 6);  // [6] x [3,6,5] -> [3,5]
}

TEST(Macs, CheapOps) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 4, 8, 8})
      .node("Relu", {"x"}, {"r"}, {}, "relu")
      .node("MaxPool", {"r"}, {"p"},
            {attr_ints("kernel_shape", {2, 2}), attr_ints("strides", {2, 2})}, "pool")
      .node("Add", {"p", "p"}, {"s"}, {}, "add")
      .node("GlobalAveragePool", {"s"}, {"g"}, {}, "gap")
      .node("Flatten", {"g"}, {"f"}, {}, "flatten")
      .node("Softmax", {"f"}, {"y"}, {}, "softmax")
      .output("y", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  EXPECT_EQ(macs_of(s, "relu"), 256u);     // output elements
  EXPECT_EQ(macs_of(s, "pool"), 64u * 4);  // output elements x kernel area
  EXPECT_EQ(macs_of(s, "add"), 64u);
  EXPECT_EQ(macs_of(s, "gap"), 64u);  // input elements
  EXPECT_EQ(macs_of(s, "flatten"), 0u);
  EXPECT_EQ(macs_of(s, "softmax"), 3u * 4);
  EXPECT_EQ(s.op_histogram.at("Relu"), 1);
  EXPECT_EQ(s.node_count, 6u);
}

TEST(Macs, SymbolicBatchCountsAsOne) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .node("Conv", {"x", "w"}, {"y"}, {attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .output("y", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  EXPECT_EQ(macs_of(s, "conv"), 256u * 27);
  EXPECT_TRUE(s.symbolic_dims_as_one);
  ASSERT_TRUE(s.nodes[0].output_shape);
  EXPECT_EQ(dims_to_string(*s.nodes[0].output_shape), "[N,4,8,8]");
}

TEST(Macs, UnknownShapesAreUnknownNotZero) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {1, 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .input("shape", DType::kInt64, {4})  // runtime shape: Reshape's output is unknown
      .node("Reshape", {"x", "shape"}, {"r"}, {}, "reshape")
      .node("Conv", {"r", "w"}, {"y"}, {}, "conv")
      .node("Relu", {"x"}, {"z"}, {}, "relu")
      .output("y", DType::kFloat32)
      .output("z", DType::kFloat32);
  const ModelSummary s = inspect_model(b.build());
  EXPECT_EQ(macs_of(s, "reshape"), 0u);
  EXPECT_EQ(macs_of(s, "conv"), std::nullopt);
  EXPECT_EQ(s.unknown_macs_nodes, std::vector<std::string>{"conv"});
  EXPECT_EQ(s.total_macs, 192u);  // the Relu alone
  const auto j = summary_to_json(s, true);
  EXPECT_TRUE(j["nodes"][1]["macs"].is_null());
  EXPECT_EQ(j["macs"]["unknown_nodes"][0], "conv");
}

TEST(Macs, UnmodelledOpIsUnknown) {
  onnx::NodeProto n;
  n.set_op_type("Einsum");
  n.add_input("a");
  n.add_output("y");
  const NodeMacs m = node_macs(n, [](const std::string&) { return Dims{2, 2}; });
  EXPECT_FALSE(m.macs);
  EXPECT_NE(m.reason.find("Einsum"), std::string::npos);
}

TEST(Macs, ToString) {
  EXPECT_EQ(macs_to_string(0), "0");
  EXPECT_EQ(macs_to_string(950), "950");
  EXPECT_EQ(macs_to_string(1000), "1.00 K");
  EXPECT_EQ(macs_to_string(25'123'456), "25.1 M");
  EXPECT_EQ(macs_to_string(300'774'272), "301 M");
  EXPECT_EQ(macs_to_string(1'818'558'976), "1.82 G");
  EXPECT_EQ(macs_to_string(4'111'514'624), "4.11 G");
  EXPECT_EQ(macs_to_string(999'999), "1.00 M");
  EXPECT_EQ(macs_to_string(2'500'000'000'000), "2.50 T");
}

}  // namespace
}  // namespace onnxbench::model
