// onnxbench zoo generate --arch and zoo sample end to end: files written, reproducibility, and
// one-line errors that name the file and the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/file_io.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::is_one_line_error;
using testing::run_cli;

class ZooGenerateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir() + "/zoo_generate_cli";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    space_ = testing::source_dir() + "/bench/spaces/mobilenet_v2_cifar10.json";
  }
  std::string arch(const std::string& name) {
    return testing::source_dir() + "/bench/architectures/" + name + ".json";
  }
  std::string dir_, space_;
};

TEST_F(ZooGenerateCli, SampleWritesModelsAndArchitecturesThatGenerateReproduces) {
  const CliResult r = run_cli("zoo sample --space " + space_ + " --n 3 --seed 5 --out " + dir_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 6);
  // One line per model with its MACs and parameters.
  const std::regex line(dir_ +
                        "/arch_00[0-2]\\.onnx: input \\[1,3,32,32\\], .* MACs, .* parameters");
  EXPECT_EQ(std::distance(std::sregex_iterator(r.output.begin(), r.output.end(), line),
                          std::sregex_iterator()),
            3)
      << r.output;
  const auto json = nlohmann::json::parse(read_file(dir_ + "/arch_002.json"));
  EXPECT_EQ(json["family"], "mobilenet_v2");
  EXPECT_EQ(json["stages"].size(), 7u);
  const CliResult again =
      run_cli("zoo generate --arch " + dir_ + "/arch_002.json --seed 5 -o " + dir_ + "/again.onnx");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(read_file(dir_ + "/again.onnx"), read_file(dir_ + "/arch_002.onnx"));
  // The same seed draws the same architectures.
  ASSERT_EQ(
      run_cli("zoo sample --space " + space_ + " --n 3 --seed 5 --out " + dir_ + "/b").exit_code,
      0);
  EXPECT_EQ(read_file(dir_ + "/b/arch_001.json"), read_file(dir_ + "/arch_001.json"));
  EXPECT_EQ(read_file(dir_ + "/b/arch_001.onnx"), read_file(dir_ + "/arch_001.onnx"));
}

TEST_F(ZooGenerateCli, GenerateArchPrintsSizeAndRunsOnBothEngines) {
  const std::string model = dir_ + "/r.onnx";
  write_file(dir_ + "/r.json", R"({"family": "resnet", "block": "basic", "depths": [1, 1],
    "widths": [8, 16], "input_size": 32, "num_classes": 4, "stem_channels": 8})");
  const CliResult r =
      run_cli("zoo generate --arch " + dir_ + "/r.json --dynamic-batch --seed 3 -o " + model);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("wrote resnet (input [N,3,32,32], "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("parameters, seed 3) to " + model), std::string::npos) << r.output;
  for (const char* engine : {"onnxruntime", "opencv"}) {
    const CliResult run =
        run_cli("run " + model + " --engine " + engine + " -o " + dir_ + "/" + engine);
    EXPECT_EQ(run.exit_code, 0) << engine << run.output;
  }
}

TEST_F(ZooGenerateCli, GenerateStandardMobileNetV2WithABatch) {
  const CliResult r =
      run_cli("zoo generate --arch " + arch("mobilenet_v2") + " --batch 2 -o " + dir_ + "/m.onnx");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("wrote mobilenet_v2 (input [2,3,224,224], "), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find(" M MACs, 3.4"), std::string::npos) << r.output;
}

TEST_F(ZooGenerateCli, DemoCnnStillWorks) {
  const CliResult r = run_cli("zoo generate demo-cnn -o " + dir_ + "/d.onnx");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("93.9 M MACs"), std::string::npos) << r.output;
}

TEST_F(ZooGenerateCli, ErrorsAreOneLineAndNameTheFileAndField) {
  write_file(dir_ + "/bad.json", R"({"family": "mobilenet_v2", "stages": [
    {"expansion": 6, "kernel": 4, "depth": 1, "channels": 16, "stride": 1}]})");
  EXPECT_TRUE(is_one_line_error(
      run_cli("zoo generate --arch " + dir_ + "/bad.json -o " + dir_ + "/x.onnx"),
      {dir_ + "/bad.json: stages[0].kernel: expected an odd integer in [1, 15], got 4"}));
  write_file(dir_ + "/vgg.json", R"({"family": "vgg"})");
  EXPECT_TRUE(is_one_line_error(
      run_cli("zoo generate --arch " + dir_ + "/vgg.json -o " + dir_ + "/x.onnx"),
      {"vgg.json: family: expected one of mobilenet_v2, resnet, transformer_encoder"}));
  write_file(dir_ + "/space.json", R"({"family": "mobilenet_v2", "input_size": 32,
    "width_mult": [1.0], "stages": [{"expansion": [3, 6], "kernel": 3, "depth": [0, 1],
    "channels": 16, "stride": 1}]})");
  EXPECT_TRUE(is_one_line_error(
      run_cli("zoo sample --space " + dir_ + "/space.json --n 2 --out " + dir_ + "/s"),
      {"space.json: stages[0].depth[0]: expected an integer in [1, 100], got 0"}));
  EXPECT_FALSE(fs::exists(dir_ + "/s"));
  EXPECT_TRUE(is_one_line_error(run_cli("zoo generate -o " + dir_ + "/x.onnx"),
                                {"give either the preset demo-cnn or --arch ARCH.json"}));
  EXPECT_TRUE(is_one_line_error(
      run_cli("zoo sample --space " + space_ + " --n 0 --out " + dir_ + "/s"), {"--n 0"}));
  EXPECT_TRUE(is_one_line_error(
      run_cli("zoo generate --arch " + arch("resnet18") + " --batch 0 -o " + dir_ + "/x.onnx"),
      {"--batch 0: must be at least 1"}));
  EXPECT_NE(run_cli("zoo generate demo-cnn --arch " + arch("resnet18") + " -o x.onnx").exit_code,
            0);
}

}  // namespace
}  // namespace onnxbench
