#include "quant/collect.h"

#include <filesystem>

#include "core/npy.h"
#include "quant/engine_runs.h"

namespace onnxbench::quant {

TensorHistograms collect_histograms(const onnx::ModelProto& model,
                                    const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                                    Engine& engine, const CalibrationProgress& progress) {
  load_into(engine, with_every_tensor_exposed(model), "calibration_model.onnx");
  const std::string dir = engine.work_dir();

  TensorHistograms histograms;
  auto add = [&](const std::string& name, const Tensor& t) {
    if (t.dtype != DType::kFloat32) return;
    histograms.try_emplace(name).first->second.add(t.as<float>(), t.element_count());
  };
  const std::string sample_dir = dir + "/sample";
  for (std::size_t i = 0; i < set.samples.size(); ++i) {
    std::filesystem::create_directories(sample_dir);
    const PreparedInputs prepared = prepare_inputs(inputs, set.samples[i], sample_dir);
    for (const auto& [name, file] : prepared.files) add(name, read_npy(file));
    for (const auto& [name, tensor] : float_outputs(engine, prepared.files)) add(name, tensor);
    std::filesystem::remove_all(sample_dir);
    if (progress) progress(i + 1, set.samples.size());
  }
  return histograms;
}

}  // namespace onnxbench::quant
