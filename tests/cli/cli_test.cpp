// The onnxbench executable as a user runs it: exit codes, one-line errors for bad input, and the
// files each command writes.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "core/csv.h"
#include "core/file_io.h"
#include "core/host_info.h"
#include "core/npy.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

using testing::CliResult;
using testing::run_cli;

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    model_ = dir_ + "/demo.onnx";
    ASSERT_EQ(run_cli("zoo generate demo-cnn --dynamic-batch -o " + model_).exit_code, 0);
    fixed_ = dir_ + "/fixed.onnx";
    ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + fixed_).exit_code, 0);
  }
  // Expects exit code 1 and one error line (plus nothing else) containing every fragment.
  void expect_error(const std::string& args, const std::vector<std::string>& fragments) {
    EXPECT_TRUE(testing::is_one_line_error(run_cli(args), fragments));
  }
  std::string dir_, model_, fixed_;
};

TEST_F(Cli, EveryCommandHasHelp) {
  for (const char* cmd : {"", "inspect", "bench", "run", "profile", "engines", "zoo generate",
                          "transform", "tune", "quantize", "compare"}) {
    const CliResult r = run_cli(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd << r.output;
  }
}

TEST_F(Cli, BadModelFilesAreOneLineErrorsNamingTheFile) {
  expect_error("bench /nonexistent/m.onnx", {"/nonexistent/m.onnx"});
  write_file(dir_ + "/garbage.onnx", "this is not a protobuf at all \xff\xff\xff");
  expect_error("bench " + dir_ + "/garbage.onnx", {dir_ + "/garbage.onnx", "not an ONNX model"});
  const std::string bytes = read_file(model_);
  write_file(dir_ + "/cut.onnx", bytes.substr(0, bytes.size() / 2));
  expect_error("run " + dir_ + "/cut.onnx -o " + dir_ + "/out", {"cut.onnx", "truncated"});
}

TEST_F(Cli, BadOptionValuesAreOneLineErrorsNamingTheOption) {
  expect_error("bench " + model_ + " --set nosuch=1", {"no knob 'nosuch'", "intra_op_threads"});
  expect_error("bench " + model_ + " --engine opencv --set fusion=maybe",
               {"'maybe'", "true, false"});
  expect_error("bench " + model_ + " --memory-limit lots", {"--memory-limit 'lots'"});
  expect_error("bench " + fixed_ + " --batch 4", {"fixed batch of 1", "--batch 4"});
  const CliResult unknown_engine = run_cli("bench " + model_ + " --engine tensorflow");
  EXPECT_NE(unknown_engine.exit_code, 0);
  EXPECT_NE(unknown_engine.output.find("tensorflow"), std::string::npos) << unknown_engine.output;
}

TEST_F(Cli, ArgumentErrorsAreReadableOneLinersWithExitCode2) {
  for (const auto& [args, says] : std::vector<std::pair<std::string, std::string>>{
           {"bench " + model_ + " --batch 0", "--batch: must be at least 1, got 0"},
           {"bench " + model_ + " --duration -1", "--duration: must be above 0, got -1"},
           {"profile " + model_ + " --iterations 0", "--iterations: must be at least 1, got 0"},
           {"bench " + model_ + " --warmup 5x",
            "--warmup: expected a request count (10) or a time (500ms, 2s), got '5x'"},
           {"bench " + model_ + " --no-such-option", "unknown option --no-such-option"},
           {"bench " + model_ + " --iteration 10",
            "unknown option --iteration; did you mean --iterations?"}}) {
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << args << ": " << r.output;
    EXPECT_EQ(r.output.rfind("onnxbench: error: " + says, 0), 0u) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    EXPECT_EQ(r.output.find("e+308"), std::string::npos) << r.output;
  }
}

TEST_F(Cli, OutputPathsAndNamedFilesAreCheckedBeforeTheEngineStarts) {
  expect_error("bench " + model_ + " --json " + dir_ + "/no/r.json",
               {"--json " + dir_ + "/no/r.json", "does not exist"});
  expect_error("bench " + model_ + " --samples " + dir_, {"--samples " + dir_, "is a folder"});
  expect_error("bench " + model_ + " --config-from " + dir_ + "/lut.csv",
               {"--config-from " + dir_ + "/lut.csv", "no such file"});
  expect_error("profile " + model_ + " --csv " + dir_ + "/no/p.csv", {"--csv", "does not exist"});
  expect_error("run " + model_ + " -o " + model_, {"--out " + model_, "is a file"});
  expect_error("quantize " + model_ + " --calib " + dir_ + "/calib -o " + dir_ + "/q.onnx",
               {"--calib " + dir_ + "/calib", "no such file"});
  expect_error("quantize " + model_ + " --calib random:2 -o " + model_,
               {"--out " + model_, "is the input model"});
  expect_error("compare " + model_ + " " + model_ + " --json " + dir_ + "/no/c.json",
               {"--json", "does not exist"});
  expect_error("compare " + model_ + " " + model_ + " --inputs " + dir_ + "/samples",
               {"--inputs " + dir_ + "/samples", "no such file"});
}

// Issue 22: 10 threads on 2 cores measured an eighth of the throughput, silently.
TEST_F(Cli, MoreThreadsThanLogicalCoresIsAWarning) {
  const unsigned cores = host_info().logical_cores;
  const CliResult r = run_cli("bench " + fixed_ + " --threads " + std::to_string(cores + 1) +
                              " --iterations 3 --warmup 0");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warning: " + std::to_string(cores + 1) +
                          " threads x 1 instance(s) = " + std::to_string(cores + 1) +
                          " threads on " + std::to_string(cores) + " logical cores"),
            std::string::npos)
      << r.output;
  const CliResult fits = run_cli("bench " + fixed_ + " --threads 1 --iterations 3 --warmup 0");
  EXPECT_EQ(fits.output.find("threads on "), std::string::npos) << fits.output;
}

TEST_F(Cli, InputFileOfTheWrongShapeIsRejectedBeforeTheEngineRuns) {
  write_npy(dir_ + "/x.npy", random_tensor(DType::kFloat32, {1, 3, 32, 32}, 1));
  expect_error("run " + model_ + " --input " + dir_ + "/x.npy -o " + dir_ + "/out",
               {dir_ + "/x.npy", "model input 'input'", "[N,3,96,96]"});
}

class CliEngine : public Cli, public ::testing::WithParamInterface<std::string> {};

TEST_P(CliEngine, BenchJsonRecordHasExactlyTheRequestedIterations) {
  const CliResult r = run_cli(
      "bench " + model_ + " --engine " + GetParam() +
      " --batch 2 --instances 2 --threads 1 --iterations 30 --warmup 2 --json - --samples " + dir_ +
      "/s.csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["measure"]["requests"], 30);
  EXPECT_EQ(j["measure"]["latency_ms"]["count"], 30);
  EXPECT_EQ(j["config"]["batch"], 2);
  EXPECT_EQ(j["config"]["instances"], 2);
  EXPECT_EQ(j["engine"]["name"], GetParam());
  EXPECT_GT(j["throughput_per_s"].get<double>(), 0.0);
  // Record schema 1 (docs/record-schema.md).
  EXPECT_EQ(j["schema"], "onnxbench-record");
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_FALSE(j["interrupted"].get<bool>());
  ASSERT_TRUE(j["command_line"].is_array());
  EXPECT_EQ(j["command_line"][1], "bench");
  EXPECT_EQ(j["command_line"].back(), dir_ + "/s.csv");
  EXPECT_GE(j["config"]["threads"].get<int>(), 1) << "the default threads, as the engine has them";
  EXPECT_EQ(j["config"]["input_shapes"]["input"]["shape"], nlohmann::json({2, 3, 96, 96}));
  EXPECT_EQ(j["config"]["input_shapes"]["input"]["dtype"], "float32");
  EXPECT_GT(j["runner"]["peak_rss_bytes"].get<double>(), 10e6);
  EXPECT_GT(j["runner"]["cpu_s"].get<double>(), 0.0);
  EXPECT_GT(j["first_inference_ms"].get<double>(), 0.0);
  const std::string samples = read_file(dir_ + "/s.csv");
  EXPECT_EQ(std::count(samples.begin(), samples.end(), '\n'), 31);  // header + 30
  // Per-request timestamps: start + latency = end, all within the measured wall time.
  std::istringstream rows(samples);
  std::string line;
  std::getline(rows, line);
  EXPECT_EQ(line, "instance,latency_ms,start_ms,end_ms");
  const double wall_ms = j["measure"]["wall_ms"].get<double>();
  while (std::getline(rows, line)) {
    const auto fields = csv_split(line);
    ASSERT_TRUE(fields && fields->size() == 4) << line;
    const double latency = std::stod((*fields)[1]), start = std::stod((*fields)[2]),
                 end = std::stod((*fields)[3]);
    EXPECT_GE(start, -1e-3) << line;
    EXPECT_NEAR(start + latency, end, 2e-3) << line;
    EXPECT_LE(end, wall_ms + 1e-3) << line;
  }
}

TEST_P(CliEngine, RunWritesEveryOutputAsNpy) {
  const CliResult r =
      run_cli("run " + model_ + " --engine " + GetParam() + " --batch 3 -o " + dir_ + "/out");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const Tensor logits = read_npy(dir_ + "/out/logits.npy");
  EXPECT_EQ(logits.shape, (Shape{3, 10}));
}

TEST_P(CliEngine, ProfileWritesCsvAndASeed001LatencyTable) {
  const CliResult r =
      run_cli("profile " + model_ + " --engine " + GetParam() + " --iterations 5 --csv " + dir_ +
              "/p.csv --latency-table " + dir_ + "/lt.csv");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("% of total"), std::string::npos) << r.output;
  const std::string table = read_file(dir_ + "/lt.csv");
  std::istringstream lines(table);
  const std::regex row(
      R"((\"[^\"]*\"|[^,]+),CPU,(Forward Propagate|Total Inference Time|Layers Time),(Min_Time|Avg_Time|Max_Time),[0-9]+\.[0-9])");
  int rows = 0, conv_rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) {
    EXPECT_TRUE(std::regex_match(line, row)) << line;
    conv_rows += line.rfind("\"Conv[", 0) == 0;
  }
  EXPECT_GE(rows, 9);
  EXPECT_GT(conv_rows, 0) << table;
}

TEST_P(CliEngine, ProfileRowsNameTheModelsNodesAndSumPerOpType) {
  const CliResult r = run_cli("profile " + model_ + " --engine " + GetParam() +
                              " --iterations 3 --json " + dir_ + "/p.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(read_file(dir_ + "/p.json"));
  // demo-cnn: conv1 -> relu1 -> pool1 -> conv2 -> ...; both engines fuse the Relu into the Conv,
  // ONNX Runtime names the fused layer "relu1_nchwc".
  std::map<std::string, std::vector<std::string>> conv_nodes;
  int layers = 0;
  for (const auto& l : j["layers"]) {
    ++layers;
    if (l["op_type"] == "Conv") {
      const auto nodes = l["model_nodes"].get<std::vector<std::string>>();
      ASSERT_FALSE(nodes.empty()) << l.dump();
      conv_nodes[nodes.front()] = nodes;
    }
  }
  ASSERT_EQ(conv_nodes.size(), 3u) << j["layers"].dump(1);
  EXPECT_EQ(conv_nodes.begin()->first, "conv1");
  if (GetParam() == "onnxruntime") {
    EXPECT_EQ(conv_nodes["conv1"], (std::vector<std::string>{"conv1", "relu1"}));
    EXPECT_NE(r.output.find("conv1+relu1"), std::string::npos) << r.output;
  }
  int summed = 0;
  double share = 0;
  for (const auto& o : j["op_types"]) {
    summed += o["layers"].get<int>();
    share += o["share"].get<double>();
  }
  EXPECT_EQ(summed, layers);
  EXPECT_NEAR(share, 1.0, 1e-6);
  EXPECT_EQ(j["op_types"][0]["op_type"], "Conv") << "the slowest op type first";
}

INSTANTIATE_TEST_SUITE_P(Engines, CliEngine, ::testing::Values("onnxruntime", "opencv"));

TEST(CliEngines, ListsBothEnginesWithTheirKnobs) {
  const CliResult r = run_cli("engines");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("onnxruntime  1.30.0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("opencv  4.6.0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("intra_op_threads"), std::string::npos);
  EXPECT_EQ(r.output.find("onnxruntime  not available"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("opencv  not available"), std::string::npos) << r.output;
  // The Qualcomm engines are listed too; without their SDK they say what to set.
  if (!std::getenv("SNPE_ROOT") && !std::getenv("QAIRT_SDK_ROOT")) {
    EXPECT_NE(r.output.find("snpe  not available: engine 'snpe': no SDK found; set SNPE_ROOT"),
              std::string::npos)
        << r.output;
  }
}

}  // namespace
}  // namespace onnxbench
