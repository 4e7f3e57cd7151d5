// stride-removal: a strided Conv becomes a stride-1 Conv and a Slice with the same output, for
// explicit, asymmetric, SAME and VALID padding, dilation, groups and 1-D (ONNX Runtime,
// tolerance 1e-5).
#include <gtest/gtest.h>

#include "graph/editing.h"
#include "passes/passes.h"
#include "support/model_test_util.h"
#include "support/pass_test_util.h"

namespace onnxbench::model {
namespace {

using testing::contains;
using testing::expect_equivalent;
using testing::inferred_shape;
using testing::input_error_of;
using testing::op_types;
using testing::random_inputs;

// x -> Conv(w, b, attributes) -> y -> Relu -> r
onnx::ModelProto strided_conv(const Dims& x, const Shape& w,
                              const std::vector<onnx::AttributeProto>& attributes,
                              std::int64_t opset = 13) {
  ModelBuilder b(opset);
  b.input("x", DType::kFloat32, x)
      .random_initializer("w", w, 3, 0.5f)
      .random_initializer("b", {w[0]}, 4, 0.1f)
      .node("Conv", {"x", "w", "b"}, {"y"}, attributes, "conv")
      .node("Relu", {"y"}, {"r"})
      .output("r", DType::kFloat32);
  return b.build();
}

struct StrideCase {
  const char* name;
  Shape x, w;
  std::vector<onnx::AttributeProto> attributes;
};

void PrintTo(const StrideCase& c, std::ostream* os) { *os << c.name; }

class StrideRemoval : public ::testing::TestWithParam<StrideCase> {};

TEST_P(StrideRemoval, GivesTheSameOutputWithAStrideOneConvAndASlice) {
  const StrideCase& c = GetParam();
  const onnx::ModelProto m = strided_conv(Dims(c.x.begin(), c.x.end()), c.w, c.attributes);
  const auto outcome = expect_equivalent(m, *stride_removal_pass(), random_inputs({{"x", c.x}}));
  EXPECT_EQ(op_types(outcome.model), (std::vector<std::string>{"Conv", "Slice", "Relu"}));
  const auto& conv = outcome.model.graph().node(0);
  for (auto s : ints_attribute(conv, "strides", {})) EXPECT_EQ(s, 1);
  EXPECT_EQ(find_attribute(conv, "auto_pad"), nullptr);
  EXPECT_EQ(outcome.model.graph().node(1).output(0), "y");
  EXPECT_EQ(inferred_shape(outcome.model, "y"), inferred_shape(m, "y"));
  EXPECT_EQ(outcome.report.count("strided Conv -> Conv + Slice"), 1);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StrideRemoval,
    ::testing::Values(
        StrideCase{"strides_1_2_asymmetric_pads",
                   {1, 3, 11, 13},
                   {4, 3, 3, 3},
                   {attr_ints("strides", {1, 2}), attr_ints("pads", {1, 0, 2, 1})}},
        StrideCase{"strides_3_1_dilated",
                   {2, 3, 12, 10},
                   {4, 3, 3, 2},
                   {attr_ints("strides", {3, 1}), attr_ints("dilations", {2, 1}),
                    attr_ints("pads", {0, 1, 0, 1})}},
        StrideCase{"strides_4_4",
                   {1, 3, 17, 15},
                   {5, 3, 3, 3},
                   {attr_ints("strides", {4, 4}), attr_ints("pads", {1, 1, 1, 1})}},
        StrideCase{"same_upper_2_3",
                   {1, 3, 11, 13},
                   {4, 3, 3, 3},
                   {attr_ints("strides", {2, 3}), attr_string("auto_pad", "SAME_UPPER")}},
        StrideCase{"same_lower_3_2_kernel_4x3",
                   {1, 3, 10, 9},
                   {4, 3, 4, 3},
                   {attr_ints("strides", {3, 2}), attr_string("auto_pad", "SAME_LOWER"),
                    attr_ints("kernel_shape", {4, 3})}},
        StrideCase{"valid_1_2",
                   {1, 3, 9, 9},
                   {4, 3, 2, 2},
                   {attr_ints("strides", {1, 2}), attr_string("auto_pad", "VALID")}},
        StrideCase{
            "grouped_2_1",
            {1, 6, 9, 9},
            {6, 2, 3, 3},
            {attr_ints("strides", {2, 1}), attr_int("group", 3), attr_ints("pads", {1, 1, 1, 1})}},
        StrideCase{"conv1d_5", {1, 3, 23}, {4, 3, 3}, {attr_ints("strides", {5})}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(StrideRemovalSymbolic, WorksWhenTheSpatialSizeIsOnlyKnownAtRunTime) {
  const onnx::ModelProto m =
      strided_conv({1, 3, "H", "W"}, {4, 3, 3, 3},
                   {attr_ints("strides", {1, 2}), attr_ints("pads", {1, 1, 1, 1})});
  for (const Shape& x : {Shape{1, 3, 11, 13}, Shape{1, 3, 8, 6}})
    expect_equivalent(m, *stride_removal_pass(), random_inputs({{"x", x}}));
}

TEST(StrideRemovalRefusal, SamePaddingOfAnUnknownSizeIsLeftWithAReason) {
  onnx::ModelProto m =
      strided_conv({1, 3, "H", "W"}, {4, 3, 3, 3},
                   {attr_ints("strides", {1, 2}), attr_string("auto_pad", "SAME_UPPER")});
  EXPECT_EQ(input_error_of([&] { stride_removal_pass()->run(m); }),
            "stride-removal: nothing to rewrite: node 'conv' left as it is: auto_pad SAME_UPPER "
            "needs the input's spatial size and the kernel size, which shape inference does not "
            "know");
  EXPECT_EQ(op_types(m), (std::vector<std::string>{"Conv", "Relu"}));
}

TEST(StrideRemovalRefusal, UniformStridesAreKept) {
  for (const std::vector<std::int64_t>& strides :
       {std::vector<std::int64_t>{1, 1}, {2, 2}, {3, 3}}) {
    onnx::ModelProto m = strided_conv({1, 3, 9, 9}, {4, 3, 3, 3}, {attr_ints("strides", strides)});
    EXPECT_EQ(input_error_of([&] { stride_removal_pass()->run(m); }),
              "stride-removal: nothing to rewrite: no Conv with strides other than [1,1], [2,2] "
              "or [3,3]");
  }
}

TEST(StrideRemovalRefusal, NeedsOpsetTenForSliceSteps) {
  onnx::ModelProto m = strided_conv({1, 3, 9, 9}, {4, 3, 3, 3}, {attr_ints("strides", {1, 2})}, 9);
  EXPECT_TRUE(contains(input_error_of([&] { stride_removal_pass()->run(m); }),
                       "stride-removal: a Slice with steps needs opset 10 or newer, the model "
                       "imports opset 9"));
}

}  // namespace
}  // namespace onnxbench::model
