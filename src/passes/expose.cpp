// expose: intermediate tensors become graph outputs (as seed 002 does to compare every layer).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "graph/editing.h"
#include "graph/shapes.h"
#include "passes/passes.h"

namespace onnxbench::model {
namespace {

bool is_typed_tensor(const onnx::ValueInfoProto& v) {
  return v.type().has_tensor_type() && v.type().tensor_type().elem_type() != 0 &&
         v.type().tensor_type().has_shape();
}

class Expose : public Pass {
 public:
  explicit Expose(std::vector<std::string> tensors) : Pass("expose"), tensors_(std::move(tensors)) {
    if (tensors_.empty()) refuse("no tensors given, expected TENSOR[,TENSOR...] or all");
    all_ = tensors_ == std::vector<std::string>{"all"};
  }

  PassReport run(onnx::ModelProto& model) const override {
    const auto& g = model.graph();
    std::vector<std::string> produced;
    for (const auto& n : g.node())
      for (const auto& o : n.output())
        if (!o.empty()) produced.push_back(o);
    const std::unordered_set<std::string> node_outputs(produced.begin(), produced.end());
    std::unordered_set<std::string> graph_outputs;
    for (const auto& v : g.output()) graph_outputs.insert(v.name());

    std::vector<std::string> wanted;
    for (const auto& t : all_ ? produced : tensors_) {
      if (!all_ && !node_outputs.count(t))
        refuse("no node output is named '" + t + "' (node outputs: " + some_names(produced) + ")");
      if (std::find(wanted.begin(), wanted.end(), t) == wanted.end()) wanted.push_back(t);
    }

    onnx::ModelProto inferred = model;
    infer_shapes(inferred);
    std::unordered_map<std::string, const onnx::ValueInfoProto*> types;
    for (const auto& v : inferred.graph().value_info()) types[v.name()] = &v;

    PassReport report;
    std::vector<onnx::ValueInfoProto> added;
    std::vector<std::string> already, untyped;
    for (const auto& t : wanted) {
      if (graph_outputs.count(t)) {
        already.push_back(t);
        continue;
      }
      const auto it = types.find(t);
      if (it == types.end() || !is_typed_tensor(*it->second)) {
        if (!all_)
          refuse("tensor '" + t +
                 "' has no tensor type and shape from shape inference, which a graph output needs");
        untyped.push_back(t);
        continue;
      }
      added.push_back(*it->second);
    }
    std::unordered_set<std::string> exposed;
    for (const auto& v : added) exposed.insert(v.name());
    auto* value_info = model.mutable_graph()->mutable_value_info();
    value_info->erase(std::remove_if(value_info->begin(), value_info->end(),
                                     [&](const auto& v) { return exposed.count(v.name()); }),
                      value_info->end());
    for (const auto& v : added) *model.mutable_graph()->add_output() = v;

    if (!added.empty()) report.add("outputs added", static_cast<int>(added.size()));
    if (!already.empty() && !all_)
      report.notes.push_back("already graph outputs: " + some_names(already));
    if (!untyped.empty())
      report.notes.push_back("not exposed, shape inference gives them no tensor type and shape: " +
                             some_names(untyped));
    return report;
  }

 private:
  std::vector<std::string> tensors_;
  bool all_ = false;
};

}  // namespace

std::unique_ptr<Pass> expose_pass(std::vector<std::string> tensors) {
  return std::make_unique<Expose>(std::move(tensors));
}

}  // namespace onnxbench::model
