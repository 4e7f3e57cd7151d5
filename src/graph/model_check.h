// Whether a model is valid ONNX: the checker and strict shape inference, one line of why not.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace onnxbench::model {

// "" when ONNX's checker accepts the model and strict shape inference (every node's shapes
// inferable, no conflict with the shapes the model states) succeeds; else what failed, one line.
std::string model_problem(const onnx::ModelProto& model);

}  // namespace onnxbench::model
