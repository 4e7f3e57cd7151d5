// Structural checks of a model's graphs that need no operator schemas, so they run on every model,
// whatever opset it imports: every value defined once and before it is read (no cycles, no
// undefined inputs, no duplicate outputs), and every tensor's bytes matching its dims and type.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

namespace onnxbench::model {

// Throws InputError "<name>: <where>: <what>" for the first problem found.
void check_model_structure(const onnx::ModelProto& model, const std::string& name);

}  // namespace onnxbench::model
