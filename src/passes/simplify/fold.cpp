// simplify: Constant nodes to initializers, and constant folding (shape subgraphs, weight
// preprocessing) with the values in the graph.
#include <algorithm>
#include <map>
#include <unordered_set>

#include "graph/editing.h"
#include "graph/shapes.h"
#include "passes/constant_folding.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {
namespace {

bool in_default_domain(const onnx::NodeProto& n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

std::unordered_set<std::string> graph_output_names(const onnx::GraphProto& g) {
  std::unordered_set<std::string> names;
  for (const auto& v : g.output()) names.insert(v.name());
  return names;
}

// The tensor a Constant node holds, from whichever value attribute it has; nullopt for sparse
// and string values.
std::optional<onnx::TensorProto> constant_node_tensor(const onnx::NodeProto& n) {
  if (n.attribute_size() != 1) return std::nullopt;
  const auto& a = n.attribute(0);
  onnx::TensorProto t;
  if (a.name() == "value") {
    t = a.t();
  } else if (a.name() == "value_float") {
    t = to_proto(ConstantTensor{onnx::TensorProto_DataType_FLOAT, {}, {a.f()}, {}}, "");
  } else if (a.name() == "value_floats") {
    const std::vector<double> v(a.floats().begin(), a.floats().end());
    t = to_proto(
        ConstantTensor{
            onnx::TensorProto_DataType_FLOAT, {static_cast<std::int64_t>(v.size())}, v, {}},
        "");
  } else if (a.name() == "value_int") {
    t = to_proto(int64_constant({}, {a.i()}), "");
  } else if (a.name() == "value_ints") {
    t = to_proto(int64_constant({a.ints_size()}, {a.ints().begin(), a.ints().end()}), "");
  } else {
    return std::nullopt;
  }
  t.set_name(n.output(0));
  return t;
}

// Values known at load time: initializers no caller can override, and what folding adds.
class KnownValues {
 public:
  explicit KnownValues(const onnx::ModelProto& model) : model_(model) {}

  // nullptr when `name` is not a constant or not of a foldable type.
  const ConstantTensor* find(const std::string& name) {
    if (const auto it = values_.find(name); it != values_.end()) return &it->second;
    const onnx::TensorProto* proto = constant_value(model_, name);
    if (!proto) return nullptr;
    auto value = from_proto(*proto);
    if (!value) return nullptr;
    return &values_.emplace(name, std::move(*value)).first->second;
  }
  void add(const std::string& name, ConstantTensor value) {
    values_.insert_or_assign(name, std::move(value));
  }

 private:
  const onnx::ModelProto& model_;
  std::map<std::string, ConstantTensor> values_;
};

// Shape (and its start/end attributes, opset 15) of a value with a static shape.
std::optional<ConstantTensor> static_shape_value(const onnx::NodeProto& n,
                                                 const ValueFacts& facts) {
  const auto shape = facts.static_shape(n.input(0));
  if (!shape) return std::nullopt;
  const auto rank = static_cast<std::int64_t>(shape->size());
  auto bound = [&](const char* name, std::int64_t fallback) {
    const auto* a = find_attribute(n, name);
    std::int64_t v = a ? a->i() : fallback;
    if (v < 0) v += rank;
    return std::clamp<std::int64_t>(v, 0, rank);
  };
  const std::int64_t start = bound("start", 0), end = std::max(start, bound("end", rank));
  std::vector<std::int64_t> dims(shape->begin() + start, shape->begin() + end);
  return int64_constant({static_cast<std::int64_t>(dims.size())}, dims);
}

std::optional<std::vector<ConstantTensor>> evaluate(const onnx::NodeProto& n,
                                                    const ValueFacts& facts, KnownValues& known,
                                                    std::int64_t opset) {
  // An Identity of a constant would copy its value; remove_no_ops lets its readers share it.
  if (!in_default_domain(n) || n.op_type() == "Identity") return std::nullopt;
  if (n.op_type() == "Shape" && n.input_size() == 1) {
    auto value = static_shape_value(n, facts);
    if (!value) return std::nullopt;
    return std::vector<ConstantTensor>{std::move(*value)};
  }
  if (!foldable_op(n)) return std::nullopt;
  std::vector<const ConstantTensor*> inputs;
  for (const auto& name : n.input()) {
    if (name.empty()) {
      inputs.push_back(nullptr);
      continue;
    }
    const ConstantTensor* value = known.find(name);
    if (!value) return std::nullopt;
    inputs.push_back(value);
  }
  auto outputs = fold_node(n, inputs, opset);
  if (!outputs || static_cast<int>(outputs->size()) != n.output_size()) return std::nullopt;
  return outputs;
}

}  // namespace

int constants_to_initializers(onnx::ModelProto& model, PassReport& report) {
  const auto outputs = graph_output_names(model.graph());
  std::vector<onnx::TensorProto> tensors;
  auto* nodes = model.mutable_graph()->mutable_node();
  nodes->erase(std::remove_if(nodes->begin(), nodes->end(),
                              [&](const onnx::NodeProto& n) {
                                if (n.op_type() != "Constant" || !in_default_domain(n) ||
                                    n.output_size() != 1 || outputs.count(n.output(0)))
                                  return false;
                                auto t = constant_node_tensor(n);
                                if (t) tensors.push_back(std::move(*t));
                                return t.has_value();
                              }),
               nodes->end());
  for (const auto& t : tensors) add_initializer(model, t);
  if (!tensors.empty())
    report.add("Constant nodes -> initializers", static_cast<int>(tensors.size()));
  return static_cast<int>(tensors.size());
}

int fold_constants(onnx::ModelProto& model, const ValueFacts& facts, PassReport& report) {
  const auto outputs = graph_output_names(model.graph());
  const std::int64_t opset = default_opset(model);
  KnownValues known(model);
  std::vector<onnx::TensorProto> folded;
  std::vector<bool> remove(model.graph().node_size(), false);
  int count = 0;
  for (int i = 0; i < model.graph().node_size(); ++i) {
    const auto& n = model.graph().node(i);
    if (std::any_of(n.output().begin(), n.output().end(),
                    [&](const auto& o) { return o.empty() || outputs.count(o); }))
      continue;
    auto values = evaluate(n, facts, known, opset);
    if (!values) continue;
    for (int k = 0; k < n.output_size(); ++k) {
      folded.push_back(to_proto((*values)[k], n.output(k)));
      known.add(n.output(k), std::move((*values)[k]));
    }
    remove[i] = true;
    report.add("folded " + n.op_type());
    ++count;
  }
  if (count == 0) return 0;
  erase_nodes(*model.mutable_graph(), remove);
  for (const auto& t : folded) add_initializer(model, t);
  return count;
}

}  // namespace onnxbench::model
