#pragma once

#include "bench/plan.h"
#include "graph/loader.h"

namespace onnxbench {

// The graph inputs a caller feeds (initializers excluded), for input preparation. `name` (the model
// file) starts messages. Throws InputError for an input that is not a tensor of known rank.
std::vector<InputSpec> input_specs(const onnx::ModelProto& model, const std::string& name);

// The graph inputs (initializers excluded) and outputs of a loaded model, for input preparation.
// Throws InputError for an input that is not a tensor of known rank.
ModelUnderTest model_under_test(const model::LoadedModel& loaded);

}  // namespace onnxbench
