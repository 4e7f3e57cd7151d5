// The knobs the C++ runner added (onnxruntime_perf_test's options), and the profiler's names.
#include <filesystem>
#include <map>
#include <set>

#include "ort_runner.h"
#include "support/model_test_util.h"

namespace onnxbench::testing {
namespace {

using OrtRunnerKnobs = OrtRunnerTest;

TEST_F(OrtRunnerKnobs, ThreadsAreReportedAsAskedOrAsOrtsDefault) {
  const std::string relu =
      model_file(unary_model("Relu", DType::kFloat32, {4}, DType::kFloat32), "relu.onnx");
  OrtRunner runner;
  EXPECT_EQ(
      runner.request("load", {{"model", relu}, {"options", {{"intra_op_threads", 3}}}})["threads"],
      3);
  EXPECT_GE(runner.request("load", {{"model", relu}})["threads"].get<int>(), 1);
}

// Every session option in one load, on a model with two independent branches (what parallel
// execution and inter-op threads are for): the run still gives the right values.
TEST_F(OrtRunnerKnobs, SessionOptionsAllApplyAndTheModelStillRuns) {
  model::ModelBuilder b(17);
  b.input("x", DType::kFloat32, {"N", 4})
      .node("Relu", {"x"}, {"r"})
      .node("Neg", {"x"}, {"n"})
      .node("Add", {"r", "n"}, {"y"})
      .output("y", DType::kFloat32);
  OrtRunner runner;
  runner.load(model_file(b.build(), "branches.onnx"), {{"intra_op_threads", 1},
                                                       {"inter_op_threads", 2},
                                                       {"execution_mode", "parallel"},
                                                       {"graph_optimization_level", "basic"},
                                                       {"enable_cpu_mem_arena", false},
                                                       {"enable_mem_pattern", false},
                                                       {"allow_spinning", false},
                                                       {"deterministic_compute", true},
                                                       {"free_dimension_overrides", "N=2"}});
  const json reply = runner.request(
      "infer",
      {{"inputs", {{"x", npy_file(float_tensor({2, 4}, {1, -1, 2, -2, 0, 3, -3, 4}), "x.npy")}}},
       {"output_dir", dir + "/out"}});
  EXPECT_EQ(reply["outputs"][0]["shape"], json({2, 4}));
  const Tensor y = read_npy(dir + "/out/y.npy");
  // relu(x) - x = max(-x, 0)
  EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + 8),
            (std::vector<float>{0, 1, 0, 2, 0, 0, 3, 0}));
}

// free_dimension_overrides fixes the symbol before optimization: the input's shape is then static.
TEST_F(OrtRunnerKnobs, FreeDimensionOverridesFixTheSymbol) {
  const std::string dyn =
      model_file(unary_model("Relu", DType::kFloat32, {"N", 4}, DType::kFloat32), "dyn.onnx");
  OrtRunner runner;
  runner.load(dyn, {{"free_dimension_overrides", "N=2"}});
  const json wrong = runner.error_of(
      "infer", {{"inputs", {{"x", npy_file(Tensor(DType::kFloat32, {3, 4}), "x3.npy")}}},
                {"output_dir", dir}});
  EXPECT_TRUE(contains(wrong["message"], "the model expects float32 [2,4]")) << wrong["message"];
  runner.load(dyn);
  runner.request("infer", {{"inputs", {{"x", dir + "/x3.npy"}}}, {"output_dir", dir + "/out"}});
}

TEST_F(OrtRunnerKnobs, OptimizedModelIsSavedOnceWhereAsked) {
  const std::string saved = dir + "/optimized.onnx";
  OrtRunner runner;
  runner.load(model_file(model::demo_cnn(1, false), "cnn.onnx"), {{"optimized_model", saved}}, 2);
  ASSERT_TRUE(std::filesystem::exists(saved));
  EXPECT_GT(std::filesystem::file_size(saved), 1000u);
  runner.load(saved);  // ONNX Runtime reads what it wrote
}

// With optimizations off, every layer is one of the model's nodes, under its name and op type;
// with them on, ONNX Runtime fuses each Conv with its Relu in its NCHWc layout: a Conv layer named
// after the Relu ("relu1_nchwc"), and it inserts layers of its own (ReorderOutput).
TEST_F(OrtRunnerKnobs, ProfileNamesTheModelsNodesOrTheFusedOnes) {
  const onnx::ModelProto cnn = model::demo_cnn(1, false);
  std::set<std::pair<std::string, std::string>> model_nodes;
  for (const auto& n : cnn.graph().node()) model_nodes.emplace(n.name(), n.op_type());
  const std::string path = model_file(cnn, "cnn.onnx");
  const json inputs = {
      {"input", npy_file(random_tensor(DType::kFloat32, {1, 3, 96, 96}, 3), "in.npy")}};
  OrtRunner runner(dir);  // the trace folder goes in the runner's working folder, and then away
  runner.load(path, {{"graph_optimization_level", "disabled"}, {"intra_op_threads", 1}});
  std::vector<long long> progress;
  const json plain = runner.request(
      "profile", {{"inputs", inputs}, {"warmup", 2}, {"iterations", 3}, {"progress_ms", 10}},
      [&](const json& e) { progress.push_back(e["done"]); });
  ASSERT_EQ(plain["total_us"].size(), 3u);
  ASSERT_EQ(plain["layers"].size(), model_nodes.size());
  for (const auto& l : plain["layers"]) {
    EXPECT_TRUE(model_nodes.count({l["name"], l["op_type"]})) << l["name"] << " " << l["op_type"];
    EXPECT_EQ(l["samples_us"].size(), 3u);
  }
  EXPECT_EQ(plain["layers"][0]["name"], cnn.graph().node(0).name());  // execution order
  for (std::size_t i = 1; i < progress.size(); ++i) EXPECT_GT(progress[i], progress[i - 1]);

  runner.load(path, {{"intra_op_threads", 1}});
  const json fused =
      runner.request("profile", {{"inputs", inputs}, {"warmup", 1}, {"iterations", 2}});
  std::map<std::string, std::string> op_of;
  for (const auto& [name, op] : model_nodes) op_of[name] = op;
  bool saw_fused_conv = false, saw_inserted = false;
  for (const auto& l : fused["layers"]) {
    std::string name = l["name"];
    if (name.ends_with("_nchwc")) name.resize(name.size() - 6);
    saw_fused_conv |= l["op_type"] == "Conv" && op_of.count(name) && op_of[name] == "Relu";
    saw_inserted |= !op_of.count(name);
  }
  EXPECT_TRUE(saw_fused_conv) << fused["layers"].dump();
  EXPECT_TRUE(saw_inserted) << fused["layers"].dump();
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().starts_with("ort-profile")) left.push_back(e.path());
  EXPECT_TRUE(left.empty());
}

}  // namespace
}  // namespace onnxbench::testing
