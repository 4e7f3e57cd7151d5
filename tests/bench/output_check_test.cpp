// Output checks: the declared outputs of a model (the comparison itself is tested in core).
#include "bench/output_check.h"

#include <gtest/gtest.h>

#include "graph/builder.h"

namespace onnxbench {
namespace {

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

}  // namespace
}  // namespace onnxbench
