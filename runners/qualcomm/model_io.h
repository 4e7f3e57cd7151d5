// The ONNX model's inputs and outputs as declared, so that the tools' .raw files can be written in
// and read back to the model's own shapes and layout.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace onnxbench::qualcomm_runner {

struct DeclaredValue {
  std::string name;
  std::vector<std::string> dims;  // a number, or the symbol's name ("batch"; "?" when unnamed)
};

struct ModelIo {
  std::string path, sha256;
  std::vector<DeclaredValue> inputs, outputs;
};

// Throws InputError (the loader's message) when the model cannot be read.
ModelIo read_model_io(const std::string& path);

// The concrete shapes of the given input tensors by their symbols ("batch" -> 4).
std::map<std::string, std::int64_t> symbol_sizes(const ModelIo& io,
                                                 const std::map<std::string, Shape>& input_shapes);
// An output's shape with its symbols filled in; a dimension still unknown takes what is left of
// `element_count` (at most one may be unknown; InputError otherwise).
Shape output_shape(const DeclaredValue& output, const std::map<std::string, std::int64_t>& symbols,
                   std::int64_t element_count);

}  // namespace onnxbench::qualcomm_runner
