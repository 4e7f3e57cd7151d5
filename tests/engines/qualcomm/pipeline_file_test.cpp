// Seed 000's pipeline for an SNPE board, as shipped in pipelines/.
#include <gtest/gtest.h>

#include "farm/pipeline.h"
#include "support/test_paths.h"

namespace onnxbench::farm {
namespace {

TEST(QualcommPipelineFile, Seed000SnpeBoardReadsWithItsPriorities) {
  const Pipeline p = read_pipeline(testing::source_dir() + "/pipelines/snpe-board.json");
  std::map<std::string, const Stage*> by_name;
  for (const auto& s : p.stages) by_name[s.name] = &s;
  for (const char* name : {"macs", "total_inference_avg", "f1_onnx", "f1_1k", "f1_1k_f", "f1_10k"})
    ASSERT_TRUE(by_name.count(name)) << name;
  EXPECT_EQ(by_name["macs"]->priority, 20);
  EXPECT_EQ(by_name["total_inference_avg"]->priority, 30);
  EXPECT_EQ(by_name["f1_onnx"]->priority, 60);
  EXPECT_EQ(by_name["total_inference_avg"]->requires_caps,
            (std::vector<std::string>{"engine:snpe"}));
  // f1_1k, f1_1k_f and f1_10k are ordered by the ONNX model's F1 (x1, x10, x100) as in seed 000.
  EXPECT_EQ(by_name["f1_1k_f"]->priority_from["scale"], 10);
  EXPECT_EQ(by_name["f1_10k"]->priority_from["scale"], 100);
  EXPECT_EQ(settings_wanted(by_name["f1_1k"]->command), (std::vector<std::string>{"dataset"}));
}

}  // namespace
}  // namespace onnxbench::farm
