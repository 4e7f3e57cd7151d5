// Output checks: the declared outputs of a model (the comparison itself is tested in core).
#include "bench/output_check.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/npy.h"
#include "graph/builder.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

Tensor floats(const std::vector<float>& values) {
  Tensor t(DType::kFloat32, {static_cast<std::int64_t>(values.size())});
  for (std::size_t i = 0; i < values.size(); ++i) t.as<float>()[i] = values[i];
  return t;
}

TEST(DeclarationMismatches, AnOutputUnlikeItsDeclarationIsNamed) {
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", 4})
      .node("Relu", {"x"}, {"y"})
      .output("y", DType::kFloat32, {"N", 4});
  const auto m = b.build();
  EXPECT_TRUE(declaration_mismatches({{"y", "/y.npy", "float32", {3, 4}}}, m.graph()).empty());
  const auto lines = declaration_mismatches({{"y", "/y.npy", "float64", {1, 5}}}, m.graph());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "output 'y' is float64 [1,5]; the model declares float32 [N,4]");
}

TEST(OutputProblems, NanAndInfAreCountedBesideDeclarationMismatches) {
  model::ModelBuilder b;
  b.input("x", DType::kFloat32, {"N", 4})
      .node("Relu", {"x"}, {"y"})
      .output("y", DType::kFloat32, {"N", 4});
  const auto m = b.build();
  const std::string dir = testing::scratch_dir();
  write_npy(dir + "/good.npy", floats({1, 2, 3, 4}));
  EXPECT_TRUE(output_problems({{"y", dir + "/good.npy", "float32", {1, 4}}}, m.graph()).empty());
  const float inf = std::numeric_limits<float>::infinity();
  write_npy(dir + "/bad.npy", floats({std::nanf(""), inf, -inf, 4, 5}));
  const auto lines = output_problems({{"y", dir + "/bad.npy", "float32", {5}}}, m.graph());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "output 'y' is float32 [5]; the model declares float32 [N,4]");
  EXPECT_EQ(lines[1], "output 'y' holds 1 NaN and 2 Inf of 5 elements");
}

}  // namespace
}  // namespace onnxbench
