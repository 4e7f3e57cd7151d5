// The ONNX Runtime runner's hello, load and request errors (what runners/onnxruntime's Node.js
// tests covered, and the knobs added with the C++ runner).
#include <set>

#include "engines/subprocess.h"
#include "ort_runner.h"
#include "support/model_test_util.h"

namespace onnxbench::testing {
namespace {

using OrtRunnerProtocol = OrtRunnerTest;

TEST_F(OrtRunnerProtocol, HelloNamesTheEngineItsKnobsAndCapabilities) {
  OrtRunner runner;
  const json hello = runner.request("hello");
  EXPECT_EQ(hello["protocol"], 2);
  EXPECT_EQ(hello["engine"], "onnxruntime");
  EXPECT_EQ(hello["engine_version"], "1.30.0");  // onnxruntime-node's, pinned in package-lock
  std::vector<std::string> names;
  for (const auto& k : hello["knobs"]) {
    names.push_back(k["name"]);
    EXPECT_FALSE(k["help"].get<std::string>().empty()) << k["name"];
    const std::string type = k["type"];
    if (type == "int") {
      EXPECT_TRUE(k.contains("min") && k.contains("max")) << k["name"];
    }
    if (type == "enum") {
      EXPECT_FALSE(k["values"].empty()) << k["name"];
    }
    if (type == "string" || type == "path") {
      EXPECT_TRUE(k.contains("format")) << k["name"];
    }
  }
  EXPECT_EQ(names, (std::vector<std::string>{"intra_op_threads", "inter_op_threads",
                                             "execution_mode", "graph_optimization_level",
                                             "enable_cpu_mem_arena", "enable_mem_pattern",
                                             "allow_spinning", "deterministic_compute",
                                             "free_dimension_overrides", "optimized_model"}));
  EXPECT_EQ(hello["knobs"][0]["max"], 256);
  const json& caps = hello["capabilities"];
  EXPECT_TRUE(caps["profile"]);
  const auto dtypes = caps["input_dtypes"].get<std::set<std::string>>();
  for (const char* t : {"float32", "float16", "bfloat16", "float64", "int8", "uint8", "int16",
                        "uint16", "int32", "uint32", "int64", "uint64", "bool"})
    EXPECT_TRUE(dtypes.count(t)) << t;
  EXPECT_EQ(caps["stages"], json({"queue", "run"}));
}

TEST_F(OrtRunnerProtocol, QuitAndClosedStdinBothExitWithStatusZero) {
  const std::string relu =
      model_file(unary_model("Relu", DType::kFloat32, {3}, DType::kFloat32), "relu.onnx");
  for (const bool quit : {true, false}) {
    Subprocess runner({{ort_runner_path()}, "", {}});
    runner.write_line(R"({"id":1,"op":"load","model":")" + relu + R"("})");
    std::string line;
    ASSERT_EQ(runner.read_line(line, std::chrono::seconds(60), 0), Subprocess::ReadStatus::kLine);
    EXPECT_TRUE(contains(line, R"("ok":true)")) << line;
    if (quit) {
      runner.write_line(R"({"id":2,"op":"quit"})");
      ASSERT_EQ(runner.read_line(line, std::chrono::seconds(60), 0), Subprocess::ReadStatus::kLine);
      EXPECT_EQ(json::parse(line), json::parse(R"({"id":2,"ok":true})"));
    }
    runner.finish(std::chrono::seconds(60));
    EXPECT_EQ(runner.exit_code(), 0) << runner.exit_description();
  }
}

TEST_F(OrtRunnerProtocol, LoadErrorsNameTheFileTheNodeOrTheKnob) {
  const std::string relu =
      model_file(unary_model("Relu", DType::kFloat32, {3}, DType::kFloat32), "relu.onnx");
  OrtRunner runner;
  const json missing = runner.error_of("load", {{"model", dir + "/missing.onnx"}});
  EXPECT_EQ(missing["kind"], "io");
  EXPECT_TRUE(contains(missing["message"], "missing.onnx: cannot read: no such file"));

  const std::string garbage = dir + "/garbage.onnx";
  write_npy(garbage, Tensor(DType::kFloat32, {2}));  // not a model
  const json not_onnx = runner.error_of("load", {{"model", garbage}});
  EXPECT_EQ(not_onnx["kind"], "model");
  EXPECT_TRUE(contains(not_onnx["message"], "Protobuf parsing failed"));

  model::ModelBuilder b(17);
  b.input("x", DType::kFloat32, {3})
      .node("Rxlu", {"x"}, {"y"}, {}, "bad_node")
      .output("y", DType::kFloat32, {3});
  const json rejected = runner.error_of("load", {{"model", model_file(b.build(), "rxlu.onnx")}});
  EXPECT_EQ(rejected["kind"], "model");
  EXPECT_EQ(rejected["node"], "bad_node");
  EXPECT_TRUE(contains(rejected["message"], "Rxlu"));
  EXPECT_FALSE(contains(rejected["message"], "\n"));

  const auto knob_error = [&](json options) {
    return runner.error_of("load", {{"model", relu}, {"options", std::move(options)}});
  };
  EXPECT_EQ(knob_error({{"threads", 1}})["kind"], "unsupported");
  EXPECT_TRUE(contains(knob_error({{"threads", 1}})["message"], "no knob 'threads'"));
  EXPECT_EQ(knob_error({{"intra_op_threads", 257}})["kind"], "unsupported");
  EXPECT_EQ(knob_error({{"intra_op_threads", "2"}})["kind"], "bad_request");
  EXPECT_EQ(knob_error({{"execution_mode", "fast"}})["kind"], "unsupported");
  EXPECT_EQ(knob_error({{"allow_spinning", 1}})["kind"], "bad_request");
  EXPECT_EQ(knob_error({{"free_dimension_overrides", "N"}})["kind"], "bad_request");
  EXPECT_EQ(knob_error({{"free_dimension_overrides", "N=0"}})["kind"], "bad_request");
  EXPECT_EQ(knob_error({{"optimized_model", "relative.onnx"}})["kind"], "bad_request");
  EXPECT_EQ(runner.error_of("load", {{"model", relu}, {"instances", 0}})["kind"], "bad_request");
}

TEST_F(OrtRunnerProtocol, BadRequestLinesGetBadRequestWithTheirIdWhenThereIsOne) {
  Subprocess runner({{ort_runner_path()}, "", {}});
  const auto reply_to = [&](const std::string& line) {
    runner.write_line(line);
    std::string reply;
    EXPECT_EQ(runner.read_line(reply, std::chrono::seconds(60), 0), Subprocess::ReadStatus::kLine);
    return json::parse(reply);
  };
  const json not_json = reply_to("{nope");
  EXPECT_TRUE(not_json["id"].is_null());
  EXPECT_EQ(not_json["error"]["kind"], "bad_request");
  EXPECT_EQ(reply_to("[1]")["error"]["kind"], "bad_request");
  EXPECT_TRUE(contains(reply_to(R"({"op":"hello"})")["error"]["message"], "'id'"));
  const json unknown = reply_to(R"({"id":7,"op":"dance"})");
  EXPECT_EQ(unknown["id"], 7);
  EXPECT_EQ(unknown["error"]["kind"], "bad_request");
  const json unloaded =
      reply_to(R"({"id":8,"op":"infer","inputs":{},"output_dir":"/nonexistent"})");
  EXPECT_TRUE(contains(unloaded["error"]["message"], "send 'load' first"));
  runner.finish(std::chrono::seconds(60));
  EXPECT_EQ(runner.exit_code(), 0) << runner.exit_description();
}

}  // namespace
}  // namespace onnxbench::testing
