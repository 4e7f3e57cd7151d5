#include "graph/graph_index.h"

namespace onnxbench::model {

void collect_reads(const onnx::GraphProto& graph, std::unordered_set<std::string>& names) {
  for (const auto& v : graph.output()) names.insert(v.name());
  for (const auto& n : graph.node()) {
    names.insert(n.input().begin(), n.input().end());
    for_each_subgraph(n, [&](const onnx::GraphProto& sub) { collect_reads(sub, names); });
  }
}

GraphIndex::GraphIndex(const onnx::GraphProto& graph) {
  for (const auto& v : graph.output()) outputs_.insert(v.name());
  for (int i = 0; i < graph.node_size(); ++i) {
    const auto& n = graph.node(i);
    for (const auto& in : n.input())
      if (!in.empty()) readers_[in].push_back(i);
    for (const auto& out : n.output())
      if (!out.empty()) producer_[out] = i;
    for_each_subgraph(n, [&](const onnx::GraphProto& sub) { collect_reads(sub, subgraph_reads_); });
  }
}

int GraphIndex::producer(const std::string& value) const {
  const auto it = producer_.find(value);
  return it == producer_.end() ? -1 : it->second;
}

const std::vector<int>& GraphIndex::readers(const std::string& value) const {
  static const std::vector<int> none;
  const auto it = readers_.find(value);
  return it == readers_.end() ? none : it->second;
}

std::string GraphIndex::why_shared(const std::string& value) const {
  if (is_output(value)) return "'" + value + "' is a graph output";
  if (read_in_subgraph(value)) return "'" + value + "' is read inside a subgraph";
  if (readers(value).size() > 1)
    return "'" + value + "' is read by " + std::to_string(readers(value).size()) + " nodes";
  return "";
}

}  // namespace onnxbench::model
