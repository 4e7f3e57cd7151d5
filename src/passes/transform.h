// Running a chain of passes on a model, with the model checked before the first pass and after
// each one.
#pragma once

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>
#include <vector>

#include "passes/pass.h"

namespace onnxbench::model {

// Runs the passes in order on `model`, in place, and returns their reports. `name` (the model
// file) starts every message. Throws InputError when the model fails model_problem() before the
// first pass or a pass cannot apply ("<name>: <pass>: <why>"); throws Error when a pass leaves a
// model that fails model_problem() (a bug in that pass).
std::vector<PassReport> run_passes(onnx::ModelProto& model,
                                   const std::vector<std::unique_ptr<Pass>>& passes,
                                   const std::string& name);

}  // namespace onnxbench::model
