// Calibration runs: the model, with every intermediate tensor exposed as an output, runs on an
// engine over the calibration samples, and each float tensor's values go into its histogram.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>
#include <map>
#include <string>

#include "data/sample_set.h"
#include "engines/engine.h"
#include "quant/histogram.h"

namespace onnxbench::quant {

// Called after each sample: how many have run, of how many (calibration and comparison alike).
using CalibrationProgress = std::function<void(std::size_t done, std::size_t total)>;

// Histograms of every float32 graph input and node output. `inputs` are the model's graph inputs
// as bench describes them. Engine failures travel as EngineError; a sample that does not fit the
// model as InputError naming its file.
TensorHistograms collect_histograms(const onnx::ModelProto& model,
                                    const std::vector<InputSpec>& inputs, const CalibrationSet& set,
                                    Engine& engine, const CalibrationProgress& progress = {});

}  // namespace onnxbench::quant
