#include "tune/trial_log.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/file_io.h"
#include "fake_evaluator.h"
#include "support/test_paths.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;

std::vector<Trial> three_trials() {
  const Config config = {
      {"threads", 4}, {"batch", 8}, {"execution_mode", "parallel"}, {"enable_mem_pattern", false}};
  Trial ok{1, "search", config, {}, 3.25};
  ok.outcome.throughput = 1234.5678901234;
  ok.outcome.latency_ms = testing::latency_for(config, 1234.5678901234);
  Trial skipped{2, "search", config, {}, 3.25};
  skipped.outcome.status = TrialOutcome::Status::kSkipped;
  skipped.outcome.reason = "threads x instances = 8 is over max_total_threads 4";
  Trial failed{3, "remeasure", config, {}, 7.5};
  failed.outcome.status = TrialOutcome::Status::kFailed;
  failed.outcome.reason = "runner crashed: \"signal 11\"\ncore dumped";
  failed.outcome.latency_ms = summarize(std::vector<double>{});  // NaN but the count
  return {ok, skipped, failed};
}

void expect_same(const Trial& a, const Trial& b) {
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.phase, b.phase);
  EXPECT_EQ(a.config, b.config);
  EXPECT_EQ(a.outcome.status, b.outcome.status);
  EXPECT_EQ(a.outcome.reason, b.outcome.reason);
  EXPECT_EQ(a.outcome.throughput, b.outcome.throughput);
  EXPECT_EQ(a.elapsed_s, b.elapsed_s);
  // Compared as JSON so that NaN (written as null) equals NaN.
  EXPECT_EQ(trial_to_json(a, "")["latency_ms"], trial_to_json(b, "")["latency_ms"]);
}

TEST(TrialLog, AppendedTrialsReadBackExactly) {
  const std::string path = onnxbench::testing::scratch_dir() + "/trials.jsonl";
  const std::vector<Trial> trials = three_trials();
  for (const Trial& t : trials) append_trial(path, t, "onnxbench bench m.onnx --threads 4");
  const std::vector<Trial> back = read_trials(path);
  ASSERT_EQ(back.size(), trials.size());
  for (std::size_t i = 0; i < trials.size(); ++i) expect_same(back[i], trials[i]);
  EXPECT_EQ(back[0].outcome.latency_ms.p999, trials[0].outcome.latency_ms.p999);
  EXPECT_TRUE(std::isnan(back[2].outcome.latency_ms.mean));
}

TEST(TrialLog, OneObjectPerLineWithEveryStatistic) {
  const json j = trial_to_json(three_trials()[0], "onnxbench bench m.onnx");
  for (const char* key : {"index", "phase", "config", "status", "reason", "throughput",
                          "latency_ms", "elapsed_s", "command"})
    EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key :
       {"count", "mean", "min", "p50", "p75", "p90", "p95", "p99", "p99.9", "max", "stdev", "cv"})
    EXPECT_TRUE(j["latency_ms"].contains(key)) << key;
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["command"], "onnxbench bench m.onnx");
  EXPECT_EQ(j.dump().find('\n'), std::string::npos);
}

TEST(TrialLog, ABadLineIsAnErrorNamingTheFileAndLine) {
  const std::string path = onnxbench::testing::scratch_dir() + "/trials.jsonl";
  const std::string good = trial_to_json(three_trials()[0], "").dump();
  auto expect_error = [&](const std::string& second_line, const std::string& message) {
    write_file(path, good + "\n" + second_line + "\n");
    try {
      read_trials(path);
      ADD_FAILURE() << "accepted " << second_line;
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()), path + ":2: " + message);
    }
  };
  expect_error("{not json", "trial: expected a JSON object");
  json j = json::parse(good);
  j["status"] = "great";
  expect_error(j.dump(), "status: expected one of ok, skipped, failed, got \"great\"");
  j = json::parse(good);
  j.erase("phase");
  expect_error(j.dump(), "phase: missing");
  j = json::parse(good);
  j["latency_ms"]["p99.9"] = "slow";
  expect_error(j.dump(), "latency_ms.p99.9: expected a number or null, got \"slow\"");
  j = json::parse(good);
  j["index"] = 0;
  expect_error(j.dump(), "index: expected an integer in [1, 2147483647], got 0");
}

TEST(TrialLog, BlankLinesAreSkippedAndAMissingFileIsAnError) {
  const std::string path = onnxbench::testing::scratch_dir() + "/trials.jsonl";
  write_file(path, "\n" + trial_to_json(three_trials()[1], "").dump() + "\n\n");
  EXPECT_EQ(read_trials(path).size(), 1u);
  EXPECT_THROW(read_trials(path + ".missing"), InputError);
}

}  // namespace
}  // namespace onnxbench::tune
