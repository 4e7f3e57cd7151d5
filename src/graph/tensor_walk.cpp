#include "graph/tensor_walk.h"

namespace onnxbench::model {
namespace {

void visit_graph_tensors(onnx::GraphProto& g, const TensorVisitor& visit);

void visit_attribute_tensors(onnx::AttributeProto& a, const TensorVisitor& visit) {
  if (a.has_t()) visit(*a.mutable_t());
  for (auto& t : *a.mutable_tensors()) visit(t);
  if (a.has_sparse_tensor()) {
    visit(*a.mutable_sparse_tensor()->mutable_values());
    visit(*a.mutable_sparse_tensor()->mutable_indices());
  }
  for (auto& s : *a.mutable_sparse_tensors()) {
    visit(*s.mutable_values());
    visit(*s.mutable_indices());
  }
  if (a.has_g()) visit_graph_tensors(*a.mutable_g(), visit);
  for (auto& g : *a.mutable_graphs()) visit_graph_tensors(g, visit);
}

void visit_graph_tensors(onnx::GraphProto& g, const TensorVisitor& visit) {
  for (auto& t : *g.mutable_initializer()) visit(t);
  for (auto& s : *g.mutable_sparse_initializer()) {
    visit(*s.mutable_values());
    visit(*s.mutable_indices());
  }
  for (auto& n : *g.mutable_node())
    for (auto& a : *n.mutable_attribute()) visit_attribute_tensors(a, visit);
}

}  // namespace

void visit_model_tensors(onnx::ModelProto& m, const TensorVisitor& visit) {
  if (m.has_graph()) visit_graph_tensors(*m.mutable_graph(), visit);
  for (auto& ti : *m.mutable_training_info()) {
    if (ti.has_initialization()) visit_graph_tensors(*ti.mutable_initialization(), visit);
    if (ti.has_algorithm()) visit_graph_tensors(*ti.mutable_algorithm(), visit);
  }
  for (auto& f : *m.mutable_functions())
    for (auto& n : *f.mutable_node())
      for (auto& a : *n.mutable_attribute()) visit_attribute_tensors(a, visit);
}

}  // namespace onnxbench::model
