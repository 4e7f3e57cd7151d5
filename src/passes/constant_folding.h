// Evaluating a node whose inputs are all constants: the small set of default-domain ops that
// shape subgraphs and weight preprocessing use (Identity, Cast, Reshape, Flatten, Squeeze,
// Unsqueeze, Transpose, Concat, Gather, Slice, Add, Sub, Mul, Div, ConstantOfShape, Range, Equal,
// Where, Expand). Shape needs no input value, only a static shape, so the simplify pass
// evaluates it itself.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "graph/constant_tensor.h"

namespace onnxbench::model {

// Whether fold_node evaluates this op (of the default domain) at all.
bool foldable_op(const onnx::NodeProto& node);

// The outputs of `node` from its inputs (nullptr for an optional input left out) under the
// default-domain `opset`; nullopt when the node uses an attribute, input type or form this
// evaluator does not handle (it is then left in the graph).
std::optional<std::vector<ConstantTensor>> fold_node(
    const onnx::NodeProto& node, const std::vector<const ConstantTensor*>& inputs,
    std::int64_t opset);

}  // namespace onnxbench::model
