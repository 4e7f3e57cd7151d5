#include "model_info.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <set>

#include "common/protocol.h"
#include "core/error.h"
#include "core/file_io.h"

namespace onnxbench::runner::opencv {
namespace {

onnx::ModelProto parse_model(const std::string& path) {
  std::string bytes;
  try {
    bytes = read_file(path);
  } catch (const Error& e) {
    throw RunnerError("io", e.what());
  }
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    throw RunnerError("model",
                      path + ": over 2 GiB, which protobuf cannot parse as one ModelProto");
  onnx::ModelProto model;
  if (bytes.empty() || !model.ParseFromString(bytes) || !model.has_graph())
    throw RunnerError("model", path + ": not an ONNX model (protobuf ModelProto with a graph)");
  return model;
}

std::optional<Shape> static_shape(const onnx::ValueInfoProto& value) {
  if (!value.type().has_tensor_type() || !value.type().tensor_type().has_shape())
    return std::nullopt;
  Shape shape;
  for (const auto& dim : value.type().tensor_type().shape().dim()) {
    if (!dim.has_dim_value() || dim.dim_value() < 0) return std::nullopt;
    shape.push_back(dim.dim_value());
  }
  return shape;
}

}  // namespace

bool ModelInfo::is_input(const std::string& name) const {
  for (const auto& n : inputs)
    if (n == name) return true;
  return false;
}

bool ModelInfo::is_output(const std::string& name) const {
  for (const auto& n : outputs)
    if (n == name) return true;
  return false;
}

const NodeInfo* ModelInfo::node_producing(const std::string& tensor) const {
  const auto it = producer.find(tensor);
  return it == producer.end() ? nullptr : &nodes[it->second];
}

const NodeInfo* ModelInfo::node_named(const std::string& name) const {
  if (name.empty()) return nullptr;
  for (const auto& node : nodes)
    if (node.name == name) return &node;
  return nullptr;
}

std::optional<Shape> ModelInfo::declared_shape(const std::string& tensor) const {
  const auto it = declared_shapes.find(tensor);
  if (it == declared_shapes.end()) return std::nullopt;
  return it->second;
}

ModelInfo read_model_info(const std::string& path) {
  const onnx::ModelProto model = parse_model(path);
  const auto& graph = model.graph();
  ModelInfo info;
  info.path = path;
  std::set<std::string> initializers;
  for (const auto& init : graph.initializer()) initializers.insert(init.name());
  for (const auto& input : graph.input())
    if (!initializers.count(input.name())) info.inputs.push_back(input.name());
  for (const auto& output : graph.output()) info.outputs.push_back(output.name());
  for (const auto* values : {&graph.input(), &graph.output(), &graph.value_info()})
    for (const auto& value : *values)
      if (auto shape = static_shape(value)) info.declared_shapes.emplace(value.name(), *shape);
  for (const auto& node : graph.node()) {
    NodeInfo n{node.name(), node.op_type(), {node.output().begin(), node.output().end()}};
    for (const auto& out : n.outputs)
      if (!out.empty()) info.producer.emplace(out, info.nodes.size());
    info.nodes.push_back(std::move(n));
  }
  return info;
}

std::string model_with_outputs(const std::string& path, const std::vector<std::string>& extra) {
  onnx::ModelProto model = parse_model(path);
  auto* graph = model.mutable_graph();
  std::map<std::string, const onnx::ValueInfoProto*> known;
  for (const auto& value : graph->value_info()) known[value.name()] = &value;
  for (const auto& name : extra) {
    onnx::ValueInfoProto* out = graph->add_output();
    if (const auto it = known.find(name); it != known.end()) {
      *out = *it->second;
    } else {
      out->set_name(name);
      out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    }
    // OpenCV's importer requires every graph output to carry a shape, even an empty one.
    out->mutable_type()->mutable_tensor_type()->mutable_shape();
  }
  std::string bytes;
  if (!model.SerializeToString(&bytes))
    throw RunnerError("engine", path + ": cannot serialize the model with extra outputs");
  return bytes;
}

}  // namespace onnxbench::runner::opencv
