// The input tensors of a run: seeded random ones, or the user's files (.npy, ONNX TensorProto
// .pb, or a folder of them as ONNX's test data sets are laid out), checked against the model's
// inputs and written as .npy into the engine's work folder.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "engines/engine.h"
#include "graph/dims.h"

namespace onnxbench {

struct InputSpec {
  std::string name;
  std::string dtype;  // core's name: "float32", ...
  model::Dims dims;
};

struct InputRequest {
  long long batch = 0;                    // sets a symbolic first dimension; 0 = not given
  std::map<std::string, long long> dims;  // values for other symbolic dimensions, by symbol
  std::vector<std::string> files;         // "FILE", "NAME=FILE" or a folder
  std::uint64_t seed = 1;
};

struct PreparedInputs {
  InputFiles files;  // input name -> .npy in the work folder
  std::map<std::string, Shape> shapes;
  long long batch = 1;      // the first dimension of the first input
  std::string description;  // "random (seed 1)" or the files
};

// The shape a random input gets: batch for a symbolic first dimension, request.dims for other
// symbols. Throws InputError naming the input and dimension that has no value.
Shape concrete_shape(const InputSpec& spec, const InputRequest& request);

// Throws InputError naming the file, the input and what was expected on a mismatch.
PreparedInputs prepare_inputs(const std::vector<InputSpec>& specs, const InputRequest& request,
                              const std::string& work_dir);

}  // namespace onnxbench
