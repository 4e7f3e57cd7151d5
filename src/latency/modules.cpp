#include "latency/modules.h"

#include <map>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "graph/dims.h"
#include "graph/graph_index.h"
#include "graph/shapes.h"
#include "inspect/module_uid.h"

namespace onnxbench::latency {
namespace {

bool is_activation(const std::string& op) { return op == "Relu" || op == "Clip"; }

// The model with those input shapes and everything shape inference finds.
onnx::ModelProto inferred_copy(const onnx::ModelProto& model,
                               const std::map<std::string, std::vector<std::int64_t>>& shapes) {
  onnx::ModelProto copy = model;
  for (auto& input : *copy.mutable_graph()->mutable_input())
    if (auto it = shapes.find(input.name()); it != shapes.end())
      model::dims_to_proto(model::Dims(it->second.begin(), it->second.end()),
                           input.mutable_type()->mutable_tensor_type()->mutable_shape());
  model::infer_shapes(copy);
  return copy;
}

class Extractor {
 public:
  Extractor(const onnx::ModelProto& inferred, std::string source)
      : m_(inferred), g_(inferred.graph()), source_(std::move(source)) {
    for (const auto& v : g_.input()) infos_[v.name()] = &v;
    for (const auto& v : g_.value_info()) infos_[v.name()] = &v;
    for (const auto& v : g_.output()) infos_[v.name()] = &v;
    for (const auto& t : g_.initializer()) initializers_[t.name()] = &t;
    for (const auto& n : g_.node())
      if (n.op_type() == "Constant")
        for (const auto& out : n.output()) constants_[out] = &n;
  }

  onnx::ModelProto extract(const std::vector<const onnx::NodeProto*>& nodes) const {
    onnx::ModelProto out;
    out.set_ir_version(m_.ir_version());
    *out.mutable_opset_import() = m_.opset_import();
    out.set_producer_name("onnxbench latency");
    onnx::GraphProto& g = *out.mutable_graph();
    g.set_name("module");
    std::set<std::string> produced, declared;
    for (const auto* n : nodes) {
      for (const auto& in : n->input()) {
        if (in.empty() || produced.count(in) || !declared.insert(in).second) continue;
        if (auto it = initializers_.find(in); it != initializers_.end()) {
          *g.add_initializer() = *it->second;
        } else if (auto c = constants_.find(in); c != constants_.end()) {
          *g.add_node() = *c->second;
        } else {
          *g.add_input() = typed_info(in, *n);
        }
      }
      *g.add_node() = *n;
      for (const auto& o : n->output()) produced.insert(o);
    }
    for (const auto& o : nodes.back()->output())
      if (!o.empty()) *g.add_output() = typed_info(o, *nodes.back());
    return out;
  }

 private:
  // The value's type and shape as inference found them; a module runs only on known shapes.
  onnx::ValueInfoProto typed_info(const std::string& value, const onnx::NodeProto& node) const {
    const auto it = infos_.find(value);
    if (it == infos_.end() || !model::dims_of_type(it->second->type()))
      throw InputError(source_ + ": node '" + node.name() + "' (" + node.op_type() +
                       "): the shape of '" + value +
                       "' cannot be inferred, so the node cannot be measured as a module");
    return *it->second;
  }

  const onnx::ModelProto& m_;
  const onnx::GraphProto& g_;
  std::string source_;
  std::unordered_map<std::string, const onnx::ValueInfoProto*> infos_;
  std::unordered_map<std::string, const onnx::TensorProto*> initializers_;
  std::unordered_map<std::string, const onnx::NodeProto*> constants_;
};

}  // namespace

Fusion engine_fusion(const std::string& engine) { return {.conv_add = engine == "onnxruntime"}; }

std::map<std::string, std::vector<std::int64_t>> static_input_shapes(const onnx::GraphProto& g) {
  std::map<std::string, std::vector<std::int64_t>> shapes;
  for (const auto* input : model::fed_inputs(g)) {
    const auto dims = model::dims_of_type(input->type());
    if (!dims) continue;
    auto& shape = shapes[input->name()];
    for (const auto& d : *dims) shape.push_back(d.known() ? d.value : 1);
  }
  return shapes;
}

std::vector<Module> decompose(const onnx::ModelProto& model, const std::string& source,
                              Fusion fusion) {
  const auto shapes = static_input_shapes(model.graph());
  const onnx::ModelProto inferred = inferred_copy(model, shapes);
  const model::ModuleUidIndex uids(model, shapes);
  const onnx::GraphProto& g = inferred.graph();
  const model::GraphIndex index(g);
  // The single node reading `node`'s only output, when it may fuse into the module.
  auto follower = [&](const onnx::NodeProto& node, auto accepts) -> int {
    if (node.output_size() != 1 || index.is_output(node.output(0))) return -1;
    const auto& readers = index.readers(node.output(0));
    if (readers.size() != 1) return -1;
    return accepts(g.node(readers.front()).op_type()) ? readers.front() : -1;
  };
  auto uid_of = [&](const onnx::NodeProto& n) {
    return uids.uid_for(n.name().empty() ? n.output(0) : n.name(), n.op_type());
  };

  const Extractor extractor(inferred, source);
  std::vector<bool> taken(g.node_size(), false);
  std::vector<Module> modules;
  for (int i = 0; i < g.node_size(); ++i) {
    if (taken[i] || g.node(i).op_type() == "Constant") continue;
    std::vector<int> members{i};
    if (g.node(i).op_type() == "Conv") {
      auto joins = [&](const std::string& op) {
        return is_activation(op) || (fusion.conv_add && op == "Add");
      };
      int next = follower(g.node(i), [&](const std::string& op) {
        return op == "BatchNormalization" || joins(op);
      });
      if (next >= 0 && g.node(next).op_type() == "BatchNormalization") {
        members.push_back(next);
        next = follower(g.node(next), joins);
      }
      if (next >= 0 && g.node(next).op_type() == "Add") {
        members.push_back(next);
        next = follower(g.node(next), is_activation);
      }
      if (next >= 0) members.push_back(next);
    }
    Module m;
    std::vector<const onnx::NodeProto*> nodes;
    for (int k : members) {
      taken[k] = true;
      const onnx::NodeProto& n = g.node(k);
      nodes.push_back(&n);
      m.nodes.push_back(n.name());
      m.uid += (m.uid.empty() ? "" : "+") + uid_of(n);
    }
    m.model = extractor.extract(nodes);
    modules.push_back(std::move(m));
  }
  return modules;
}

}  // namespace onnxbench::latency
