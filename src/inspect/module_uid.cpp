#include "inspect/module_uid.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "graph/dims.h"
#include "graph/shapes.h"

namespace onnxbench::model {
namespace {

template <typename List>
std::string list_text(const List& values) {
  std::string s = "[";
  for (int i = 0; i < values.size(); ++i) s += (i ? "," : "") + std::to_string(values.Get(i));
  return s + "]";
}

std::string attribute_text(const onnx::AttributeProto& a) {
  switch (a.type()) {
    case onnx::AttributeProto::INT:
      return std::to_string(a.i());
    case onnx::AttributeProto::FLOAT:
      return std::to_string(a.f());
    case onnx::AttributeProto::STRING:
      return a.s();
    case onnx::AttributeProto::INTS:
      return list_text(a.ints());
    case onnx::AttributeProto::FLOATS:
      return list_text(a.floats());
    default:
      return "<" + std::to_string(a.type()) + ">";  // tensors, graphs: only their kind
  }
}

}  // namespace

ModuleUidIndex::ModuleUidIndex(const onnx::ModelProto& model,
                               const std::map<std::string, std::vector<std::int64_t>>& input_shapes)
    : graph_(model.graph()) {
  onnx::ModelProto inferred = model;
  for (auto& input : *inferred.mutable_graph()->mutable_input())
    if (auto it = input_shapes.find(input.name()); it != input_shapes.end())
      dims_to_proto(Dims(it->second.begin(), it->second.end()),
                    input.mutable_type()->mutable_tensor_type()->mutable_shape());
  infer_shapes(inferred);  // what it cannot infer prints as "?": the UID stays usable
  const auto& g = inferred.graph();
  std::unordered_map<std::string, std::string> shapes;  // value name -> "[1,3,64,64]"
  for (const auto& [name, dims] : value_shapes(g)) shapes[name] = dims_to_string(dims);
  for (const auto& node : g.node()) {
    std::vector<std::string> attrs;
    for (const auto& a : node.attribute()) attrs.push_back(a.name() + "=" + attribute_text(a));
    std::sort(attrs.begin(), attrs.end());
    std::string uid = node.op_type() + "[";
    for (std::size_t i = 0; i < attrs.size(); ++i) uid += (i ? "," : "") + attrs[i];
    uid += "][";
    for (int i = 0; i < node.input_size(); ++i) {
      const auto it = shapes.find(node.input(i));
      uid += (i ? "," : "") + (it != shapes.end() ? it->second : std::string("?"));
    }
    uid += "]";
    const std::size_t index = nodes_.size();
    nodes_.push_back({node.op_type(), uid, node.input_size() ? node.input(0) : "",
                      node.name().empty() && node.output_size() ? node.output(0) : node.name()});
    if (!node.name().empty()) by_name_[node.name()] = index;
    if (node.output_size() > 0) by_name_.emplace(node.output(0), index);
  }
}

std::vector<std::size_t> ModuleUidIndex::resolve(const std::string& layer_name,
                                                 const std::string& op_type) const {
  constexpr std::string_view kLayoutSuffix = "_nchwc";
  std::string name = layer_name;
  if (name.size() > kLayoutSuffix.size() && name.ends_with(kLayoutSuffix))
    name.resize(name.size() - kLayoutSuffix.size());
  const std::string op = op_type.starts_with("Fused") ? op_type.substr(5) : op_type;
  auto it = by_name_.find(name);
  // OpenCV names the layers it adds for a node "<node>/<part>" ("flatten/flatten").
  if (const auto slash = name.rfind('/'); it == by_name_.end() && slash != std::string::npos)
    it = by_name_.find(name.substr(0, slash));
  if (it == by_name_.end()) return {};
  std::vector<std::size_t> chain;
  constexpr int kMaxSteps = 3;  // Conv -> BatchNormalization -> Relu is the longest usual fusion
  for (std::size_t at = it->second, step = 0; step <= kMaxSteps; ++step) {
    chain.push_back(at);
    if (nodes_[at].op_type == op) return chain;
    const int producer = graph_.producer(nodes_[at].first_input);
    if (producer < 0) return {};
    at = static_cast<std::size_t>(producer);
  }
  return {};
}

std::string ModuleUidIndex::uid_for(const std::string& layer_name,
                                    const std::string& op_type) const {
  const auto chain = resolve(layer_name, op_type);
  return chain.empty() ? "" : nodes_[chain.back()].uid;
}

std::vector<std::string> ModuleUidIndex::nodes_for(const std::string& layer_name,
                                                   const std::string& op_type) const {
  const auto chain = resolve(layer_name, op_type);
  std::vector<std::string> names;
  for (auto i = chain.rbegin(); i != chain.rend(); ++i) names.push_back(nodes_[*i].name);
  return names;
}

}  // namespace onnxbench::model
