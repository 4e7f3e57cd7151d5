#include "graph/structure_checks.h"

#include <set>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"
#include "graph/dims.h"
#include "graph/graph_index.h"
#include "graph/tensor_walk.h"

namespace onnxbench::model {
namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw InputError(name + ": " + what);
}

std::string node_where(const onnx::NodeProto& n, int index, const std::string& context) {
  return (n.name().empty() ? "node #" + std::to_string(index)
                           : "node '" + n.name() + "' (#" + std::to_string(index) + ")") +
         context;
}

// How many values the typed field of `t` holds for its data type, and that field's name.
std::pair<std::int64_t, const char*> typed_values(const onnx::TensorProto& t) {
  using T = onnx::TensorProto;
  switch (t.data_type()) {
    case T::FLOAT:
      return {t.float_data_size(), "float_data"};
    case T::COMPLEX64:
      return {t.float_data_size() / 2, "float_data"};
    case T::DOUBLE:
      return {t.double_data_size(), "double_data"};
    case T::COMPLEX128:
      return {t.double_data_size() / 2, "double_data"};
    case T::INT64:
      return {t.int64_data_size(), "int64_data"};
    case T::UINT32:
    case T::UINT64:
      return {t.uint64_data_size(), "uint64_data"};
    case T::STRING:
      return {t.string_data_size(), "string_data"};
    default:
      return {t.int32_data_size(), "int32_data"};
  }
}

void check_tensor(const onnx::TensorProto& t, const std::string& name) {
  const std::string where = "tensor '" + (t.name().empty() ? "(unnamed)" : t.name()) + "'";
  const std::size_t element_bytes = onnx_type_size(t.data_type());
  const std::uint64_t bytes = checked_byte_size(tensor_dims(t), element_bytes, name + ": " + where);
  const std::int64_t count = checked_element_count(tensor_dims(t), name + ": " + where);
  if (t.data_location() == onnx::TensorProto_DataLocation_EXTERNAL) return;  // checked on load
  if (t.has_raw_data()) {
    if (element_bytes && t.raw_data().size() != bytes)
      fail(name, where + ": field 'raw_data' is " + std::to_string(t.raw_data().size()) +
                     " bytes, dims " + shape_to_string(Shape(t.dims().begin(), t.dims().end())) +
                     " of " + onnx_type_name(t.data_type()) + " need " + std::to_string(bytes));
    return;
  }
  const auto [values, field] = typed_values(t);
  if (values != count)
    fail(name, where + ": field '" + field + "' has " + std::to_string(values) + " values, dims " +
                   shape_to_string(Shape(t.dims().begin(), t.dims().end())) + " need " +
                   std::to_string(count));
}

void check_declared(const onnx::ValueInfoProto& v, const std::string& name) {
  const auto dims = dims_of_type(v.type());
  if (!dims) return;
  for (const auto& d : v.type().tensor_type().shape().dim())
    if (d.has_dim_value() && d.dim_value() < 0)
      fail(name, "value '" + v.name() + "': dims has a negative size " +
                     std::to_string(d.dim_value()) + ", expected sizes of 0 or more");
  Shape known;
  for (const Dim& d : *dims)
    if (d.known()) known.push_back(d.value);
  checked_byte_size(known, onnx_type_size(v.type().tensor_type().elem_type()),
                    name + ": value '" + v.name() + "'");
}

// One graph: values are defined once, every read value is defined (here or in an enclosing
// graph), and the nodes can be ordered (no cycle). Subgraphs are checked with this graph's values
// visible; a value a subgraph reads from here counts as an input of the node that holds it.
class GraphChecker {
 public:
  explicit GraphChecker(const std::string& name) : name_(name) {}

  // Returns the names read from enclosing scopes.
  std::set<std::string> check(const onnx::GraphProto& g, const std::set<std::string>& outer,
                              const std::string& context) {
    std::set<std::string> defined;
    auto define = [&](const std::string& value, const std::string& by) {
      if (value.empty()) return;
      if (!defined.insert(value).second)
        fail(name_, by + ": value '" + value + "' is defined more than once" + context);
    };
    std::set<std::string> initializers;
    for (const auto& t : g.initializer()) {
      if (!initializers.insert(t.name()).second)
        fail(name_, "initializer '" + t.name() + "' appears twice" + context);
    }
    for (const auto& v : g.input()) define(v.name(), "graph input");
    for (const auto& t : g.initializer())
      if (!defined.count(t.name())) define(t.name(), "initializer");
    for (const auto& s : g.sparse_initializer()) define(s.values().name(), "sparse initializer");
    const std::set<std::string> sources = defined;
    for (int i = 0; i < g.node_size(); ++i)
      for (const auto& out : g.node(i).output()) define(out, node_where(g.node(i), i, context));
    // Each node's reads: its inputs and what its subgraphs take from this scope or further out.
    std::set<std::string> from_outside;
    std::vector<std::set<std::string>> reads(static_cast<std::size_t>(g.node_size()));
    std::set<std::string> visible = outer;
    visible.insert(defined.begin(), defined.end());
    for (int i = 0; i < g.node_size(); ++i) {
      const auto& n = g.node(i);
      auto& r = reads[static_cast<std::size_t>(i)];
      for (const auto& in : n.input())
        if (!in.empty()) r.insert(in);
      for (const auto& a : n.attribute()) {
        const std::string inner = " in attribute '" + a.name() + "' of " + node_where(n, i, "");
        if (a.has_g()) merge(r, check(a.g(), visible, inner + context));
        for (const auto& sub : a.graphs()) merge(r, check(sub, visible, inner + context));
      }
      for (const auto& in : r)
        if (!defined.count(in)) {
          if (!outer.count(in))
            fail(name_, node_where(n, i, context) + ": input '" + in +
                            "' is not produced by any node, graph input or initializer");
          from_outside.insert(in);
        }
    }
    for (const auto& out : g.output())
      if (!defined.count(out.name()) && !outer.count(out.name()))
        fail(name_, "graph output '" + out.name() + "' is not produced by any node, input or " +
                        "initializer" + context);
    check_acyclic(g, reads, GraphIndex(g), context);
    return from_outside;
  }

 private:
  static void merge(std::set<std::string>& into, const std::set<std::string>& from) {
    into.insert(from.begin(), from.end());
  }

  // Kahn's algorithm over the node graph: what cannot be ordered lies on or behind a cycle.
  void check_acyclic(const onnx::GraphProto& g, const std::vector<std::set<std::string>>& reads,
                     const GraphIndex& index, const std::string& context) {
    const auto n = static_cast<std::size_t>(g.node_size());
    std::vector<int> waiting(n, 0);
    std::vector<std::vector<std::size_t>> readers(n);
    for (std::size_t i = 0; i < n; ++i)
      for (const auto& in : reads[i])
        if (const int producer = index.producer(in); producer >= 0) {
          ++waiting[i];
          readers[static_cast<std::size_t>(producer)].push_back(i);
        }
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < n; ++i)
      if (!waiting[i]) ready.push_back(i);
    std::size_t ordered = 0;
    while (!ready.empty()) {
      const std::size_t i = ready.back();
      ready.pop_back();
      ++ordered;
      for (const std::size_t r : readers[i])
        if (--waiting[r] == 0) ready.push_back(r);
    }
    if (ordered == n) return;
    for (std::size_t i = 0; i < n; ++i)
      if (waiting[i])
        fail(name_, node_where(g.node(static_cast<int>(i)), static_cast<int>(i), context) +
                        ": the graph has a cycle through this node (" +
                        std::to_string(n - ordered) + " nodes cannot be ordered)");
  }

  const std::string& name_;
};

}  // namespace

void check_model_structure(const onnx::ModelProto& model, const std::string& name) {
  // The walker takes a mutable model so that loading can rewrite tensors; this visit only reads.
  visit_model_tensors(const_cast<onnx::ModelProto&>(model),
                      [&](onnx::TensorProto& t) { check_tensor(t, name); });
  const auto& g = model.graph();
  for (const auto& v : g.input()) check_declared(v, name);
  for (const auto& v : g.output()) check_declared(v, name);
  for (const auto& v : g.value_info()) check_declared(v, name);
  GraphChecker(name).check(g, {}, "");
}

}  // namespace onnxbench::model
