// What a model is: inputs, outputs, ops, parameters and MACs per node (after shape inference).
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "graph/dims.h"

namespace onnxbench::model {

struct ValueInfo {
  std::string name;
  std::string dtype;          // "float32", ... (see onnx_type_name); "" when not a tensor
  std::optional<Dims> shape;  // nullopt when the rank is unknown
};

struct NodeSummary {
  std::string name;  // the node's name, or "<op>_<index>" when it has none
  std::string op_type;
  std::string domain;
  std::vector<std::string> outputs;
  std::optional<Dims> output_shape;   // of the first output
  std::optional<std::uint64_t> macs;  // nullopt: unknown (see macs_note)
  std::string macs_note;              // why the MACs are unknown
};

struct ModelSummary {
  std::string producer;  // "pytorch 1.13.1"
  std::int64_t ir_version = 0;
  std::vector<std::pair<std::string, std::int64_t>> opsets;  // domain ("" default) -> version
  std::vector<ValueInfo> inputs;  // graph inputs that are not initializers
  std::vector<ValueInfo> outputs;
  std::map<std::string, int> op_histogram;  // op type -> node count
  std::size_t node_count = 0;
  std::uint64_t parameter_count = 0;  // elements of all initializers
  std::uint64_t parameter_bytes = 0;
  std::vector<NodeSummary> nodes;               // top-level graph, in graph order
  std::uint64_t total_macs = 0;                 // sum over nodes whose MACs are known
  bool symbolic_dims_as_one = false;            // some MACs counted a symbolic dimension as 1
  std::vector<std::string> unknown_macs_nodes;  // names of nodes with unknown MACs
  std::string shape_inference_error;            // "" when shape inference ran cleanly
  // Where the shapes come from: "" for ONNX shape inference; else what the caller says (an engine
  // run, bench/engine_shapes.h) or, for a model this build of ONNX cannot infer, its value_info.
  std::string shapes_from;
};

// Runs ONNX shape inference on a copy of the model and summarises it. Never throws for a model
// that load_model accepted; shape-inference failures are reported in shape_inference_error. A
// model whose IR or opset this build of ONNX does not know is summarised from the shapes its
// value_info states (shapes_from says so).
ModelSummary inspect_model(const onnx::ModelProto& model);

// {"producer", "ir_version", "opsets": {"ai.onnx": 13}, "inputs": [{"name", "dtype", "shape":
// ["batch", 3, 224, 224]}], "outputs", "op_histogram", "node_count", "parameters": {"count",
// "bytes"}, "macs": {"total", "total_text", "symbolic_dims_as_one", "unknown_nodes": [...]},
// "shape_inference_error", "shapes_from" (null for ONNX shape inference), and with per_node
// "nodes": [{"name", "op", "output_shape", "macs"}]}. Unknown dimensions and unknown MACs are null.
nlohmann::json summary_to_json(const ModelSummary& summary, bool per_node);
nlohmann::json dims_to_json(const std::optional<Dims>& dims);

}  // namespace onnxbench::model
