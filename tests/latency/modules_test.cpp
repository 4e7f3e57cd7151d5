#include "latency/modules.h"

#include <gtest/gtest.h>

#include <set>

#include "core/error.h"
#include "latency/latency_test_util.h"
#include "latency/space.h"
#include "graph/builder.h"
#include "zoo/generators.h"
#include "inspect/module_uid.h"

namespace onnxbench::latency {
namespace {

std::vector<Module> modules_of(const model::Architecture& a) {
  return decompose(model::generate_model(a, 1, model::Dim(1)), "arch");
}

TEST(LatencyModules, FusesConvWithItsActivationAndKeepsOtherNodesAlone) {
  model::ModelBuilder b(13);
  b.input("x", DType::kFloat32, {1, 3, 8, 8})
      .random_initializer("w", {4, 3, 3, 3}, 1)
      .random_initializer("w2", {4, 4, 1, 1}, 2)
      .node("Conv", {"x", "w"}, {"c"}, {model::attr_ints("pads", {1, 1, 1, 1})}, "conv")
      .node("Relu", {"c"}, {"r"}, {}, "relu")
      .node("Conv", {"r", "w2"}, {"p"}, {}, "project")
      .node("Add", {"p", "r"}, {"y"}, {}, "add")
      .output("y", DType::kFloat32);
  const auto modules = decompose(b.build(), "test");
  ASSERT_EQ(modules.size(), 3u);
  EXPECT_EQ(modules[0].uid, "Conv[pads=[1,1,1,1]][[1,3,8,8],[4,3,3,3]]+Relu[][[1,4,8,8]]");
  EXPECT_EQ(modules[0].nodes, (std::vector<std::string>{"conv", "relu"}));
  // "r" has two readers, so "project" fuses with nothing.
  EXPECT_EQ(modules[1].uid, "Conv[][[1,4,8,8],[4,4,1,1]]");
  EXPECT_EQ(modules[2].uid, "Add[][[1,4,8,8],[1,4,8,8]]");
  // The Add module alone: two fed inputs of the shapes they have in the model, no weights.
  const auto& add = modules[2].model.graph();
  ASSERT_EQ(add.input_size(), 2);
  EXPECT_EQ(add.input(0).name(), "p");
  EXPECT_EQ(add.input(0).type().tensor_type().shape().dim(1).dim_value(), 4);
  EXPECT_EQ(add.initializer_size(), 0);
  EXPECT_EQ(add.output(0).name(), "y");
  // The fused module carries its weights.
  EXPECT_EQ(modules[0].model.graph().initializer_size(), 1);
  EXPECT_EQ(modules[0].model.graph().node_size(), 2);
}

TEST(LatencyModules, AModuleAloneHasTheUidItHasInTheWholeModel) {
  const Space space = read_latency_space(testing::mobilenet_space_path());
  for (const auto& m : modules_of(sample(space, 1, 7).front())) {
    const auto again = decompose(m.model, "module");
    ASSERT_EQ(again.size(), 1u) << m.uid;
    EXPECT_EQ(again.front().uid, m.uid);
  }
}

TEST(LatencyModules, CoveringArchitecturesHoldEveryModuleOfSampledOnes) {
  for (const auto& path : {testing::mobilenet_space_path(),
                           testing::source_dir() + "/bench/spaces/resnet_cifar10.json"}) {
    const Space space = read_latency_space(path);
    std::set<std::string> covered;
    for (const auto& a : covering_architectures(space))
      for (const auto& m : modules_of(a)) covered.insert(m.uid);
    for (const auto& a : sample(space, 20, 11))
      for (const auto& m : modules_of(a)) EXPECT_TRUE(covered.count(m.uid)) << path << m.uid;
  }
}

TEST(LatencySpace, SamplesResNetsOfTheChoicesGiven) {
  const Space space =
      read_latency_space(testing::source_dir() + "/bench/spaces/resnet_cifar10.json");
  std::set<std::string> blocks;
  for (const auto& a : sample(space, 30, 4)) {
    const auto& r = std::get<model::ResNetArch>(a);
    blocks.insert(r.block);
    ASSERT_EQ(r.depths.size(), 4u);
    EXPECT_LE(r.depths[2], 6);
    EXPECT_TRUE(r.widths[0] == 16 || r.widths[0] == 24 || r.widths[0] == 32) << r.widths[0];
  }
  EXPECT_EQ(blocks.size(), 2u);
  EXPECT_EQ(sample(space, 5, 4), sample(space, 5, 4));
}

TEST(LatencyModules, UidsAgreeWithProfilesLatencyTableForTheSameLayer) {
  // profile --latency-table names a layer by ModuleUidIndex::uid_for; a module's UID is that of
  // its first node, and a fused module adds its followers after "+".
  const Space space = read_latency_space(testing::mobilenet_space_path());
  const onnx::ModelProto m = model::generate_model(sample(space, 1, 3).front(), 1, model::Dim(1));
  const model::ModuleUidIndex index(m, {{"input", {1, 3, 32, 32}}});
  for (const auto& module : decompose(m, "arch")) {
    const std::string& head = module.nodes.front();
    const auto& op = module.model.graph().node(0).op_type();
    const std::string profile_uid = index.uid_for(head, op);
    ASSERT_FALSE(profile_uid.empty()) << head;
    EXPECT_EQ(module.uid.substr(0, profile_uid.size()), profile_uid);
    if (module.nodes.size() == 1)
      EXPECT_EQ(module.uid, profile_uid);
    else
      EXPECT_EQ(module.uid, profile_uid + "+" + index.uid_for(module.nodes[1], "Clip"));
  }
}

TEST(LatencySpace, UnknownFamiliesAreRejectedByName) {
  const std::string dir = testing::scratch_dir();
  write_file(dir + "/t.json", R"({"family": "transformer_encoder"})");
  try {
    read_latency_space(dir + "/t.json");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.json: family: latency knows the search spaces of"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace onnxbench::latency
