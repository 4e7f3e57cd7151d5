// onnxbench tune end to end on a real engine with a tiny space: trial records with their bench
// commands, the LUT, bench --config-from, resume, and the spec's errors.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/file_io.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::CliResult;
using testing::run_cli;

std::vector<nlohmann::json> json_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

class TuneCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    model_ = dir_ + "/demo.onnx";
    ASSERT_EQ(run_cli("zoo generate demo-cnn --dynamic-batch -o " + model_).exit_code, 0);
    write_file(dir_ + "/space.json", R"({"max_func_eval": 4, "objective": "maximize_inf_rate",
      "params": {"instances": {"min": 1, "max": 2}, "batch": {"min": 1, "max": 2}},
      "static_params": {"threads": 1, "set_size": 1}})");
  }
  std::string tune(const std::string& extra) {
    return "tune " + model_ + " --engine opencv --spec " + dir_ +
           "/space.json --trial-duration 0.2 --trials " + dir_ + "/t.jsonl --lut " + dir_ +
           "/lut.csv " + extra;
  }
  std::string dir_, model_;
};

TEST_F(TuneCli, AFixedBatchModelIsNotSearchedOverBatchAndColumnsAreLabelled) {
  const std::string fixed = dir_ + "/fixed.onnx";
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + fixed).exit_code, 0);
  const CliResult r = run_cli("tune " + fixed + " --engine opencv --spec " + dir_ +
                              "/space.json --trial-duration 0.2 --trials " + dir_ +
                              "/f.jsonl --lut " + dir_ + "/lut.csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("note: batch is not searched: model input 'input' has a fixed batch of 1"),
            std::string::npos)
      << r.output;
  for (const auto& t : json_lines(dir_ + "/f.jsonl")) {
    EXPECT_EQ(t["status"], "ok") << t.dump();
    EXPECT_FALSE(t["config"].contains("batch")) << t.dump();
  }
  EXPECT_NE(r.output.find("ranked p50 ms"), std::string::npos) << r.output;
}

TEST_F(TuneCli, WritesTrialsWithCommandsAndTheWinnerToTheLut) {
  const CliResult r = run_cli(tune(""));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("winner's latency"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("reproduce: onnxbench bench"), std::string::npos) << r.output;
  const auto trials = json_lines(dir_ + "/t.jsonl");
  int search = 0;
  for (const auto& t : trials) {
    EXPECT_EQ(t["status"], "ok") << t.dump();
    EXPECT_EQ(t["command"].get<std::string>().rfind("onnxbench bench ", 0), 0u) << t.dump();
    search += t["phase"] == "search";
  }
  EXPECT_EQ(search, 4);  // the whole 2 x 2 space, within max_func_eval
  const std::string lut = read_file(dir_ + "/lut.csv");
  EXPECT_EQ(lut.substr(0, lut.find('\n')),
            "model,sha256,engine,objective,throughput,latency_p50_ms,latency_p99_ms,timestamp_utc,"
            "config");
  EXPECT_NE(lut.find("demo.onnx,"), std::string::npos) << lut;

  // bench --config-from takes the winner's knobs.
  const CliResult b = run_cli("bench " + model_ + " --engine opencv --config-from " + dir_ +
                              "/lut.csv --iterations 4 --json -");
  ASSERT_EQ(b.exit_code, 0) << b.output;
  const auto record = nlohmann::json::parse(b.output);
  // The config column is CSV-quoted JSON: its quotes are doubled.
  std::string config = lut.substr(lut.find('{'), lut.rfind('}') - lut.find('{') + 1);
  for (auto at = config.find("\"\""); at != std::string::npos; at = config.find("\"\"", at + 1))
    config.erase(at, 1);
  const auto winner = nlohmann::json::parse(config);
  EXPECT_EQ(record["config"]["instances"], winner["instances"]) << lut;
  EXPECT_EQ(record["config"]["batch"], winner["batch"]) << lut;
}

TEST_F(TuneCli, RefusesToOverwriteTrialsAndResumesWithoutMeasuringThemAgain) {
  ASSERT_EQ(run_cli(tune("")).exit_code, 0);
  const std::size_t before = json_lines(dir_ + "/t.jsonl").size();
  const CliResult again = run_cli(tune(""));
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("--resume"), std::string::npos) << again.output;
  const CliResult resumed = run_cli(tune("--resume"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  int search = 0;
  for (const auto& t : json_lines(dir_ + "/t.jsonl")) search += t["phase"] == "search";
  EXPECT_EQ(search, 4);  // nothing of the search measured twice
  EXPECT_GE(json_lines(dir_ + "/t.jsonl").size(), before);
}

TEST_F(TuneCli, SpecErrorsNameTheSpecFile) {
  write_file(dir_ + "/bad.json", R"({"params": {"warp_drive": {"min": 1, "max": 2}}})");
  const CliResult r = run_cli("tune " + model_ + " --engine opencv --spec " + dir_ + "/bad.json");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find(dir_ + "/bad.json"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("warp_drive"), std::string::npos) << r.output;
  write_file(dir_ + "/broken.json", "{ not json");
  const CliResult broken =
      run_cli("tune " + model_ + " --engine opencv --spec " + dir_ + "/broken.json");
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("not valid JSON"), std::string::npos) << broken.output;
}

TEST_F(TuneCli, ConfigFromALutWithoutTheModelIsAClearError) {
  write_file(dir_ + "/empty.csv",
             "model,sha256,engine,objective,throughput,latency_p50_ms,latency_p99_ms,timestamp_utc,"
             "config\n");
  const CliResult r =
      run_cli("bench " + model_ + " --engine opencv --config-from " + dir_ + "/empty.csv");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("no row for model"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace onnxbench
