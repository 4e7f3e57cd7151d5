// onnxbench latency end to end on the real engines, with a tiny space and short runs: table,
// resume, fit, predict, validate, and one-line errors for bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/file_io.h"
#include "latency/latency_test_util.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::CliResult;
using testing::is_one_line_error;
using testing::run_cli;

constexpr const char* kShort = " --threads 1 --warmup 1 --iterations 5";

const char* kArch = R"({"family": "mobilenet_v2", "input_size": 16, "width_mult": 0.5,
  "num_classes": 10, "stem_channels": 8, "stem_stride": 1, "last_channels": 64,
  "stages": [{"expansion": 1, "kernel": 3, "depth": 1, "channels": 8, "stride": 1},
             {"expansion": 3, "kernel": 5, "depth": 2, "channels": 16, "stride": 2}]})";

// The UIDs of a latency table's "Layers Time" rows.
std::set<std::string> layer_uids(const std::string& path) {
  std::set<std::string> out;
  std::istringstream lines(read_file(path));
  for (std::string line; std::getline(lines, line);) {
    const auto f = csv_split(line);
    if (f && f->size() == 5 && (*f)[2] == "Layers Time") out.insert((*f)[0]);
  }
  return out;
}

class LatencyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    space_ = testing::write_tiny_space(dir_);
    arch_ = dir_ + "/arch.json";
    write_file(arch_, kArch);
  }
  std::string dir_, space_, arch_;
};

TEST_F(LatencyCli, TableFitPredictValidateOnOnnxRuntime) {
  const std::string table = dir_ + "/table.csv";
  CliResult r = run_cli("latency table --space " + space_ + " -e onnxruntime -o " + table + kShort);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto uids = layer_uids(table);
  ASSERT_GE(uids.size(), 10u);
  // Nine rows a module: three keys, three stats.
  std::ifstream in(table);
  EXPECT_EQ(std::count(std::istreambuf_iterator<char>(in), {}, '\n'), 9 * uids.size());
  const auto side = nlohmann::json::parse(read_file(dir_ + "/table.json"));
  EXPECT_EQ(side["setup"]["engine"], "onnxruntime");
  EXPECT_FALSE(side["setup"]["engine_version"].get<std::string>().empty());
  EXPECT_EQ(side["setup"]["knobs"].size(), 1u);  // threads
  EXPECT_TRUE(side["host"].contains("cpu"));

  r = run_cli("latency table --space " + space_ + " -e onnxruntime -o " + table + kShort +
              " --resume");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(std::to_string(uids.size()) + " distinct modules, 0 to measure"),
            std::string::npos)
      << r.output;

  // The same layers, profiled inside a whole model, carry the same UIDs (a fused Conv is the
  // first part of its module's UID).
  const std::string model = dir_ + "/arch.onnx", profiled = dir_ + "/profiled.csv";
  ASSERT_EQ(run_cli("zoo generate --arch " + arch_ + " -o " + model).exit_code, 0);
  r = run_cli("profile " + model + " -e onnxruntime --threads 1 -r 3 --latency-table " + profiled);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const auto& uid : layer_uids(profiled)) {
    if (uid.find("[name=") != std::string::npos) continue;  // a layer of the engine's own
    bool found = uids.count(uid) > 0;
    for (const auto& u : uids) found = found || u.rfind(uid + "+", 0) == 0;
    EXPECT_TRUE(found) << uid;
  }

  const std::string est = dir_ + "/est.json";
  r = run_cli("latency fit --table " + table + " --space " + space_ +
              " --n 6 --seed 1 --rounds 2 --folds 2 -e onnxruntime -o " + est + kShort);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2-fold CV"), std::string::npos) << r.output;
  const auto e = nlohmann::json::parse(read_file(est));
  EXPECT_EQ(e["modules_us"].size(), uids.size());
  EXPECT_EQ(e["fit"]["points"].size(), 6u);

  r = run_cli("latency predict " + arch_ + " " + model + " --estimator " + est + " --json " + dir_ +
              "/pred.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto pred = nlohmann::json::parse(read_file(dir_ + "/pred.json"));
  ASSERT_EQ(pred["predictions"].size(), 2u);
  // The architecture and the model generated from it are the same modules.
  EXPECT_DOUBLE_EQ(pred["predictions"][0]["predicted_us"].get<double>(),
                   pred["predictions"][1]["predicted_us"].get<double>());
  const double sum = pred["predictions"][0]["sum_us"];
  EXPECT_NEAR(pred["predictions"][0]["predicted_us"].get<double>(),
              e["scale"].get<double>() * sum + e["bias_us"].get<double>(), 1e-6);

  r = run_cli("latency validate --estimator " + est + " --space " + space_ +
              " --n 4 --seed 1 --rounds 2 -e onnxruntime" + kShort);
  EXPECT_TRUE(is_one_line_error(r, {"--seed 1", "fitted on"})) << r.output;
  const std::string v = dir_ + "/validate";
  r = run_cli("latency validate --estimator " + est + " --space " + space_ +
              " --n 4 --seed 2 --rounds 2 -e onnxruntime" + kShort + " --json " + v +
              ".json --csv " + v + ".csv --svg " + v + ".svg");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("test-retest"), std::string::npos) << r.output;
  const auto val = nlohmann::json::parse(read_file(v + ".json"));
  EXPECT_EQ(val["points"].size(), 4u);
  EXPECT_GT(val["points"][0]["measured_us"].get<double>(), 0);
  EXPECT_EQ(read_file(v + ".svg").rfind("<svg", 0), 0u);
  const std::string csv = read_file(v + ".csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);

  // Another knob setting than the estimator's is refused.
  r = run_cli("latency validate --estimator " + est + " --space " + space_ +
              " --n 4 --seed 2 --rounds 2 -e onnxruntime --threads 2 --warmup 1 --iterations 5");
  EXPECT_TRUE(is_one_line_error(r, {est + ": setup.knobs: the estimator was measured with"}))
      << r.output;

  // A module the estimator lacks is named; --measure-missing measures and adds it.
  auto lacking = e;
  const std::string gone = pred["predictions"][0]["modules"][2]["uid"];
  lacking["modules_us"].erase(gone);
  write_file(est, lacking.dump());
  r = run_cli("latency predict " + arch_ + " --estimator " + est);
  EXPECT_TRUE(is_one_line_error(r, {arch_ + ": module " + gone, "--measure-missing"})) << r.output;
  r = run_cli("latency predict " + arch_ + " --estimator " + est +
              " --measure-missing --warmup 1 --iterations 5");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(nlohmann::json::parse(read_file(est))["modules_us"].contains(gone));
}

TEST_F(LatencyCli, TableOnOpenCvMeasuresFusedModules) {
  const std::string table = dir_ + "/table.csv";
  const CliResult r =
      run_cli("latency table --space " + space_ + " -e opencv -o " + table + kShort);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto uids = layer_uids(table);
  EXPECT_GE(uids.size(), 10u);
  bool fused = false;
  for (const auto& u : uids) fused = fused || u.find("]+Clip[") != std::string::npos;
  EXPECT_TRUE(fused);
  const auto side = nlohmann::json::parse(read_file(dir_ + "/table.json"));
  EXPECT_EQ(side["setup"]["engine"], "opencv");
}

TEST_F(LatencyCli, BadInputGivesOneLineErrorsNamingTheField) {
  write_file(dir_ + "/bad_space.json", R"({"family": "transformer_encoder"})");
  CliResult r = run_cli("latency table --space " + dir_ + "/bad_space.json -o " + dir_ + "/t.csv");
  EXPECT_TRUE(is_one_line_error(r, {"bad_space.json: family: latency knows the search spaces"}))
      << r.output;

  // A table whose side file says another engine version than the one running now.
  const std::string table = dir_ + "/t.csv";
  write_file(table, "\"Gemm[transB=1][[1,64],[10,64],[10]]\",CPU,Layers Time,Avg_Time,3.0\n");
  write_file(dir_ + "/t.json", R"({"setup": {"engine": "onnxruntime", "engine_version": "0.0.1",
    "runner_version": "0.1.0", "runtime": "CPU", "knobs": {}}})");
  r = run_cli("latency fit --table " + table + " --space " + space_ + " --n 4 -e onnxruntime -o " +
              dir_ + "/e.json");
  EXPECT_TRUE(is_one_line_error(r, {"t.json: setup.engine_version: the table was measured with "
                                    "onnxruntime 0.0.1"}))
      << r.output;

  write_file(table, "\"Gemm[transB=1][[1,64],[10,64],[10]]\",CPU,Layers Time,Avg_Time\n");
  r = run_cli("latency fit --table " + table + " --space " + space_ + " --n 4 -o " + dir_ +
              "/e.json");
  EXPECT_TRUE(is_one_line_error(r, {table + ": row 1: expected 5 fields"})) << r.output;

  write_file(dir_ + "/e.json", R"({"format": "something else"})");
  r = run_cli("latency predict " + arch_ + " --estimator " + dir_ + "/e.json");
  EXPECT_TRUE(is_one_line_error(r, {"e.json: format: expected"})) << r.output;
}

}  // namespace
}  // namespace onnxbench
