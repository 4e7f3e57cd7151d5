// The rewrites the simplify pass is made of, each on the top-level graph, each adding what it
// changed to the report (rewrite kind -> count) and returning how many changes it made.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "graph/dims.h"
#include "passes/pass.h"

namespace onnxbench::model {

// What shape inference found for the graph's values: shapes and element types.
struct ValueFacts {
  std::unordered_map<std::string, Dims> shapes;
  std::unordered_map<std::string, int> elem_types;

  // The shape of `name` when every dimension is a number.
  std::optional<std::vector<std::int64_t>> static_shape(const std::string& name) const;
  int elem_type(const std::string& name) const;  // 0 when unknown
};

// Runs shape inference on a copy of `model` and gathers what it found.
ValueFacts infer_value_facts(const onnx::ModelProto& model);

// Constant nodes -> initializers (those whose output is a graph output stay).
int constants_to_initializers(onnx::ModelProto& model, PassReport& report);

// Nodes whose inputs are all constants (constant_folding.h), and Shape of a value with a static
// shape, become initializers. Nodes producing a graph output stay, and Identity is left to
// remove_no_ops, which shares the value instead of copying it.
int fold_constants(onnx::ModelProto& model, const ValueFacts& facts, PassReport& report);

// Nodes that pass their input through unchanged are removed: Identity, Dropout at inference, Cast
// to the type the input has, Reshape/Flatten/Squeeze/Unsqueeze that keep a static shape,
// Transpose with the identity permutation.
int remove_no_ops(onnx::ModelProto& model, const ValueFacts& facts, PassReport& report);

// Clip whose bounds are constant float scalars given as inputs, which OpenCV 4.6 cannot read,
// becomes Relu (lower bound 0), Max and Min with the same outputs (simplify_clip.cpp).
int rewrite_clip_bounds(onnx::ModelProto& model, PassReport& report);

// Slice axes counted from the end become counted from the front (the input's rank known), as
// OpenCV 4.6 reads only those (simplify_slice_axes.cpp).
int make_slice_axes_non_negative(onnx::ModelProto& model, const ValueFacts& facts,
                                 PassReport& report);

// Removes the nodes whose flag is set, keeping the order of the others.
void erase_nodes(onnx::GraphProto& graph, const std::vector<bool>& remove);

// Nodes none of whose outputs is read (by a node, a subgraph or as a graph output).
int remove_dead_nodes(onnx::ModelProto& model, PassReport& report);

// Initializers nothing reads, and value_info of values that no longer exist. Only those of
// `reported` (the model's own, not what folding made on the way) are counted in the report.
int remove_unused_initializers(onnx::ModelProto& model, PassReport& report,
                               const std::unordered_set<std::string>& reported);

}  // namespace onnxbench::model
