// simplify: removing what nothing reads any more (nodes, initializers, value_info).
#include <algorithm>
#include <unordered_set>

#include "graph/graph_index.h"
#include "passes/simplify/steps.h"

namespace onnxbench::model {

void erase_nodes(onnx::GraphProto& graph, const std::vector<bool>& remove) {
  google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
  for (int i = 0; i < graph.node_size(); ++i)
    if (!remove[i]) *kept.Add() = std::move(*graph.mutable_node(i));
  graph.mutable_node()->Swap(&kept);
}

int remove_dead_nodes(onnx::ModelProto& model, PassReport& report) {
  auto& g = *model.mutable_graph();
  std::unordered_set<std::string> read;
  for (const auto& v : g.output()) read.insert(v.name());
  // Backwards: a node is live when something live (or a graph output) reads one of its outputs.
  std::vector<bool> remove(g.node_size(), false);
  int count = 0;
  for (int i = g.node_size() - 1; i >= 0; --i) {
    const auto& n = g.node(i);
    const bool live = std::any_of(n.output().begin(), n.output().end(),
                                  [&](const auto& o) { return !o.empty() && read.count(o); });
    if (!live) {
      remove[i] = true;
      ++count;
      continue;
    }
    read.insert(n.input().begin(), n.input().end());
    for_each_subgraph(n, [&](const onnx::GraphProto& sub) { collect_reads(sub, read); });
  }
  if (count) {
    erase_nodes(g, remove);
    report.add("dead nodes removed", count);
  }
  return count;
}

int remove_unused_initializers(onnx::ModelProto& model, PassReport& report,
                               const std::unordered_set<std::string>& reported) {
  auto& g = *model.mutable_graph();
  std::unordered_set<std::string> read;
  collect_reads(g, read);
  std::unordered_set<std::string> unused;
  for (const auto& t : g.initializer())
    if (!read.count(t.name())) unused.insert(t.name());
  auto* inits = g.mutable_initializer();
  inits->erase(std::remove_if(inits->begin(), inits->end(),
                              [&](const auto& t) { return unused.count(t.name()) > 0; }),
               inits->end());
  // An unused initializer's graph input (IR < 4, or an overridable default) goes with it.
  auto* inputs = g.mutable_input();
  inputs->erase(std::remove_if(inputs->begin(), inputs->end(),
                               [&](const auto& v) { return unused.count(v.name()) > 0; }),
                inputs->end());
  // value_info of values no node writes any more would only mislead shape inference.
  std::unordered_set<std::string> written;
  for (const auto& n : g.node()) written.insert(n.output().begin(), n.output().end());
  auto* infos = g.mutable_value_info();
  infos->erase(std::remove_if(infos->begin(), infos->end(),
                              [&](const auto& v) { return !written.count(v.name()); }),
               infos->end());
  const auto count = std::count_if(unused.begin(), unused.end(),
                                   [&](const auto& name) { return reported.count(name) > 0; });
  if (count) report.add("unused initializers removed", static_cast<int>(count));
  return static_cast<int>(count);
}

}  // namespace onnxbench::model
