// Visiting every tensor a model holds: initializers, sparse initializers, Constant and other
// attribute tensors, subgraphs, training graphs and functions.
#pragma once

#include <onnx/onnx_pb.h>

#include <functional>

namespace onnxbench::model {

using TensorVisitor = std::function<void(onnx::TensorProto&)>;

void visit_model_tensors(onnx::ModelProto& model, const TensorVisitor& visit);

}  // namespace onnxbench::model
