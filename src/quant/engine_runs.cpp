#include "quant/engine_runs.h"

#include <filesystem>

#include "bench/engine_preparation.h"
#include "core/npy.h"
#include "core/tensor_values.h"
#include "graph/builder.h"
#include "passes/passes.h"

namespace onnxbench::quant {

onnx::ModelProto with_every_tensor_exposed(const onnx::ModelProto& model) {
  onnx::ModelProto exposed = model;
  model::expose_pass({"all"})->run(exposed);
  return exposed;
}

void load_into(Engine& engine, const onnx::ModelProto& model, const std::string& file_name) {
  const std::string path = engine.work_dir() + "/" + file_name;
  model::save_model(model, path);
  ModelUnderTest under_test;
  under_test.path = path;
  load_into_engine(engine, under_test, 1, nlohmann::json::object());
  std::filesystem::remove(path);
}

std::map<std::string, Tensor> float_outputs(Engine& engine, const InputFiles& inputs,
                                            std::optional<std::int64_t> split) {
  std::map<std::string, Tensor> out;
  // The output files stay, rewritten in place by the next call.
  for (const auto& f : engine.infer(inputs, engine.work_dir() + "/outputs", {}, split)) {
    Tensor t = read_npy(f.path);
    if (is_float_dtype(t.dtype)) out.emplace(f.name, std::move(t));
  }
  return out;
}

}  // namespace onnxbench::quant
