// The ONNX Runtime runner (runners/onnxruntime) driven through the protocol, as onnxbench drives
// it, for its own tests: models built with ModelBuilder, tensors as .npy files in a scratch folder.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/npy.h"
#include "engines/runner_client.h"
#include "graph/builder.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

using nlohmann::json;

inline std::string ort_runner_path() {
  return build_dir() + "/runners/onnxruntime/onnxbench-runner-onnxruntime";
}

class OrtRunner {
 public:
  explicit OrtRunner(const std::string& cwd = "")
      : client_("onnxruntime", {{ort_runner_path()}, cwd, {}}, RunnerLimits{}) {}

  json request(const std::string& op, json args = json::object(),
               const RunnerClient::EventHandler& on_event = {}) {
    return client_.request(op, std::move(args), on_event);
  }
  // The engine's error for a request that must fail: {kind, message, node}.
  json error_of(const std::string& op, json args) {
    try {
      client_.request(op, std::move(args));
    } catch (const EngineError& e) {
      return {{"kind", e.kind()}, {"message", e.what()}, {"node", e.node()}};
    }
    ADD_FAILURE() << op << " did not fail";
    return json::object();
  }
  void load(const std::string& model, json options = json::object(), int instances = 1) {
    request("load", {{"model", model}, {"instances", instances}, {"options", std::move(options)}});
  }
  RunnerClient& client() { return client_; }

 private:
  RunnerClient client_;
};

// A test with a scratch folder of its own for models and tensors.
class OrtRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override { dir = scratch_dir(); }
  void TearDown() override { remove_scratch_dir(); }
  std::string model_file(const onnx::ModelProto& model, const std::string& name) {
    model::save_model(model, dir + "/" + name);
    return dir + "/" + name;
  }
  std::string npy_file(const Tensor& tensor, const std::string& name) {
    write_npy(dir + "/" + name, tensor);
    return dir + "/" + name;
  }
  std::string dir;
};

// y = op(x) for one input and one output of the same dtype and shape.
inline onnx::ModelProto unary_model(const std::string& op, DType type, const model::Dims& shape,
                                    DType out_type, std::vector<onnx::AttributeProto> attrs = {}) {
  model::ModelBuilder b(17);
  b.input("x", type, shape).node(op, {"x"}, {"y"}, attrs, "the_" + op).output("y", out_type, shape);
  return b.build();
}

inline Tensor float_tensor(const Shape& shape, std::vector<float> values) {
  Tensor t(DType::kFloat32, shape);
  std::copy(values.begin(), values.end(), t.as<float>());
  return t;
}

}  // namespace onnxbench::testing
