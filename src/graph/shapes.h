// Shapes of a graph's values, after ONNX shape inference: the one place that runs inference and
// gathers what it found, for inspection, MACs and module UIDs alike.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "graph/dims.h"

namespace onnxbench::model {

// Runs ONNX shape inference on `model` in place, with data propagation (so shape subgraphs
// resolve). Returns "" on success, else the first line of inference's error; whatever it inferred
// before failing stays in the model. A model whose IR or opset this build of ONNX does not know is
// left as it is (its older schemas would infer wrong shapes): what it states, or what an engine run
// wrote into its value_info (bench/engine_shapes.h), is all there is; that is said in the result.
std::string infer_shapes(onnx::ModelProto& model);

// Every value whose shape the graph states: inputs, value_info, outputs, initializers, and the
// outputs of Constant nodes.
std::unordered_map<std::string, Dims> value_shapes(const onnx::GraphProto& graph);

// The graph inputs a caller must feed: those that are not initializers.
std::vector<const onnx::ValueInfoProto*> fed_inputs(const onnx::GraphProto& graph);

}  // namespace onnxbench::model
