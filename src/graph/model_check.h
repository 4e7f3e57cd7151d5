// Whether a model is valid ONNX: the checker and strict shape inference, one line of why not.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace onnxbench::model {

// "" when ONNX's checker accepts the model and strict shape inference (every node's shapes
// inferable, no conflict with the shapes the model states) succeeds; else what failed, one line.
// For an IR or opset this build of ONNX does not know, only the structural checks
// (structure_checks.h) apply: the engine decides the rest.
std::string model_problem(const onnx::ModelProto& model);

}  // namespace onnxbench::model
