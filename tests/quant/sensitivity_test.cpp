// Sensitivity analysis and the mixed-precision suggestion, on a fake SQNR whose answer is known:
// each quantized layer costs a fixed number of dB.
#include "quant/sensitivity.h"

#include <gtest/gtest.h>

#include "graph/builder.h"

namespace onnxbench::quant {
namespace {

using model::attr_int;

onnx::ModelProto three_layers() {
  model::ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 3, 4, 4})
      .random_initializer("w1", {4, 3, 1, 1}, 1)
      .node("Conv", {"x", "w1"}, {"c1"}, {}, "conv1")
      .random_initializer("w2", {4, 4, 1, 1}, 2)
      .node("Conv", {"c1", "w2"}, {"c2"}, {}, "conv2")
      .node("GlobalAveragePool", {"c2"}, {"g"}, {}, "pool")
      .node("Flatten", {"g"}, {"f"}, {}, "flatten")
      .random_initializer("wf", {5, 4}, 3)
      .node("Gemm", {"f", "wf"}, {"y"}, {attr_int("transB", 1)}, "fc")
      .output("y", DType::kFloat32, {1, 5});
  return b.build();
}

bool has_initializer(const onnx::ModelProto& m, const std::string& name) {
  for (const auto& t : m.graph().initializer())
    if (t.name() == name) return true;
  return false;
}

// 60 dB, less 25 when conv1 is quantized, 5 for conv2, 2 for fc.
double fake_sqnr(const onnx::ModelProto& m) {
  return 60 - 25 * has_initializer(m, "w1_quantized") - 5 * has_initializer(m, "w2_quantized") -
         2 * has_initializer(m, "wf_quantized");
}

std::map<std::string, Range> ranges() {
  std::map<std::string, Range> r;
  for (const char* t : {"x", "c1", "c2", "g", "f", "y"}) r[t] = {-1, 1};
  return r;
}

TEST(Sensitivity, RanksLayersAndKeepsTheFewestInFloatForTheTarget) {
  std::size_t calls = 0;
  const auto r = analyze_sensitivity(three_layers(), ranges(), QdqOptions{}, 40,
                                     [&](const onnx::ModelProto& m) {
                                       ++calls;
                                       return fake_sqnr(m);
                                     });
  EXPECT_DOUBLE_EQ(r.all_quantized_db, 28);
  ASSERT_EQ(r.layers.size(), 3u);
  EXPECT_EQ(r.layers[0].node, "conv1");
  EXPECT_DOUBLE_EQ(r.layers[0].only_this_db, 35);
  EXPECT_DOUBLE_EQ(r.layers[0].all_but_this_db, 53);
  EXPECT_EQ(r.layers[1].node, "conv2");
  EXPECT_EQ(r.layers[2].node, "fc");
  EXPECT_EQ(r.kept_float, std::vector<std::string>{"conv1"});
  EXPECT_DOUBLE_EQ(r.mixed_db, 53);
  EXPECT_TRUE(r.target_reached);
  EXPECT_FALSE(has_initializer(r.mixed, "w1_quantized"));
  EXPECT_TRUE(has_initializer(r.mixed, "w2_quantized"));
  EXPECT_EQ(calls, 1u + 2 * 3 + 1);
}

TEST(Sensitivity, ATargetAlreadyMetKeepsEveryLayerQuantized) {
  const auto r = analyze_sensitivity(three_layers(), ranges(), QdqOptions{}, 20, fake_sqnr);
  EXPECT_TRUE(r.kept_float.empty());
  EXPECT_TRUE(r.target_reached);
  EXPECT_TRUE(has_initializer(r.mixed, "w1_quantized"));
}

TEST(Sensitivity, AnUnreachableTargetKeepsEveryLayerInFloatAndSaysSo) {
  const auto r = analyze_sensitivity(three_layers(), ranges(), QdqOptions{}, 70, fake_sqnr);
  EXPECT_EQ(r.kept_float.size(), 3u);
  EXPECT_FALSE(r.target_reached);
  EXPECT_DOUBLE_EQ(r.mixed_db, 60);
}

TEST(Sensitivity, LayersTheUserKeepsInFloatAreNotAnalysed) {
  QdqOptions options;
  options.float_nodes = {"fc"};
  const auto r = analyze_sensitivity(three_layers(), ranges(), options, 20, fake_sqnr);
  EXPECT_EQ(r.layers.size(), 2u);
  EXPECT_DOUBLE_EQ(r.all_quantized_db, 30);
}

}  // namespace
}  // namespace onnxbench::quant
