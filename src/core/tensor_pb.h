// ONNX TensorProto files (.pb), as ONNX's own test data stores inputs and expected outputs.
#pragma once

#include <string>

#include "core/tensor.h"

namespace onnxbench {

struct NamedTensor {
  std::string name;  // TensorProto.name; may be empty
  Tensor tensor;
};

// Reads raw_data and the typed fields (float_data, int32_data, ...). Throws InputError naming the
// file and the field when the file is not a TensorProto onnxbench can read.
NamedTensor read_tensor_pb(const std::string& path);
// The same, on bytes in memory (the name is only used in error messages).
NamedTensor parse_tensor_pb(const std::string& bytes, const std::string& name);
// Writes raw_data, little-endian.
void write_tensor_pb(const std::string& path, const Tensor& tensor, const std::string& name = "");

}  // namespace onnxbench
