// onnxbench transform --pass simplify end to end: the report per rewrite kind, the result verified
// on ONNX Runtime against the original, and the one-line refusal of a model with nothing to
// simplify.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "support/raw_export_model.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::run_cli;

TEST(TransformSimplifyCli, ReportsEachRewriteAndVerifies) {
  const std::string dir = testing::scratch_dir();
  const CliResult r = run_cli("transform " + testing::write_raw_export_model(dir) +
                              " --pass simplify -o " + dir + "/out.onnx --verify");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* line :
       {"simplify\n", "  Constant nodes -> initializers: 2\n", "  removed Identity: 1\n",
        "  Clip with bound inputs -> Relu/Max/Min: 1\n", "wrote "})
    EXPECT_NE(r.output.find(line), std::string::npos) << line << "\n" << r.output;
  EXPECT_TRUE(fs::exists(dir + "/out.onnx"));
}

TEST(TransformSimplifyCli, RefusesAModelWithNothingToSimplify) {
  const std::string dir = testing::scratch_dir();
  ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + dir + "/demo.onnx").exit_code, 0);
  EXPECT_TRUE(testing::is_one_line_error(
      run_cli("transform " + dir + "/demo.onnx --pass simplify -o " + dir + "/out.onnx"),
      {"demo.onnx: simplify: nothing to simplify"}));
  EXPECT_FALSE(fs::exists(dir + "/out.onnx"));
}

// Issue 22 item 1: OpenCV cannot import a raw export, so bench simplifies it in a temporary copy,
// says so in one note and in the record, and leaves the user's file as it was.
TEST(TransformSimplifyCli, BenchOnOpenCvSimplifiesARawExportInACopy) {
  const std::string dir = testing::scratch_dir();
  const std::string model = testing::write_raw_export_model(dir);
  const std::string before = read_file(model);
  const CliResult r =
      run_cli("bench " + model + " --engine opencv -r 3 --json " + dir + "/bench.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("note: " + model + ": simplified for opencv in a temporary copy"),
            std::string::npos)
      << r.output;
  const auto record = nlohmann::json::parse(read_file(dir + "/bench.json"));
  EXPECT_NE(record["model"]["prepared"].get<std::string>().find("removed Identity: 1"),
            std::string::npos)
      << record["model"].dump();
  EXPECT_EQ(record["model"]["path"], model);
  EXPECT_EQ(read_file(model), before);
}

// Every command that loads a model into OpenCV prepares it the same way, with the same note.
TEST(TransformSimplifyCli, EveryCommandOnOpenCvSimplifiesARawExport) {
  const std::string dir = testing::scratch_dir();
  const std::string model = testing::write_raw_export_model(dir);
  write_file(dir + "/space.json", R"({"max_func_eval": 2, "objective": "maximize_inf_rate",
      "params": {"instances": {"min": 1, "max": 2}}, "static_params": {"threads": 1}})");
  const std::string note = "note: " + model + ": simplified for opencv in a temporary copy";
  for (const std::string& command :
       {"run " + model + " --engine opencv -o " + dir + "/out",
        "profile " + model + " --engine opencv -r 3",
        "tune " + model + " --engine opencv --spec " + dir + "/space.json --trial-duration 0.1 " +
            "--trials " + dir + "/t.jsonl --lut " + dir + "/lut.csv",
        "compare " + model + " " + model + " --engine opencv --inputs random:2 --json " + dir +
            "/compare.json"}) {
    const CliResult r = run_cli(command);
    ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.output;
    EXPECT_NE(r.output.find(note), std::string::npos) << command << "\n" << r.output;
  }
  const auto compared = nlohmann::json::parse(read_file(dir + "/compare.json"));
  EXPECT_NE(compared["candidate"].value("prepared", "").find("removed Identity: 1"),
            std::string::npos)
      << compared["candidate"].dump();
}

TEST(TransformSimplifyCli, BenchOnOnnxRuntimeLoadsTheModelAsItIs) {
  const std::string dir = testing::scratch_dir();
  const CliResult r = run_cli("bench " + testing::write_raw_export_model(dir) + " -r 3 --json " +
                              dir + "/bench.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("simplified"), std::string::npos) << r.output;
  EXPECT_FALSE(nlohmann::json::parse(read_file(dir + "/bench.json"))["model"].contains("prepared"));
}

}  // namespace
}  // namespace onnxbench
