// What the status table shows for a finished stage (farm/stage_runner.h: stage_value), above all
// a bench whose every rerun was unsteady (issue 22).
#include <gtest/gtest.h>

#include "farm/stage_runner.h"

namespace onnxbench::farm {
namespace {

using nlohmann::json;

json bench_record(double throughput, double cv) {
  return {{"throughput_per_s", throughput}, {"measure", {{"latency_ms", {{"cv", cv}}}}}};
}

Stage bench_stage() {
  Stage s;
  s.name = "bench-onnxruntime";
  s.value = "/throughput_per_s";
  s.max_runs = 5;
  s.cv_threshold = 0.10;
  return s;
}

TEST(StageValue, ASteadyLastRunShowsItsValue) {
  EXPECT_EQ(stage_value(bench_stage(), {bench_record(30, 0.4), bench_record(240, 0.02)}, ""),
            json(240.0));
}

TEST(StageValue, AllRunsUnsteadyIsFlagged) {
  const json v = stage_value(
      bench_stage(), {bench_record(30, 0.4), bench_record(31, 0.3), bench_record(29.6, 0.31)}, "");
  EXPECT_EQ(v["value"], json(29.6));
  EXPECT_EQ(v["unsteady"], json(true));
  EXPECT_DOUBLE_EQ(v["cv"].get<double>(), 0.31);
}

TEST(StageValue, AStageThatDoesNotRerunIsNeverFlagged) {
  Stage s = bench_stage();
  s.max_runs = 1;
  EXPECT_EQ(stage_value(s, {bench_record(30, 0.4)}, ""), json(30.0));
}

TEST(StageValue, ResultsOnRandomCalibrationDataAreMarked) {
  Stage s;
  s.name = "quantize";
  const json v = stage_value(s, {}, std::string(64, 'a'), true);
  EXPECT_EQ(v["value"], json(std::string(12, 'a')));
  EXPECT_EQ(v["random_calibration"], json(true));
  EXPECT_FALSE(v.contains("unsteady"));
  const json both = stage_value(bench_stage(), {bench_record(29.6, 0.31)}, "", true);
  EXPECT_EQ(both["unsteady"], json(true));
  EXPECT_EQ(both["random_calibration"], json(true));
}

TEST(StageValue, AnArtifactShowsItsShortSha256) {
  Stage s;
  s.name = "quantize";
  EXPECT_EQ(stage_value(s, {}, std::string(64, 'a')), json(std::string(12, 'a')));
  EXPECT_TRUE(stage_value(s, {}, "").is_null());
}

}  // namespace
}  // namespace onnxbench::farm
