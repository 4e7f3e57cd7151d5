#include "quant/output_sqnr.h"

#include <filesystem>

#include "core/tensor_compare.h"
#include "quant/engine_runs.h"

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
  if (sample == 0) load_into(engine_, model, "candidate.onnx");
  return float_outputs(engine_, samples_[sample]);
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
