#include "graph/editing.h"

#include <algorithm>

#include "graph/constant_tensor.h"
#include "graph/graph_index.h"

namespace onnxbench::model {
namespace {

void collect_names(const onnx::GraphProto& g, std::unordered_set<std::string>& names) {
  for (const auto& v : g.input()) names.insert(v.name());
  for (const auto& v : g.output()) names.insert(v.name());
  for (const auto& v : g.value_info()) names.insert(v.name());
  for (const auto& t : g.initializer()) names.insert(t.name());
  for (const auto& n : g.node()) {
    names.insert(n.name());
    names.insert(n.input().begin(), n.input().end());
    names.insert(n.output().begin(), n.output().end());
    for_each_subgraph(n, [&](const onnx::GraphProto& sub) { collect_names(sub, names); });
  }
}

bool is_constant_node(const onnx::NodeProto& n) {
  return n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx") &&
         n.output_size() == 1;
}

}  // namespace

std::string node_label(const onnx::NodeProto& node, int index) {
  return node.name().empty() ? node.op_type() + "_" + std::to_string(index) : node.name();
}

std::string some_names(const std::vector<std::string>& names, std::size_t shown) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < shown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > shown) text += " and " + std::to_string(names.size() - shown) + " more";
  return text;
}

NameSet::NameSet(const onnx::GraphProto& graph) { collect_names(graph, used_); }

std::string NameSet::fresh(const std::string& base) {
  std::string name = base;
  for (int i = 2; used_.count(name); ++i) name = base + "_" + std::to_string(i);
  used_.insert(name);
  return name;
}

const onnx::TensorProto* constant_value(const onnx::ModelProto& model, const std::string& name) {
  const auto& g = model.graph();
  for (const auto& t : g.initializer()) {
    if (t.name() != name) continue;
    const bool overridable =
        model.ir_version() >= 4 && std::any_of(g.input().begin(), g.input().end(),
                                               [&](const auto& v) { return v.name() == name; });
    return overridable ? nullptr : &t;
  }
  for (const auto& n : g.node())
    if (is_constant_node(n) && n.output(0) == name)
      if (const auto* value = find_attribute(n, "value"); value && value->has_t())
        return &value->t();
  return nullptr;
}

void add_initializer(onnx::ModelProto& model, const onnx::TensorProto& tensor) {
  auto* g = model.mutable_graph();
  *g->add_initializer() = tensor;
  if (model.ir_version() >= 4) return;
  auto* input = g->add_input();
  input->set_name(tensor.name());
  auto* type = input->mutable_type()->mutable_tensor_type();
  type->set_elem_type(tensor.data_type());
  auto* shape = type->mutable_shape();
  for (auto d : tensor.dims()) shape->add_dim()->set_dim_value(d);
}

int remove_unread_constants(onnx::ModelProto& model, const std::set<std::string>& names) {
  std::unordered_set<std::string> read;
  collect_reads(model.graph(), read);
  auto unread = [&](const std::string& name) { return names.count(name) && !read.count(name); };
  auto* g = model.mutable_graph();
  const int before = g->initializer_size() + g->node_size();
  auto* inits = g->mutable_initializer();
  inits->erase(
      std::remove_if(inits->begin(), inits->end(), [&](const auto& t) { return unread(t.name()); }),
      inits->end());
  auto* inputs = g->mutable_input();
  inputs->erase(
      std::remove_if(inputs->begin(), inputs->end(),
                     [&](const auto& v) { return model.ir_version() < 4 && unread(v.name()); }),
      inputs->end());
  auto* nodes = g->mutable_node();
  nodes->erase(
      std::remove_if(nodes->begin(), nodes->end(),
                     [&](const auto& n) { return is_constant_node(n) && unread(n.output(0)); }),
      nodes->end());
  return before - g->initializer_size() - g->node_size();
}

std::optional<std::vector<double>> float_values(const onnx::TensorProto& t) {
  auto constant = from_proto(t);
  if (!constant || !constant->is_real()) return std::nullopt;
  return std::move(constant->reals);
}

onnx::TensorProto float_tensor(const std::string& name, int data_type,
                               const std::vector<std::int64_t>& dims,
                               const std::vector<double>& values) {
  ConstantTensor t;
  t.data_type = data_type;
  t.dims = dims;
  t.reals = values;
  return to_proto(t, name);
}

onnx::TensorProto int64_tensor(const std::string& name, const std::vector<std::int64_t>& values) {
  return to_proto(int64_constant({static_cast<std::int64_t>(values.size())}, values), name);
}

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& node, const std::string& name) {
  for (const auto& a : node.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

std::vector<std::int64_t> ints_attribute(const onnx::NodeProto& node, const std::string& name,
                                         std::vector<std::int64_t> fallback) {
  const auto* a = find_attribute(node, name);
  if (!a) return fallback;
  return {a->ints().begin(), a->ints().end()};
}

std::string string_attribute(const onnx::NodeProto& node, const std::string& name,
                             const std::string& fallback) {
  const auto* a = find_attribute(node, name);
  return a ? a->s() : fallback;
}

void set_attribute(onnx::NodeProto& node, const onnx::AttributeProto& attribute) {
  for (auto& a : *node.mutable_attribute())
    if (a.name() == attribute.name()) {
      a = attribute;
      return;
    }
  *node.add_attribute() = attribute;
}

void remove_attribute(onnx::NodeProto& node, const std::string& name) {
  auto* attrs = node.mutable_attribute();
  attrs->erase(
      std::remove_if(attrs->begin(), attrs->end(), [&](const auto& a) { return a.name() == name; }),
      attrs->end());
}

std::int64_t default_opset(const onnx::ModelProto& model) {
  for (const auto& op : model.opset_import())
    if (op.domain().empty() || op.domain() == "ai.onnx") return op.version();
  return 0;
}

}  // namespace onnxbench::model
