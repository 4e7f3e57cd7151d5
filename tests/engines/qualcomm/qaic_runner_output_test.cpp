// qaic-runner's stats line and latency tables, read from seed 004's own output, verbatim.
#include "engines/qualcomm/qaic_runner_output.h"

#include <gtest/gtest.h>

#include "core/file_io.h"
#include "support/test_paths.h"

namespace onnxbench::qualcomm {
namespace {

ToolRun seed_run(const std::string& excerpt, const std::string& command) {
  return {"qaic-runner", command, 0,
          read_file(testing::source_dir() + "/tests/engines/qualcomm/seed_excerpts/" + excerpt)};
}

// The printed Inf/Sec is samples per second: inferences x batch / duration.
void expect_consistent(const QaicRunnerStats& s) {
  const double derived =
      static_cast<double>(s.inference_count) * s.batch_size / (s.total_duration_us / 1e6);
  EXPECT_NEAR(derived, s.inf_per_sec, 1e-3 * s.inf_per_sec);
}

TEST(QualcommQaicRunnerOutput, SeedOneInstance) {
  const auto s = parse_qaic_runner_stats(seed_run(
      "seed004_qaic_runner_a1.txt", "qaic-runner --test-data ./compiled_fp16 -d 0 -a 1 -S 1"));
  EXPECT_EQ(s.inference_count, 12009);
  EXPECT_DOUBLE_EQ(s.total_duration_us, 10000635);
  EXPECT_EQ(s.batch_size, 1);
  EXPECT_DOUBLE_EQ(s.inf_per_sec, 1200.824);
  ASSERT_EQ(s.latency_files.size(), 1u);
  EXPECT_EQ(s.latency_files[0], "./resnet50_stats/aic-profiling-program-0-latency.txt");
  expect_consistent(s);
}

TEST(QualcommQaicRunnerOutput, SeedTwoInstances) {
  const auto s = parse_qaic_runner_stats(seed_run(
      "seed004_qaic_runner_a2.txt", "qaic-runner --test-data ./compiled_fp16 -d 0 -a 2 -S 1"));
  EXPECT_EQ(s.inference_count, 21911);
  EXPECT_DOUBLE_EQ(s.inf_per_sec, 2190.925);
  EXPECT_EQ(s.latency_files.size(), 2u);
  expect_consistent(s);
}

TEST(QualcommQaicRunnerOutput, SeedSevenInstancesBatchFour) {
  const auto s = parse_qaic_runner_stats(seed_run(
      "seed004_qaic_runner_a7.txt", "qaic-runner --test-data ./compiled_fp16 -d 0 -a 7 -S 10"));
  EXPECT_EQ(s.inference_count, 31905);
  EXPECT_DOUBLE_EQ(s.total_duration_us, 20042730);
  EXPECT_EQ(s.batch_size, 4);
  EXPECT_DOUBLE_EQ(s.inf_per_sec, 6367.396);
  ASSERT_EQ(s.latency_files.size(), 7u);
  EXPECT_EQ(s.latency_files[6], "./resnet50_stats/aic-profiling-program-6-latency.txt");
  expect_consistent(s);
}

TEST(QualcommQaicRunnerOutput, MissingStatsIsAnErrorNamingTheRun) {
  const ToolRun run{"qaic-runner", "qaic-runner --test-data ./bin -a 1", 0,
                    "Loading program\nDevice 0 not found\n"};
  try {
    parse_qaic_runner_stats(run);
    FAIL() << "no stats line must not parse";
  } catch (const ToolError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("qaic-runner --test-data ./bin -a 1"), std::string::npos) << message;
    EXPECT_NE(message.find("Device 0 not found"), std::string::npos) << message;
  }
}

TEST(QualcommQaicRunnerOutput, NonZeroExitIsAnErrorEvenWithStats) {
  const ToolRun run{
      "qaic-runner", "qaic-runner -a 1", 3,
      "InferenceCnt 1 TotalDuration 10us BatchSize 1 Inf/Sec 100.0\nError: device reset\n"};
  EXPECT_THROW(parse_qaic_runner_stats(run), ToolError);
}

}  // namespace
}  // namespace onnxbench::qualcomm
