// Who writes and who reads each value of one graph, and the walk into a node's subgraphs: the
// index the passes, inspect, quant and latency share instead of building their own maps.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace onnxbench::model {

// Calls fn(const onnx::GraphProto&) for each graph an attribute of `node` holds (If branches,
// Loop and Scan bodies); not recursive.
template <typename Fn>
void for_each_subgraph(const onnx::NodeProto& node, Fn&& fn) {
  for (const auto& a : node.attribute()) {
    if (a.has_g()) fn(a.g());
    for (const auto& g : a.graphs()) fn(g);
  }
}

// Adds the names that the graph's outputs and nodes read, the nodes of subgraphs included.
void collect_reads(const onnx::GraphProto& graph, std::unordered_set<std::string>& names);

class GraphIndex {
 public:
  explicit GraphIndex(const onnx::GraphProto& graph);

  // The node of this graph writing `value`, or -1 (a graph input, an initializer or nothing).
  int producer(const std::string& value) const;
  // The nodes of this graph reading `value`, once per input that reads it, in node order.
  const std::vector<int>& readers(const std::string& value) const;
  bool is_output(const std::string& value) const { return outputs_.count(value) > 0; }
  bool read_in_subgraph(const std::string& value) const { return subgraph_reads_.count(value) > 0; }
  // Why removing the one node that reads `value` (folding it into the producer) would change
  // what others see: "'x' is a graph output", "... is read inside a subgraph", "... is read by 2
  // nodes"; "" when at most one node reads it and nothing else does.
  std::string why_shared(const std::string& value) const;

  // For a pass that moves an output to another node as it edits the graph.
  void set_producer(const std::string& value, int node) { producer_[value] = node; }

 private:
  std::unordered_map<std::string, int> producer_;
  std::unordered_map<std::string, std::vector<int>> readers_;
  std::unordered_set<std::string> outputs_, subgraph_reads_;
};

}  // namespace onnxbench::model
