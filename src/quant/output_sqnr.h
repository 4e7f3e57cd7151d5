// The output SQNR of candidate models against a float model, measured on an engine over fixed
// samples: the float model's outputs are computed once, each candidate's on demand.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "data/sample_set.h"
#include "engines/engine.h"

namespace onnxbench::quant {

class OutputSqnrOnEngine {
 public:
  // Prepares the samples (against `inputs`, the float model's graph inputs) and runs the float
  // model on `engine` once.
  OutputSqnrOnEngine(const onnx::ModelProto& float_model, const std::vector<InputSpec>& inputs,
                     const CalibrationSet& samples, Engine& engine);

  // SQNR in dB of every float graph output together, over all samples.
  double operator()(const onnx::ModelProto& candidate);

 private:
  std::map<std::string, Tensor> run(const onnx::ModelProto& model, std::size_t sample);

  Engine& engine_;
  std::vector<InputFiles> samples_;
  std::vector<std::map<std::string, Tensor>> reference_;
};

}  // namespace onnxbench::quant
