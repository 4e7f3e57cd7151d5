// The constant-folding evaluator, op by op, on values worked out by hand (as ONNX's operator
// documentation defines them).
#include "passes/constant_folding.h"

#include <gtest/gtest.h>

#include "graph/builder.h"

namespace onnxbench::model {
namespace {

ConstantTensor ints(std::vector<std::int64_t> dims, std::vector<std::int64_t> values) {
  return int64_constant(std::move(dims), std::move(values));
}

ConstantTensor floats(std::vector<std::int64_t> dims, std::vector<double> values) {
  return ConstantTensor{onnx::TensorProto_DataType_FLOAT, std::move(dims), std::move(values), {}};
}

onnx::NodeProto node(const std::string& op, int inputs,
                     const std::vector<onnx::AttributeProto>& attributes = {}) {
  onnx::NodeProto n;
  n.set_op_type(op);
  for (int i = 0; i < inputs; ++i) n.add_input("in" + std::to_string(i));
  n.add_output("out");
  for (const auto& a : attributes) *n.add_attribute() = a;
  return n;
}

ConstantTensor fold(const onnx::NodeProto& n, const std::vector<const ConstantTensor*>& inputs,
                    std::int64_t opset = 13) {
  const auto out = fold_node(n, inputs, opset);
  if (!out || out->size() != 1) {
    ADD_FAILURE() << n.op_type() << " did not fold";
    return {};
  }
  return (*out)[0];
}

TEST(ConstantFolding, GatherTakesNegativeIndicesAlongAnAxis) {
  const auto data = ints({2, 3}, {1, 2, 3, 4, 5, 6});
  const auto indices = ints({2}, {-1, 0});
  const auto out = fold(node("Gather", 2, {attr_int("axis", 1)}), {&data, &indices});
  EXPECT_EQ(out.dims, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(out.ints, (std::vector<std::int64_t>{3, 1, 6, 4}));
  const auto scalar = ints({}, {1});
  EXPECT_EQ(fold(node("Gather", 2), {&data, &scalar}).dims, (std::vector<std::int64_t>{3}));
}

TEST(ConstantFolding, UnsqueezeAndSqueezeReadAxesFromInputsOrAttributes) {
  const auto x = ints({3}, {7, 8, 9});
  const auto axes = ints({2}, {0, -1});
  const auto up = fold(node("Unsqueeze", 2), {&x, &axes});
  EXPECT_EQ(up.dims, (std::vector<std::int64_t>{1, 3, 1}));
  EXPECT_EQ(fold(node("Squeeze", 1), {&up}, 13).dims, (std::vector<std::int64_t>{3}));
  EXPECT_EQ(fold(node("Unsqueeze", 1, {attr_ints("axes", {1})}), {&x}, 11).dims,
            (std::vector<std::int64_t>{3, 1}));
}

TEST(ConstantFolding, ConcatJoinsAlongTheAxis) {
  const auto a = ints({2, 1}, {1, 2});
  const auto b = ints({2, 2}, {3, 4, 5, 6});
  const auto out = fold(node("Concat", 2, {attr_int("axis", 1)}), {&a, &b});
  EXPECT_EQ(out.dims, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(out.ints, (std::vector<std::int64_t>{1, 3, 4, 2, 5, 6}));
}

TEST(ConstantFolding, SliceClampsAndStepsBackwards) {
  const auto x = ints({6}, {0, 1, 2, 3, 4, 5});
  const auto starts = ints({1}, {-1}), ends = ints({1}, {INT64_MIN}), axes = ints({1}, {0}),
             steps = ints({1}, {-2});
  EXPECT_EQ(fold(node("Slice", 5), {&x, &starts, &ends, &axes, &steps}).ints,
            (std::vector<std::int64_t>{5, 3, 1}));
  const auto from = ints({1}, {2}), to = ints({1}, {INT64_MAX});
  EXPECT_EQ(fold(node("Slice", 3), {&x, &from, &to}).ints, (std::vector<std::int64_t>{2, 3, 4, 5}));
}

TEST(ConstantFolding, ReshapeCopiesZerosAndInfersMinusOne) {
  const auto x = floats({2, 3, 4}, std::vector<double>(24, 1.0));
  const auto shape = ints({2}, {0, -1});
  EXPECT_EQ(fold(node("Reshape", 2), {&x, &shape}).dims, (std::vector<std::int64_t>{2, 12}));
  EXPECT_EQ(fold(node("Flatten", 1, {attr_int("axis", 2)}), {&x}).dims,
            (std::vector<std::int64_t>{6, 4}));
}

TEST(ConstantFolding, TransposePermutesElements) {
  const auto x = ints({2, 3}, {1, 2, 3, 4, 5, 6});
  const auto out = fold(node("Transpose", 1), {&x});
  EXPECT_EQ(out.dims, (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(out.ints, (std::vector<std::int64_t>{1, 4, 2, 5, 3, 6}));
}

TEST(ConstantFolding, ArithmeticBroadcastsAndRoundsToFloat) {
  const auto a = floats({2, 1}, {1.0, 2.0});
  const auto b = floats({3}, {0.1, 0.2, 0.3});
  const auto sum = fold(node("Add", 2), {&a, &b});
  EXPECT_EQ(sum.dims, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(sum.reals[5], static_cast<double>(2.0f + 0.3f));
  const auto seven = ints({}, {7}), two = ints({}, {-2});
  EXPECT_EQ(fold(node("Div", 2), {&seven, &two}).ints, (std::vector<std::int64_t>{-3}));
  EXPECT_FALSE(fold_node(node("Add", 2), {&a, &seven}, 13)) << "mixed types are not folded";
}

TEST(ConstantFolding, CastTruncatesTowardsZero) {
  const auto x = floats({3}, {-1.5, 2.7, 0.0});
  const auto out = fold(node("Cast", 1, {attr_int("to", onnx::TensorProto_DataType_INT64)}), {&x});
  EXPECT_EQ(out.ints, (std::vector<std::int64_t>{-1, 2, 0}));
}

TEST(ConstantFolding, ConstantOfShapeAndRange) {
  const auto shape = ints({2}, {2, 2});
  const auto zeros = fold(node("ConstantOfShape", 1), {&shape});
  EXPECT_EQ(zeros.data_type, onnx::TensorProto_DataType_FLOAT);
  EXPECT_EQ(zeros.reals, (std::vector<double>(4, 0.0)));
  const auto start = ints({}, {1}), limit = ints({}, {8}), delta = ints({}, {3});
  EXPECT_EQ(fold(node("Range", 3), {&start, &limit, &delta}).ints,
            (std::vector<std::int64_t>{1, 4, 7}));
}

TEST(ConstantFolding, ExpandWithMinusOnesAsTorchExportsIt) {
  // size = Where(Equal(size, -1), 1, size), then Expand: torch's tensor.expand(1, -1, -1).
  const auto size = ints({3}, {1, -1, -1}), minus_ones = ints({3}, {-1, -1, -1}),
             ones = ints({3}, {1, 1, 1});
  const auto is_minus_one = fold(node("Equal", 2), {&size, &minus_ones});
  EXPECT_EQ(is_minus_one.data_type, onnx::TensorProto_DataType_BOOL);
  EXPECT_EQ(is_minus_one.ints, (std::vector<std::int64_t>{0, 1, 1}));
  const auto shape = fold(node("Where", 3), {&is_minus_one, &ones, &size});
  EXPECT_EQ(shape.ints, (std::vector<std::int64_t>{1, 1, 1}));
  const auto token = floats({1, 1, 2}, {0.5, 1.5});
  const auto wider = ints({3}, {1, 3, 1});
  const auto out = fold(node("Expand", 2), {&token, &wider});
  EXPECT_EQ(out.dims, (std::vector<std::int64_t>{1, 3, 2}));
  EXPECT_EQ(out.reals, (std::vector<double>{0.5, 1.5, 0.5, 1.5, 0.5, 1.5}));
}

TEST(ConstantFolding, TensorProtosRoundTrip) {
  const auto x = floats({2}, {0.5, -3.25});
  const auto back = from_proto(to_proto(x, "x"));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->reals, x.reals);
  EXPECT_EQ(back->dims, x.dims);
}

}  // namespace
}  // namespace onnxbench::model
