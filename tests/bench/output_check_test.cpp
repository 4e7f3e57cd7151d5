// Output checks: tolerances per element and over the whole tensor, dtypes and shapes, and the
// declared outputs of a model.
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

TEST(CompareTensors, RelativeToleranceScalesWithTheValue) {
  const Tolerance tol{1e-3, 1e-7, 0.999};
  EXPECT_TRUE(compare_tensors("y", floats({1000.5f, 1.0f}), floats({1000.0f, 1.0f}), tol).pass);
  const OutputVerdict v = compare_tensors("y", floats({1.0f, 1.01f}), floats({1.0f, 1.0f}), tol);
  EXPECT_FALSE(v.pass);
  EXPECT_NE(v.detail.find("1 of 2 elements outside the tolerance (element 1: 1.01, expected 1)"),
            std::string::npos)
      << v.detail;
}

TEST(CompareTensors, AllZerosAgainstTinyLogitsFailsOnTheCosine) {
  // Every element is within an absolute 1e-4, but the output carries none of the signal.
  const Tolerance loose{0, 1e-4, 0.999};
  const OutputVerdict v =
      compare_tensors("logits", floats({0, 0, 0}), floats({3e-5f, -2e-5f, 5e-5f}), loose);
  EXPECT_FALSE(v.pass);
  EXPECT_NE(v.detail.find("cosine below 0.999"), std::string::npos) << v.detail;
}

TEST(CompareTensors, NanMatchesNanAndIntegersMustBeEqual) {
  const float nan = std::nanf("");
  EXPECT_TRUE(compare_tensors("y", floats({nan, 1}), floats({nan, 1}), {}).pass);
  EXPECT_FALSE(compare_tensors("y", floats({nan, 1}), floats({0, 1}), {}).pass);
  Tensor a(DType::kInt64, {2}), b(DType::kInt64, {2});
  a.as<std::int64_t>()[1] = 1;
  EXPECT_FALSE(compare_tensors("i", a, b, {}).pass);
  EXPECT_TRUE(compare_tensors("i", b, b, {}).pass);
}

TEST(CompareTensors, DtypeAndShapeMustMatch) {
  const OutputVerdict dtype = compare_tensors("y", floats({1}), Tensor(DType::kFloat64, {1}), {});
  EXPECT_FALSE(dtype.pass);
  EXPECT_EQ(dtype.detail, "dtype float32, expected float64");
  const OutputVerdict shape = compare_tensors("y", floats({1, 2}), floats({1}), {});
  EXPECT_EQ(shape.detail, "shape [2], expected [1]");
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
