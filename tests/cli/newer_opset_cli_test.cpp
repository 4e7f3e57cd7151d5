// Models of opsets 18, 19 and 21 (IR 8, 9 and 10), newer than Debian's ONNX library knows, through
// every command: the loader notes what it could not check, the engine runs them, and where
// static shape inference cannot run the shapes come from one ONNX Runtime run.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/npy.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "support/newer_opset_models.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::kNewerOpsets;
using testing::run_cli;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The output without the loader's and shape notes: what the command itself printed.
std::string without_notes(const std::string& output) {
  std::istringstream in(output);
  std::string line, kept;
  while (std::getline(in, line))
    if (line.rfind("onnxbench: note: ", 0) != 0) kept += line + "\n";
  return kept;
}

class NewerOpsetCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    for (const auto& v : kNewerOpsets) {
      const std::string path = dir_ + "/opset" + std::to_string(v.opset) + ".onnx";
      model::save_model(testing::newer_opset_model(v), path);
      models_.push_back(path);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  std::vector<std::string> models_;
};

TEST_F(NewerOpsetCli, InspectTakesShapesAndMacsFromAnEngineRun) {
  for (const auto& m : models_) {
    SCOPED_TRACE(m);
    const CliResult r = run_cli("inspect " + m + " --json - --per-node");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "is newer than the ONNX library onnxbench is built with knows"))
        << r.output;
    EXPECT_TRUE(contains(r.output, "come from a run on onnxruntime with inputs x [1,3,16,16]"))
        << r.output;
    const auto j = nlohmann::json::parse(without_notes(r.output));
    EXPECT_TRUE(j["macs"]["unknown_nodes"].empty()) << j.dump(1);
    EXPECT_TRUE(j["macs"]["symbolic_dims_as_one"].get<bool>());
    std::map<std::string, nlohmann::json> nodes;
    for (const auto& n : j["nodes"]) nodes[n["name"].get<std::string>()] = n;
    // Opset-13 inference of ReduceMean would reduce every axis (its axes are an attribute there)
    // and leave the Gemm's MACs unknown.
    EXPECT_EQ(nodes["mean"]["output_shape"], nlohmann::json::parse(R"(["N",4])"));
    EXPECT_EQ(nodes["split"]["output_shape"], nlohmann::json::parse(R"(["N",4,16,16])"));
    EXPECT_EQ(nodes["conv"]["macs"], 8 * 16 * 16 * 27);
    EXPECT_EQ(nodes["fc"]["macs"], 4 * 5);
    EXPECT_TRUE(contains(j["shapes_from"].get<std::string>(), "onnxruntime"));
  }
}

TEST_F(NewerOpsetCli, RunBenchAndProfileOnOnnxRuntime) {
  for (const auto& m : models_) {
    SCOPED_TRACE(m);
    const std::string out = dir_ + "/out";
    const CliResult run = run_cli("run " + m + " --engine onnxruntime --batch 2 -o " + out);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(read_npy(out + "/y.npy").shape, (Shape{2, 5}));
    fs::remove_all(out);
    const CliResult bench =
        run_cli("bench " + m + " --engine onnxruntime --warmup 2 --iterations 20");
    ASSERT_EQ(bench.exit_code, 0) << bench.output;
    EXPECT_TRUE(contains(bench.output, "p50")) << bench.output;
    const CliResult profile = run_cli("profile " + m + " --engine onnxruntime --iterations 3");
    ASSERT_EQ(profile.exit_code, 0) << profile.output;
    EXPECT_TRUE(contains(profile.output, "Conv")) << profile.output;
  }
}

TEST_F(NewerOpsetCli, OpenCvRunsThemOrSaysWhyInOneLine) {
  for (const auto& m : models_) {
    SCOPED_TRACE(m);
    const CliResult r = run_cli("run " + m + " --engine opencv -o " + dir_ + "/cv");
    const std::string said = without_notes(r.output);
    if (r.exit_code == 0) {
      EXPECT_EQ(read_npy(dir_ + "/cv/y.npy").shape, (Shape{1, 5})) << r.output;
    } else {
      EXPECT_EQ(r.exit_code, 1) << r.output;
      EXPECT_EQ(said.rfind("onnxbench: error: ", 0), 0u) << r.output;
      EXPECT_EQ(std::count(said.begin(), said.end(), '\n'), 1) << r.output;
      EXPECT_TRUE(contains(said, m)) << r.output;
    }
    fs::remove_all(dir_ + "/cv");
  }
}

TEST_F(NewerOpsetCli, TransformRunsShapePassesAndVerifies) {
  for (const auto& m : models_) {
    SCOPED_TRACE(m);
    const std::string out = dir_ + "/t.onnx";
    const CliResult r = run_cli("transform " + m +
                                " --pass set-batch=2,div-to-mul,fuse-affine-into-conv,expose=all"
                                " -o " +
                                out + " --verify");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "y [2,5]: ")) << r.output;
    const auto t = model::load_model(out).proto;
    std::map<std::string, std::string> outputs;
    for (const auto& v : t.graph().output())
      outputs[v.name()] = model::dims_to_string(*model::dims_of_type(v.type()));
    EXPECT_EQ(outputs["m"], "[2,4]");
    EXPECT_EQ(outputs["s1"], "[2,4,16,16]");
    EXPECT_EQ(t.graph().node(0).op_type(), "Conv") << "the scaling folded into the Conv";
    fs::remove(out);
  }
}

TEST_F(NewerOpsetCli, QuantizeAndCompareTensorByTensor) {
  for (const auto& m : models_) {
    SCOPED_TRACE(m);
    const std::string q = dir_ + "/q.onnx";
    const CliResult quantize = run_cli("quantize " + m + " --calib random:4 -o " + q);
    ASSERT_EQ(quantize.exit_code, 0) << quantize.output;
    EXPECT_TRUE(contains(quantize.output, "quantized nodes: 3"))
        << quantize.output;  // Conv, Add, Gemm
    const CliResult compare =
        run_cli("compare " + m + " " + q + " --worst 0 --json " + dir_ + "/c.json");
    ASSERT_EQ(compare.exit_code, 0) << compare.output;
    std::ifstream in(dir_ + "/c.json");
    const auto j = nlohmann::json::parse(in);
    std::set<std::string> compared;
    for (const auto& t : j["tensors"]) compared.insert(t["tensor"].get<std::string>());
    for (const char* name : {"xs", "s0", "a", "m", "y"})
      EXPECT_TRUE(compared.count(name)) << name << j.dump(1);
    fs::remove(q);
  }
}

}  // namespace
}  // namespace onnxbench
