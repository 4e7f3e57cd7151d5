#include <gtest/gtest.h>

#include <algorithm>

#include "tune/bench_evaluator.h"

namespace onnxbench::tune {
namespace {

EngineInfo ort_like() {
  EngineInfo info;
  info.engine = "ort-like";
  info.knobs = {{"intra_op_threads", "int", 0, 0, 64, {}, "", ""},
                {"inter_op_threads", "int", 0, 0, 64, {}, "", ""},
                {"execution_mode", "enum", "sequential", {}, {}, {"sequential", "parallel"}, "", ""},
                {"enable_mem_pattern", "bool", true, {}, {}, {}, "", ""}};
  return info;
}

const KnobInfo& find(const std::vector<KnobInfo>& knobs, const std::string& name) {
  const auto it =
      std::find_if(knobs.begin(), knobs.end(), [&](const KnobInfo& k) { return k.name == name; });
  EXPECT_NE(it, knobs.end()) << name;
  return *it;
}

TEST(TunableKnobs, OwnKnobsFirstThreadCountsBoundedByTheCores) {
  const auto knobs = tunable_knobs(ort_like(), 2);
  ASSERT_GE(knobs.size(), 4u);
  EXPECT_EQ(knobs[0].name, kThreads);
  EXPECT_EQ(knobs[1].name, kInstances);
  EXPECT_EQ(knobs[2].name, kBatch);
  EXPECT_EQ(knobs[3].name, kSetSize);
  EXPECT_EQ(*find(knobs, kThreads).max, 2);
  EXPECT_EQ(*find(knobs, kInstances).max, 2);
  EXPECT_TRUE(find(knobs, kBatch).power_of_two);
  EXPECT_EQ(*find(knobs, "inter_op_threads").max, 2);
  EXPECT_EQ(find(knobs, "enable_mem_pattern").values, (std::vector<nlohmann::json>{false, true}));
  // `threads` stands for the engine's intra-op knob, which is not offered twice.
  EXPECT_TRUE(std::none_of(knobs.begin(), knobs.end(),
                           [](const KnobInfo& k) { return k.name == "intra_op_threads"; }));
}

TEST(TunableKnobs, DefaultSpaceSearchesInterOpThreadsAndEveryEnum) {
  const SearchSpec spec = default_spec(tunable_knobs(ort_like(), 2), 40);
  std::vector<std::string> names;
  for (const auto& p : spec.params) names.push_back(p.name);
  for (const char* expected :
       {"threads", "instances", "batch", "set_size", "inter_op_threads", "execution_mode"})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
}

TEST(TunableKnobs, ConfigSplitsIntoSettingsInputsAndSetSize) {
  const Config c{
      {kThreads, 2}, {kInstances, 3}, {kBatch, 8}, {kSetSize, 4}, {"execution_mode", "parallel"}};
  const EngineSettings s = settings_of(c);
  EXPECT_EQ(s.threads, 2);
  EXPECT_EQ(s.instances, 3);
  EXPECT_EQ(s.options.at("execution_mode"), "parallel");
  EXPECT_EQ(s.options.count(kBatch), 0u);
  EXPECT_EQ(inputs_of(c, {}).batch, 8);
  EXPECT_EQ(set_size_of(c), 4);
}

}  // namespace
}  // namespace onnxbench::tune
