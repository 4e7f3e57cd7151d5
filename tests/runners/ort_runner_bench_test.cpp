// The ONNX Runtime runner's bench: exact iteration counts, instances sharing them, set_size
// queueing, end_us, progress, bad arguments (as the Node.js runner's tests had them).
#include <map>

#include "ort_runner.h"
#include "support/model_test_util.h"

namespace onnxbench::testing {
namespace {

struct BenchEvents {
  json reply;
  std::map<std::string, std::map<int, std::vector<json>>> samples;  // phase -> instance -> events
  std::map<std::string, std::vector<long long>> progress;           // phase -> done
  std::vector<double> values(const std::string& phase, int instance, const std::string& key) const {
    std::vector<double> out;
    if (!samples.count(phase) || !samples.at(phase).count(instance)) return out;
    for (const auto& e : samples.at(phase).at(instance)) {
      const json& v = key == "latency_us" || key == "end_us" ? e[key] : e["stages"][key];
      for (const auto& x : v) out.push_back(x.get<double>());
    }
    return out;
  }
};

class OrtRunnerBench : public OrtRunnerTest {
 protected:
  void SetUp() override {
    OrtRunnerTest::SetUp();
    model_ =
        model_file(unary_model("Relu", DType::kFloat32, {1, 64}, DType::kFloat32), "relu.onnx");
    inputs_ = {{"x", npy_file(Tensor(DType::kFloat32, {1, 64}), "x.npy")}};
  }
  BenchEvents bench(OrtRunner& runner, json args) {
    BenchEvents out;
    args["inputs"] = inputs_;
    out.reply = runner.request("bench", std::move(args), [&](const json& e) {
      if (e["event"] == "samples") out.samples[e["phase"]][e["instance"]].push_back(e);
      if (e["event"] == "progress") out.progress[e["phase"]].push_back(e["done"]);
    });
    return out;
  }
  std::string model_;
  json inputs_;
};

TEST_F(OrtRunnerBench, RunIterationsCompletesExactlyThatManyRequests) {
  OrtRunner runner;
  runner.load(model_, {{"intra_op_threads", 1}});
  const BenchEvents b = bench(
      runner,
      {{"warmup", {{"iterations", 7}}}, {"run", {{"iterations", 5000}}}, {"progress_ms", 10}});
  EXPECT_EQ(b.reply["warmup"]["count"], 7);
  EXPECT_EQ(b.reply["measure"]["count"], 5000);
  EXPECT_GT(b.reply["measure"]["wall_ms"].get<double>(), 0);
  EXPECT_EQ(b.values("warmup", 0, "latency_us").size(), 7u);
  ASSERT_EQ(b.samples.at("measure").at(0).size(), 2u);  // 4096 values per event at most
  EXPECT_EQ(b.samples.at("measure").at(0)[0]["latency_us"].size(), 4096u);
  EXPECT_EQ(b.values("measure", 0, "latency_us").size(), 5000u);
  EXPECT_EQ(b.values("measure", 0, "queue").size(), 5000u);
  EXPECT_EQ(b.values("measure", 0, "run").size(), 5000u);
  for (const auto& [phase, done] : b.progress)
    for (std::size_t i = 1; i < done.size(); ++i) EXPECT_GT(done[i], done[i - 1]) << phase;
}

TEST_F(OrtRunnerBench, TwoInstancesShareTheIterationsAndBothMeasure) {
  OrtRunner runner;
  runner.load(model_, {{"intra_op_threads", 1}}, 2);
  const BenchEvents counted =
      bench(runner, {{"warmup", {{"iterations", 3}}}, {"run", {{"iterations", 300}}}});
  EXPECT_EQ(counted.reply["warmup"]["count"], 6);
  EXPECT_EQ(counted.values("warmup", 0, "latency_us").size(), 3u);
  EXPECT_EQ(counted.values("warmup", 1, "latency_us").size(), 3u);
  EXPECT_EQ(counted.values("measure", 0, "latency_us").size() +
                counted.values("measure", 1, "latency_us").size(),
            300u);
  const BenchEvents timed = bench(runner, {{"warmup", {{"ms", 20}}}, {"run", {{"seconds", 0.3}}}});
  const auto n0 = timed.values("measure", 0, "latency_us").size();
  const auto n1 = timed.values("measure", 1, "latency_us").size();
  EXPECT_GT(n0, 0u);
  EXPECT_GT(n1, 0u);
  EXPECT_EQ(timed.reply["measure"]["count"], n0 + n1);
  EXPECT_GE(timed.reply["measure"]["wall_ms"].get<double>(), 300.0);
  EXPECT_GE(timed.reply["warmup"]["wall_ms"].get<double>(), 20.0);
}

// A request waits behind the one before it: latency = queue + run, and a request's queueing
// covers at least the previous request's run.
TEST_F(OrtRunnerBench, SetSizeTwoQueuesRequestsBehindThePreviousOne) {
  OrtRunner runner;
  runner.load(model_, {{"intra_op_threads", 1}});
  const BenchEvents b = bench(runner, {{"run", {{"iterations", 200}}}, {"set_size", 2}});
  const auto latency = b.values("measure", 0, "latency_us");
  const auto queue = b.values("measure", 0, "queue");
  const auto run = b.values("measure", 0, "run");
  ASSERT_EQ(latency.size(), 200u);
  constexpr double eps = 0.01;  // values are rounded to the nanosecond
  for (std::size_t i = 0; i < latency.size(); ++i) {
    EXPECT_GE(latency[i], run[i] - eps);
    EXPECT_NEAR(latency[i], queue[i] + run[i], eps);
    if (i > 0) {
      EXPECT_GE(queue[i], run[i - 1] - eps) << i;
    }
  }
}

TEST_F(OrtRunnerBench, EndUsOrdersCompletionsWithinTheMeasuredWallTime) {
  OrtRunner runner;
  runner.load(model_);
  const BenchEvents b = bench(runner, {{"run", {{"iterations", 100}}}});
  const auto end = b.values("measure", 0, "end_us");
  const auto latency = b.values("measure", 0, "latency_us");
  ASSERT_EQ(end.size(), latency.size());
  constexpr double eps = 0.01;
  for (std::size_t i = 0; i < end.size(); ++i) {
    EXPECT_GE(end[i] - latency[i], -eps) << i;
    if (i > 0) {
      EXPECT_GE(end[i], end[i - 1] - eps) << i;
    }
  }
  EXPECT_LE(end.back(), b.reply["measure"]["wall_ms"].get<double>() * 1e3 + eps);
}

TEST_F(OrtRunnerBench, BadArgumentsAreBadRequests) {
  OrtRunner runner;
  runner.load(model_);
  EXPECT_EQ(runner.error_of("bench", {{"inputs", inputs_}})["kind"], "bad_request");
  EXPECT_EQ(runner.error_of("bench", {{"inputs", inputs_}, {"run", {{"iterations", 0}}}})["kind"],
            "bad_request");
  EXPECT_EQ(
      runner.error_of("bench",
                      {{"inputs", inputs_}, {"run", {{"iterations", 1}}}, {"set_size", 0}})["kind"],
      "bad_request");
  EXPECT_EQ(runner.error_of("bench", {{"run", {{"iterations", 1}}}})["kind"], "bad_request");
}

// A model whose output shape depends on the input (dynamic batch) runs with outputs that ORT
// allocates per run; a static one with outputs allocated once. Both give the same samples.
TEST_F(OrtRunnerBench, DynamicAndStaticOutputShapesBothRun) {
  OrtRunner runner;
  runner.load(
      model_file(unary_model("Relu", DType::kFloat32, {"N", 8}, DType::kFloat32), "dyn.onnx"));
  const BenchEvents b = [&] {
    BenchEvents out;
    out.reply = runner.request(
        "bench", {{"inputs", {{"x", npy_file(Tensor(DType::kFloat32, {3, 8}), "x3.npy")}}},
                  {"run", {{"iterations", 20}}}});
    return out;
  }();
  EXPECT_EQ(b.reply["measure"]["count"], 20);
}

}  // namespace
}  // namespace onnxbench::testing
