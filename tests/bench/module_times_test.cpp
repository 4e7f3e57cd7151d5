// Per-module aggregation of a profile's layers.
#include "bench/module_times.h"

#include <gtest/gtest.h>

namespace onnxbench {
namespace {

LayerProfile layer(const std::string& name, const std::string& op, std::vector<double> us) {
  return {name, op, summarize(us), 0, {}};
}

TEST(ModuleTimes, MergesLayersOfOneUidInOrderOfFirstAppearance) {
  ProfileResult r;
  r.layers = {layer("conv_a", "Conv", {10, 20, 30}), layer("relu", "Relu", {1, 3}),
              layer("conv_b", "Conv", {40, 50, 60, 70}), layer("idle", "Sigmoid", {})};
  const auto modules = module_times(r, {{"conv_a", "Conv[k]"}, {"conv_b", "Conv[k]"}});
  ASSERT_EQ(modules.size(), 2u);  // the layer without samples gives no module
  EXPECT_EQ(modules[0].uid, "Conv[k]");
  EXPECT_EQ(modules[0].op_type, "Conv");
  EXPECT_EQ(modules[0].layers, 2u);
  EXPECT_DOUBLE_EQ(modules[0].min_us, 10);
  EXPECT_DOUBLE_EQ(modules[0].max_us, 70);
  EXPECT_DOUBLE_EQ(modules[0].mean_us, (10 + 20 + 30 + 40 + 50 + 60 + 70) / 7.0);  // all samples
  EXPECT_DOUBLE_EQ(modules[0].total_mean_us, 20 + 55);                             // per inference
  EXPECT_EQ(modules[1].uid, "Relu[name=relu]");
  EXPECT_DOUBLE_EQ(modules[1].mean_us, 2);
}

}  // namespace
}  // namespace onnxbench
