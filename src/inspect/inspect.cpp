#include "inspect/inspect.h"

#include <unordered_map>

#include "graph/loader.h"
#include "graph/shapes.h"
#include "inspect/macs.h"

namespace onnxbench::model {
namespace {

ValueInfo value_info(const onnx::ValueInfoProto& v) {
  ValueInfo out;
  out.name = v.name();
  if (v.type().has_tensor_type()) out.dtype = onnx_type_name(v.type().tensor_type().elem_type());
  out.shape = dims_of_type(v.type());
  return out;
}

std::uint64_t tensor_elements(const onnx::TensorProto& t) {
  std::uint64_t n = 1;
  for (auto d : t.dims()) n *= static_cast<std::uint64_t>(std::max<std::int64_t>(d, 0));
  return n;
}

std::uint64_t tensor_bytes(const onnx::TensorProto& t) {
  if (t.data_type() == onnx::TensorProto_DataType_STRING) {
    std::uint64_t bytes = 0;
    for (const auto& s : t.string_data()) bytes += s.size();
    return bytes;
  }
  return tensor_elements(t) * onnx_type_size(t.data_type());
}

}  // namespace

ModelSummary inspect_model(const onnx::ModelProto& original) {
  ModelSummary s;
  s.producer = original.producer_name();
  if (!original.producer_version().empty())
    s.producer += (s.producer.empty() ? "" : " ") + original.producer_version();
  s.ir_version = original.ir_version();
  for (const auto& op : original.opset_import())
    s.opsets.emplace_back(op.domain() == "ai.onnx" ? "" : op.domain(), op.version());

  onnx::ModelProto m = original;
  if (onnx_library_knows(m))
    s.shape_inference_error = infer_shapes(m);
  else
    s.shapes_from = "the model's value_info (this build of ONNX cannot infer its IR or opset)";
  const onnx::GraphProto& g = m.graph();

  const std::unordered_map<std::string, Dims> shapes = value_shapes(g);
  for (const auto& t : g.initializer()) {
    s.parameter_count += tensor_elements(t);
    s.parameter_bytes += tensor_bytes(t);
  }
  for (const auto* v : fed_inputs(g)) s.inputs.push_back(value_info(*v));
  for (const auto& v : g.output()) s.outputs.push_back(value_info(v));

  const ShapeLookup shape_of = [&](const std::string& name) -> std::optional<Dims> {
    const auto it = shapes.find(name);
    if (it == shapes.end()) return std::nullopt;
    return it->second;
  };
  s.node_count = static_cast<std::size_t>(g.node_size());
  for (int i = 0; i < g.node_size(); ++i) {
    const auto& n = g.node(i);
    ++s.op_histogram[n.op_type()];
    NodeSummary ns;
    ns.name = n.name().empty() ? n.op_type() + "_" + std::to_string(i) : n.name();
    ns.op_type = n.op_type();
    ns.domain = n.domain();
    ns.outputs.assign(n.output().begin(), n.output().end());
    if (n.output_size() > 0) ns.output_shape = shape_of(n.output(0));
    const NodeMacs macs = node_macs(n, shape_of);
    ns.macs = macs.macs;
    ns.macs_note = macs.reason;
    if (macs.macs) {
      s.total_macs += *macs.macs;
      if (macs.symbolic && *macs.macs > 0) s.symbolic_dims_as_one = true;
    } else {
      s.unknown_macs_nodes.push_back(ns.name);
    }
    s.nodes.push_back(std::move(ns));
  }
  return s;
}

nlohmann::json dims_to_json(const std::optional<Dims>& dims) {
  if (!dims) return nullptr;
  nlohmann::json out = nlohmann::json::array();
  for (const Dim& d : *dims) {
    if (d.known())
      out.push_back(d.value);
    else if (!d.symbol.empty())
      out.push_back(d.symbol);
    else
      out.push_back(nullptr);
  }
  return out;
}

nlohmann::json summary_to_json(const ModelSummary& s, bool per_node) {
  using nlohmann::json;
  auto values = [](const std::vector<ValueInfo>& vs) {
    json out = json::array();
    for (const auto& v : vs)
      out.push_back({{"name", v.name}, {"dtype", v.dtype}, {"shape", dims_to_json(v.shape)}});
    return out;
  };
  json opsets = json::object();
  for (const auto& [domain, version] : s.opsets)
    opsets[domain.empty() ? "ai.onnx" : domain] = version;
  json j;
  j["producer"] = s.producer;
  j["ir_version"] = s.ir_version;
  j["opsets"] = opsets;
  j["inputs"] = values(s.inputs);
  j["outputs"] = values(s.outputs);
  j["op_histogram"] = s.op_histogram;
  j["node_count"] = s.node_count;
  j["parameters"] = {{"count", s.parameter_count}, {"bytes", s.parameter_bytes}};
  j["macs"] = {{"total", s.total_macs},
               {"total_text", macs_to_string(s.total_macs)},
               {"symbolic_dims_as_one", s.symbolic_dims_as_one},
               {"unknown_nodes", s.unknown_macs_nodes}};
  j["shape_inference_error"] =
      s.shape_inference_error.empty() ? json(nullptr) : json(s.shape_inference_error);
  j["shapes_from"] = s.shapes_from.empty() ? json(nullptr) : json(s.shapes_from);
  if (per_node) {
    json nodes = json::array();
    for (const auto& n : s.nodes) {
      json node = {{"name", n.name},
                   {"op", n.op_type},
                   {"output_shape", dims_to_json(n.output_shape)},
                   {"macs", n.macs ? json(*n.macs) : json(nullptr)}};
      if (!n.domain.empty()) node["domain"] = n.domain;
      if (!n.macs) node["macs_note"] = n.macs_note;
      nodes.push_back(std::move(node));
    }
    j["nodes"] = std::move(nodes);
  }
  return j;
}

}  // namespace onnxbench::model
