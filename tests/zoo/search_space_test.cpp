#include "zoo/search_space.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/error.h"
#include "graph/model_check.h"
#include "support/arch_test_util.h"
#include "zoo/generators.h"

namespace onnxbench::model {
namespace {

using nlohmann::json;

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(SearchSpace, TheDefaultSpaceReads) {
  const MobileNetV2Space s = read_space(testing::default_space_path());
  ASSERT_EQ(s.stages.size(), 7u);
  EXPECT_EQ(s.input_size, std::vector<std::int64_t>{32});
  EXPECT_EQ(s.stages[0].expansion, std::vector<std::int64_t>{1});
  EXPECT_EQ(s.stages[1].kernel, (std::vector<std::int64_t>{3, 5, 7}));
  EXPECT_EQ(s.stages[6].depth, std::vector<std::int64_t>{1});
  // width 2 x (2 x 3 x 4)^5 x (2 x 3)
  EXPECT_EQ(space_size(s), 2ull * 7962624ull * 6ull);
}

TEST(SearchSpace, SamplesRespectTheSpaceAndAreSeeded) {
  const MobileNetV2Space s = read_space(testing::default_space_path());
  const auto archs = sample_architectures(s, 200, 42);
  ASSERT_EQ(archs.size(), 200u);
  std::set<std::int64_t> kernels, depths;
  for (const auto& a : archs) {
    EXPECT_TRUE(contains(s.width_mult, a.width_mult));
    EXPECT_TRUE(contains(s.input_size, a.input_size));
    EXPECT_EQ(a.num_classes, 10);
    EXPECT_EQ(a.stem_stride, 1);
    ASSERT_EQ(a.stages.size(), s.stages.size());
    for (std::size_t i = 0; i < a.stages.size(); ++i) {
      EXPECT_TRUE(contains(s.stages[i].expansion, a.stages[i].expansion));
      EXPECT_TRUE(contains(s.stages[i].kernel, a.stages[i].kernel));
      EXPECT_TRUE(contains(s.stages[i].depth, a.stages[i].depth));
      EXPECT_EQ(a.stages[i].channels, s.stages[i].channels);
      EXPECT_EQ(a.stages[i].stride, s.stages[i].stride);
      kernels.insert(a.stages[i].kernel);
      depths.insert(a.stages[i].depth);
    }
  }
  EXPECT_EQ(kernels, (std::set<std::int64_t>{3, 5, 7}));
  EXPECT_EQ(depths, (std::set<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(sample_architectures(s, 200, 42), archs);
  EXPECT_NE(sample_architectures(s, 200, 43), archs);
  // A shorter draw is a prefix of a longer one.
  const auto first = sample_architectures(s, 3, 42);
  EXPECT_TRUE(std::equal(first.begin(), first.end(), archs.begin()));
}

// Pins the draw itself: the same on every platform and compiler.
TEST(SearchSpace, TheDrawIsPinned) {
  const auto a = sample_architectures(read_space(testing::default_space_path()), 1, 0)[0];
  std::string stages;
  for (const auto& s : a.stages)
    stages +=
        std::to_string(s.expansion) + std::to_string(s.kernel) + std::to_string(s.depth) + " ";
  EXPECT_EQ(std::to_string(a.width_mult) + " " + stages, "0.750000 131 371 672 334 652 331 631 ");
}

TEST(SearchSpace, SampledModelsAreValid) {
  const auto archs = sample_architectures(read_space(testing::default_space_path()), 5, 7);
  for (const auto& a : archs) EXPECT_EQ(model_problem(generate_model(a, 7, Dim(1))), "");
}

std::string error_of(const json& j) {
  try {
    space_from_json(j, "space.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SearchSpace, ErrorsNameTheFileTheFieldAndTheChoice) {
  json j = json::parse(R"({"family": "mobilenet_v2", "input_size": [32, 64], "width_mult": 1.0,
    "stages": [{"expansion": [3, 6], "kernel": [3, 5], "depth": [1, 2], "channels": 16,
    "stride": 1}]})");
  EXPECT_EQ(error_of(j), "");
  j["stages"][0]["kernel"] = {3, 4};
  EXPECT_EQ(error_of(j),
            "space.json: stages[0].kernel[1]: expected an odd integer in [1, 15], got 4");
  j["stages"][0]["kernel"] = json::array();
  EXPECT_EQ(
      error_of(j),
      "space.json: stages[0].kernel: expected a value or a non-empty list of choices, got []");
  j["stages"][0]["kernel"] = 3;
  j["stages"][0]["depth"] = {0};
  EXPECT_EQ(error_of(j), "space.json: stages[0].depth[0]: expected an integer in [1, 100], got 0");
  j["stages"][0]["depth"] = 1;
  j["stages"][0]["channels"] = {16, 32};
  EXPECT_EQ(error_of(j),
            "space.json: stages[0].channels: expected an integer in [1, 16384], got [16,32]");
  j["stages"][0]["channels"] = 16;
  j["input_size"] = {32, 0};
  EXPECT_EQ(error_of(j), "space.json: input_size[1]: expected an integer in [1, 4096], got 0");
  j["family"] = "resnet";
  EXPECT_EQ(error_of(j),
            "space.json: family: zoo sample draws only from mobilenet_v2 spaces, got \"resnet\"");
}

}  // namespace
}  // namespace onnxbench::model
