// What the fp16 pass needs to know about ops and tensors: which node inputs and outputs may be
// float16 by the op's ONNX type constraints, and float32 tensors converted to float16.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <unordered_set>

namespace onnxbench::model {

// Whether input (or output) `index` of `node` may be a float16 tensor: the op's schema at the
// opset the model imports for its domain allows tensor(float16) there, and no 'dtype' attribute
// fixes an output's type. False for ops ONNX has no schema for.
bool accepts_half(const onnx::ModelProto& model, const onnx::NodeProto& node, int index,
                  bool input);

// Values computed from tensor shapes alone: outputs of Shape and Size, and of nodes whose inputs
// are such values or small constants (a Resize size computed in float from an input's size).
// Kept float32: float16 rounds integers above 2048.
std::unordered_set<std::string> shape_derived_values(const onnx::ModelProto& model);

// `tensor` (float32) as float16, same name and dims; values beyond float16's range (|x| > 65504)
// become +-65504, and `clamped` counts them.
onnx::TensorProto to_half(const onnx::TensorProto& tensor, int& clamped);

}  // namespace onnxbench::model
