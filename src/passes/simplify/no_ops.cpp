// simplify: removing nodes that pass their input through unchanged. The node's output name is
// replaced by its input's wherever it is read; when the output is a graph output, whose name must
// stay, the producer of the input is renamed to write the graph output instead.
#include <algorithm>
#include <unordered_set>

#include "graph/constant_tensor.h"
#include "graph/editing.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {
namespace {

bool in_default_domain(const onnx::NodeProto& n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

// Replaces every read of `from` with `to`, in nodes and subgraphs (which may read outer values).
void rename_reads(onnx::GraphProto& g, const std::string& from, const std::string& to) {
  for (auto& n : *g.mutable_node()) {
    for (auto& input : *n.mutable_input())
      if (input == from) input = to;
    for (auto& a : *n.mutable_attribute()) {
      if (a.has_g()) rename_reads(*a.mutable_g(), from, to);
      for (auto& sub : *a.mutable_graphs()) rename_reads(sub, from, to);
    }
  }
}

bool is_false_constant(const onnx::ModelProto& model, const std::string& name) {
  const onnx::TensorProto* t = constant_value(model, name);
  if (!t) return false;
  const auto values = from_proto(*t);
  return values && values->size() == 1 && values->int_at(0) == 0;
}

// The graph reads `name` somewhere (a node input or a graph output).
bool is_read(const onnx::GraphProto& g, const std::string& name) {
  for (const auto& v : g.output())
    if (v.name() == name) return true;
  for (const auto& n : g.node())
    for (const auto& input : n.input())
      if (input == name) return true;
  return false;
}

// Why the node is a no-op ("Identity", "Dropout at inference", ...), or "" when it is not one.
std::string no_op_kind(const onnx::ModelProto& model, const onnx::NodeProto& n,
                       const ValueFacts& facts) {
  if (!in_default_domain(n) || n.input_size() < 1 || n.output_size() < 1) return "";
  const std::string& op = n.op_type();
  const std::string& x = n.input(0);
  const std::string& y = n.output(0);
  if (op == "Identity") return "Identity";
  if (op == "Dropout") {
    const bool training = n.input_size() > 2 && !n.input(2).empty();
    const bool mask_read =
        n.output_size() > 1 && !n.output(1).empty() && is_read(model.graph(), n.output(1));
    if ((training && !is_false_constant(model, n.input(2))) || mask_read) return "";
    return "Dropout at inference";
  }
  if (n.output_size() != 1) return "";
  if (op == "Cast") {
    const int from = facts.elem_type(x);
    const auto* to = find_attribute(n, "to");
    return from != 0 && to && to->i() == from ? "Cast to the same type" : "";
  }
  if (op == "Reshape" || op == "Flatten" || op == "Squeeze" || op == "Unsqueeze") {
    const auto in = facts.static_shape(x), out = facts.static_shape(y);
    return in && out && *in == *out ? op + " that keeps the shape" : "";
  }
  if (op == "Transpose") {
    const auto perm = ints_attribute(n, "perm", {});
    for (std::size_t i = 0; i < perm.size(); ++i)
      if (perm[i] != static_cast<std::int64_t>(i)) return "";
    return perm.empty() ? "" : "Transpose with the identity permutation";
  }
  return "";
}

}  // namespace

int remove_no_ops(onnx::ModelProto& model, const ValueFacts& facts, PassReport& report) {
  auto& g = *model.mutable_graph();
  std::unordered_set<std::string> graph_inputs, graph_outputs, initializers;
  for (const auto& v : g.input()) graph_inputs.insert(v.name());
  for (const auto& v : g.output()) graph_outputs.insert(v.name());
  for (const auto& t : g.initializer()) initializers.insert(t.name());
  std::vector<bool> remove(g.node_size(), false);
  int count = 0;
  for (int i = 0; i < g.node_size(); ++i) {
    const onnx::NodeProto& n = g.node(i);
    const std::string kind = no_op_kind(model, n, facts);
    if (kind.empty()) continue;
    const std::string x = n.input(0), y = n.output(0);
    if (graph_outputs.count(y)) {
      // The graph output keeps its name: whatever wrote x writes y.
      if (graph_inputs.count(x) || initializers.count(x) || graph_outputs.count(x)) {
        const std::string note = "node '" + node_label(n, i) + "' kept: it copies " +
                                 (graph_outputs.count(x) ? "a graph output" : "a graph input") +
                                 " to the graph output '" + y + "'";
        if (std::find(report.notes.begin(), report.notes.end(), note) == report.notes.end())
          report.notes.push_back(note);  // once, not once per round
        continue;
      }
      for (auto& producer : *g.mutable_node())
        for (auto& output : *producer.mutable_output())
          if (output == x) output = y;
      rename_reads(g, x, y);
    } else {
      rename_reads(g, y, x);
    }
    remove[i] = true;
    report.add("removed " + kind);
    ++count;
  }
  if (count) erase_nodes(g, remove);
  return count;
}

}  // namespace onnxbench::model
