// Helpers for the pass tests: a pass must keep every output of the model the same, checked by
// running the original and the rewritten model on ONNX Runtime with the same seeded inputs.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/npy.h"
#include "core/tensor.h"
#include "engines/engine.h"
#include "graph/builder.h"
#include "graph/model_check.h"
#include "graph/shapes.h"
#include "passes/pass.h"
#include "passes/transform.h"

namespace onnxbench::testing {

// The outputs of `model` on an engine, by name.
inline std::map<std::string, Tensor> run_on_engine(const std::string& engine_name,
                                                   const onnx::ModelProto& model,
                                                   const std::map<std::string, Tensor>& inputs) {
  Engine engine(engine_name, RunnerLimits{});
  const std::string path = engine.work_dir() + "/model.onnx";
  model::save_model(model, path);
  InputFiles files;
  for (const auto& [name, tensor] : inputs) {
    files[name] = engine.work_dir() + "/input_" + std::to_string(files.size()) + ".npy";
    write_npy(files[name], tensor);
  }
  engine.load(path, 1, nlohmann::json::object());
  std::map<std::string, Tensor> outputs;
  for (const auto& f : engine.infer(files, engine.work_dir() + "/outputs"))
    outputs[f.name] = read_npy(f.path);
  return outputs;
}

inline std::map<std::string, Tensor> run_on_onnxruntime(
    const onnx::ModelProto& model, const std::map<std::string, Tensor>& inputs) {
  return run_on_engine("onnxruntime", model, inputs);
}

// Seeded random float32 inputs of the given shapes.
inline std::map<std::string, Tensor> random_inputs(const std::map<std::string, Shape>& shapes,
                                                   std::uint64_t seed = 11) {
  std::map<std::string, Tensor> inputs;
  for (const auto& [name, shape] : shapes)
    inputs[name] = random_tensor(DType::kFloat32, shape, seed++);
  return inputs;
}

// Every output of `before` is in `after`, float32, of the same shape, and within `tolerance`.
inline void expect_outputs_agree(const std::map<std::string, Tensor>& before,
                                 const std::map<std::string, Tensor>& after, float tolerance) {
  for (const auto& [name, a] : before) {
    ASSERT_TRUE(after.count(name)) << "output " << name << " is missing";
    const Tensor& b = after.at(name);
    ASSERT_EQ(a.dtype, DType::kFloat32) << name;
    ASSERT_EQ(b.dtype, DType::kFloat32) << name;
    ASSERT_EQ(a.shape, b.shape) << name;
    for (std::int64_t i = 0; i < a.element_count(); ++i)
      ASSERT_NEAR(a.as<float>()[i], b.as<float>()[i], tolerance) << name << " element " << i;
  }
}

struct PassOutcome {
  onnx::ModelProto model;
  model::PassReport report;
  std::map<std::string, Tensor> outputs;  // of the rewritten model
};

// Runs `pass` on a copy of `model`, expects the result to pass the ONNX checker and shape
// inference, and every original output on ONNX Runtime to agree within `tolerance`.
inline PassOutcome expect_equivalent(const onnx::ModelProto& model, const model::Pass& pass,
                                     const std::map<std::string, Tensor>& inputs,
                                     float tolerance = 1e-5f) {
  EXPECT_EQ(model::model_problem(model), "") << "the test's own model";
  PassOutcome outcome{model, {}, {}};
  outcome.report = pass.run(outcome.model);
  EXPECT_EQ(model::model_problem(outcome.model), "") << pass.name();
  outcome.outputs = run_on_onnxruntime(outcome.model, inputs);
  expect_outputs_agree(run_on_onnxruntime(model, inputs), outcome.outputs, tolerance);
  return outcome;
}

// Ops of the top-level graph, in order.
inline std::vector<std::string> op_types(const onnx::ModelProto& model) {
  std::vector<std::string> ops;
  for (const auto& n : model.graph().node()) ops.push_back(n.op_type());
  return ops;
}

// The shape shape inference gives `name`, as "[2,4,8,8]".
inline std::string inferred_shape(const onnx::ModelProto& model, const std::string& name) {
  onnx::ModelProto copy = model;
  model::infer_shapes(copy);
  const auto shapes = model::value_shapes(copy.graph());
  const auto it = shapes.find(name);
  return it == shapes.end() ? "unknown" : model::dims_to_string(it->second);
}

}  // namespace onnxbench::testing
