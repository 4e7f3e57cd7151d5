#include "quant/collect.h"

#include <filesystem>

#include "core/npy.h"
#include "model/builder.h"
#include "model/passes.h"

namespace onnxbench::quant {

TensorHistograms collect_histograms(const onnx::ModelProto& model,
                                    const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                                    Engine& engine, const CalibrationProgress& progress) {
  onnx::ModelProto exposed = model;
  model::expose_pass({"all"})->run(exposed);
  const std::string dir = engine.work_dir();
  const std::string path = dir + "/calibration_model.onnx";
  model::save_model(exposed, path);
  engine.load(path, 1, nlohmann::json::object());

  TensorHistograms histograms;
  auto add = [&](const std::string& name, const Tensor& t) {
    if (t.dtype != DType::kFloat32) return;
    histograms.try_emplace(name).first->second.add(t.as<float>(), t.element_count());
  };
  const std::string sample_dir = dir + "/sample";
  const std::string output_dir = dir + "/outputs";
  for (std::size_t i = 0; i < set.samples.size(); ++i) {
    std::filesystem::create_directories(sample_dir);
    const PreparedInputs prepared = prepare_inputs(inputs, set.samples[i], sample_dir);
    for (const auto& [name, file] : prepared.files) add(name, read_npy(file));
    for (const auto& out : engine.infer(prepared.files, output_dir)) {
      add(out.name, read_npy(out.path));
      std::filesystem::remove(out.path);
    }
    std::filesystem::remove_all(sample_dir);
    if (progress) progress(i + 1, set.samples.size());
  }
  return histograms;
}

}  // namespace onnxbench::quant
