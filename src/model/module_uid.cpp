#include "model/module_uid.h"

#include <onnx/shape_inference/implementation.h>

#include <algorithm>
#include <vector>

#include "model/dims.h"

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

std::map<std::string, std::string> module_uids(const onnx::ModelProto& model) {
  onnx::ModelProto inferred = model;
  try {
    onnx::shape_inference::InferShapes(inferred);
  } catch (const std::exception&) {
    // Unknown shapes print as "?"; the UID stays usable.
  }
  std::map<std::string, std::string> shapes;  // value name -> "[1,3,64,64]"
  const auto& g = inferred.graph();
  auto note = [&](const onnx::ValueInfoProto& v) {
    if (auto d = dims_of_type(v.type())) shapes[v.name()] = dims_to_string(*d);
  };
  for (const auto& v : g.input()) note(v);
  for (const auto& v : g.value_info()) note(v);
  for (const auto& v : g.output()) note(v);
  for (const auto& init : g.initializer()) {
    std::string s = "[";
    for (int i = 0; i < init.dims_size(); ++i) s += (i ? "," : "") + std::to_string(init.dims(i));
    shapes[init.name()] = s + "]";
  }
  std::map<std::string, std::string> uids;
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
    if (!node.name().empty()) uids[node.name()] = uid;
    if (node.output_size() > 0) uids.emplace(node.output(0), uid);
  }
  return uids;
}

}  // namespace onnxbench::model
