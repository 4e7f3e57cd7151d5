// div-to-mul: Div by constants becomes Mul by reciprocals with the same outputs (ONNX Runtime,
// tolerance 1e-5); divisors it cannot invert are refused with a reason.
#include <gtest/gtest.h>

#include <algorithm>

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

Tensor floats(const Shape& shape, const std::vector<float>& values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

// x / c (per channel, an initializer), then / 3 (a Constant node), then / c again.
onnx::ModelProto divisions() {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {2, 3, 4, 4})
      .initializer("c", floats({3, 1, 1}, {2.0f, -4.0f, 0.3f}))
      .node("Div", {"x", "c"}, {"a"})
      .node("Constant", {}, {"three"}, {attr_tensor("value", floats({}, {3.0f}))})
      .node("Div", {"a", "three"}, {"b"})
      .node("Div", {"b", "c"}, {"y"})
      .output("y", DType::kFloat32, {2, 3, 4, 4});
  return b.build();
}

TEST(DivToMul, DivByInitializersAndConstantNodesBecomesMul) {
  const auto outcome =
      expect_equivalent(divisions(), *div_to_mul_pass(), random_inputs({{"x", {2, 3, 4, 4}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Mul", "Mul", "Mul"}));
  EXPECT_EQ(outcome.report.count("Div -> Mul"), 3);
  EXPECT_EQ(outcome.report.count("reciprocal initializers added"), 2);
  EXPECT_EQ(outcome.report.count("divisors no longer read, removed"), 2);
  const auto& inits = outcome.model.graph().initializer();
  ASSERT_EQ(inits.size(), 2);
  EXPECT_EQ(inits[0].name(), "c_reciprocal");
  EXPECT_EQ(*float_values(inits[0]),
            (std::vector<double>{0.5, -0.25, static_cast<float>(1 / double{0.3f})}));
}

TEST(DivToMul, ADivisorStillReadElsewhereIsKept) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {4})
      .initializer("c", floats({4}, {1, 2, 4, 8}))
      .node("Div", {"x", "c"}, {"q"})
      .node("Add", {"q", "c"}, {"y"})
      .output("y", DType::kFloat32, {4});
  const auto outcome =
      expect_equivalent(b.build(), *div_to_mul_pass(), random_inputs({{"x", {4}}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Mul", "Add"}));
  EXPECT_EQ(outcome.model.graph().initializer_size(), 2);
  EXPECT_EQ(outcome.report.count("divisors no longer read, removed"), 0);
}

TEST(DivToMul, AZeroDivisorLeavesItsNodeWithAReason) {
  ModelBuilder b;
  b.input("x", DType::kFloat32, {3})
      .initializer("z", floats({3}, {1, 0, 2}))
      .initializer("c", floats({3}, {1, 5, 2}))
      .node("Div", {"x", "z"}, {"a"}, {}, "by_zero")
      .node("Div", {"a", "c"}, {"y"})
      .output("y", DType::kFloat32, {3});
  onnx::ModelProto m = b.build();
  const PassReport r = div_to_mul_pass()->run(m);
  EXPECT_EQ(op_types(m), (std::vector<std::string>{"Div", "Mul"}));
  EXPECT_EQ(r.count("Div -> Mul"), 1);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0], "node 'by_zero' left as Div: divisor 'z': it has a zero element");
}

TEST(DivToMul, RefusesWhenNothingCanBeRewritten) {
  ModelBuilder zero;
  zero.input("x", DType::kFloat32, {3})
      .initializer("z", floats({3}, {1, 0, 2}))
      .node("Div", {"x", "z"}, {"y"})
      .output("y", DType::kFloat32, {3});
  onnx::ModelProto m = zero.build();
  EXPECT_EQ(input_error_of([&] { div_to_mul_pass()->run(m); }),
            "div-to-mul: nothing to rewrite: node 'Div_0' left as Div: divisor 'z': it has a "
            "zero element");
  EXPECT_EQ(op_types(m), (std::vector<std::string>{"Div"}));

  ModelBuilder variable;  // a divisor fed at run time, and an integer Div, are not constants
  variable.input("x", DType::kFloat32, {3})
      .input("d", DType::kFloat32, {3})
      .input("i", DType::kInt64, {3})
      .initializer("k", Tensor(DType::kInt64, {3}))
      .node("Div", {"x", "d"}, {"y"})
      .node("Div", {"i", "k"}, {"j"})
      .output("y", DType::kFloat32, {3})
      .output("j", DType::kInt64, {3});
  onnx::ModelProto v = variable.build();
  EXPECT_EQ(input_error_of([&] { div_to_mul_pass()->run(v); }),
            "div-to-mul: nothing to rewrite: no Div by a constant float tensor");
}

}  // namespace
}  // namespace onnxbench::model
