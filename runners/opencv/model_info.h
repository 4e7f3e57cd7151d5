// What the runner needs to know about the ONNX graph that OpenCV does not tell: the names of the
// graph inputs and outputs, declared shapes, and which node produces each tensor.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace onnxbench::runner::opencv {

struct NodeInfo {
  std::string name, op_type;  // name may be empty: ONNX does not require node names
  std::vector<std::string> outputs;
};

struct ModelInfo {
  std::string path;
  std::vector<std::string> inputs;   // graph inputs that are not initializers, in graph order
  std::vector<std::string> outputs;  // graph outputs, in graph order
  std::vector<NodeInfo> nodes;
  std::map<std::string, std::size_t> producer;   // tensor name -> index into nodes
  std::map<std::string, Shape> declared_shapes;  // static shapes of inputs, outputs, value_info

  bool is_input(const std::string& name) const;
  bool is_output(const std::string& name) const;
  const NodeInfo* node_producing(const std::string& tensor) const;
  const NodeInfo* node_named(const std::string& name) const;
  std::optional<Shape> declared_shape(const std::string& tensor) const;
};

// Throws RunnerError (io when unreadable, model when not an ONNX model).
ModelInfo read_model_info(const std::string& path);

// The model's bytes with `extra` tensors appended to the graph outputs, so that OpenCV registers
// an output layer under each of those exact names. Throws RunnerError.
std::string model_with_outputs(const std::string& path, const std::vector<std::string>& extra);

}  // namespace onnxbench::runner::opencv
