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

Tensor scalar(float v) {
  Tensor t(DType::kFloat32, {});
  t.as<float>()[0] = v;
  return t;
}

// Four Conv layers, each followed by an activation that folds (a Relu; a Clip from 0) or does not
// (a Clip from -1; a Relu whose input is also a graph output).
onnx::ModelProto activations_after_layers() {
  model::ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 2, 4, 4})
      .initializer("zero", scalar(0))
      .initializer("minus_one", scalar(-1))
      .initializer("six", scalar(6));
  std::string in = "x";
  const char* acts[][3] = {
      {"Relu", "", ""}, {"Clip", "minus_one", "six"}, {"Relu", "", ""}, {"Clip", "zero", "six"}};
  for (int i = 1; i <= 4; ++i) {
    const std::string n = std::to_string(i), w = "w" + n, c = "c" + n, a = "a" + n;
    b.random_initializer(w, {2, 2, 1, 1}, static_cast<std::uint64_t>(i))
        .node("Conv", {in, w}, {c}, {}, "conv" + n);
    const auto& act = acts[i - 1];
    std::vector<std::string> inputs{c};
    if (*act[1]) inputs.insert(inputs.end(), {act[1], act[2]});
    b.node(act[0], inputs, {a}, {}, "act" + n);
    in = a;
  }
  b.output("c3", DType::kFloat32).output("a4", DType::kFloat32);
  return b.build();
}

// Sensitivity quantizes a layer with the activation it groups with it; that is only right when
// quantize folds exactly those activations into their layers.
TEST(Sensitivity, GroupsALayerWithTheActivationThatQuantizeFoldsIntoIt) {
  const onnx::ModelProto m = activations_after_layers();
  std::map<std::string, Range> r;
  for (const char* t : {"x", "c1", "c2", "c3", "c4", "a2"}) r[t] = {-1, 1};
  for (const char* t : {"a1", "a3", "a4"}) r[t] = {0, 1};
  const auto groups = layer_groups(m, r, QdqOptions{});
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups.at("conv1"), (std::set<std::string>{"conv1", "act1"}));
  EXPECT_EQ(groups.at("conv2"), std::set<std::string>{"conv2"});
  EXPECT_EQ(groups.at("conv3"), std::set<std::string>{"conv3"});
  EXPECT_EQ(groups.at("conv4"), (std::set<std::string>{"conv4", "act4"}));
  for (const auto& [layer, group] : groups) {
    QdqOptions only;
    only.only_nodes = group;
    onnx::ModelProto q = m;
    EXPECT_EQ(quantize_qdq(q, r, only).folded_activations, static_cast<int>(group.size()) - 1)
        << layer;
  }
  QdqOptions symmetric;
  symmetric.symmetric_activations = true;
  symmetric.activation_type = {8, true};
  for (const auto& [layer, group] : layer_groups(m, r, symmetric))
    EXPECT_EQ(group.size(), 1u) << layer << ": signed activations fold nothing";
}

}  // namespace
}  // namespace onnxbench::quant
