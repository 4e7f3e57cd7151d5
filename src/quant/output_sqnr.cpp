#include "quant/output_sqnr.h"

#include <filesystem>

#include "core/npy.h"
#include "model/builder.h"
#include "quant/tensor_compare.h"

namespace onnxbench::quant {

OutputSqnrOnEngine::OutputSqnrOnEngine(const onnx::ModelProto& float_model,
                                       const std::vector<InputSpec>& inputs,
                                       const CalibrationSet& samples, Engine& engine)
    : engine_(engine) {
  for (std::size_t i = 0; i < samples.samples.size(); ++i) {
    const std::string dir = engine.work_dir() + "/eval_" + std::to_string(i);
    std::filesystem::create_directories(dir);
    samples_.push_back(prepare_inputs(inputs, samples.samples[i], dir).files);
  }
  for (std::size_t i = 0; i < samples_.size(); ++i) reference_.push_back(run(float_model, i));
}

std::map<std::string, Tensor> OutputSqnrOnEngine::run(const onnx::ModelProto& model,
                                                      std::size_t sample) {
  if (sample == 0) {
    const std::string path =
        engine_.work_dir() + "/candidate_" + std::to_string(loads_++) + ".onnx";
    model::save_model(model, path);
    engine_.load(path, 1, nlohmann::json::object());
    std::filesystem::remove(path);
  }
  std::map<std::string, Tensor> out;
  for (const auto& f : engine_.infer(samples_[sample], engine_.work_dir() + "/outputs")) {
    Tensor t = read_npy(f.path);
    std::filesystem::remove(f.path);
    if (t.dtype == DType::kFloat32) out.emplace(f.name, std::move(t));
  }
  return out;
}

double OutputSqnrOnEngine::operator()(const onnx::ModelProto& candidate) {
  TensorAgreement agreement;
  for (std::size_t i = 0; i < samples_.size(); ++i) {
    const auto outputs = run(candidate, i);
    for (const auto& [name, reference] : reference_[i])
      if (const auto it = outputs.find(name); it != outputs.end())
        agreement.add(reference, it->second);
  }
  return agreement.sqnr_db();
}

}  // namespace onnxbench::quant
