// Module UIDs for latency tables (seed 001): a node's op type, its attributes and the shapes of
// all its inputs, e.g.
// "Conv[group=1,kernel_shape=[3,3],pads=[1,1,1,1],strides=[1,1]][[1,3,64,64],[16,3,3,3],[16]]". Two
// nodes that compute the same thing on the same shapes share a UID, so a latency measured on one
// model can be looked up for another.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "graph/graph_index.h"

namespace onnxbench::model {

class ModuleUidIndex {
 public:
  // Runs shape inference on a copy of the model whose graph inputs take `input_shapes` (the
  // concrete shapes a run used), so the UIDs show real sizes rather than symbols.
  ModuleUidIndex(const onnx::ModelProto& model,
                 const std::map<std::string, std::vector<std::int64_t>>& input_shapes);

  // The UID of the node an engine's layer stands for, or "" when none matches. Engines name a
  // layer after a node or its first output; optimizers rename and fuse: ONNX Runtime's NCHWc
  // layout adds "_nchwc", and a Conv fused with the activation after it carries the activation's
  // name. So the name is resolved to a node, then up its first input's producers (a few steps) to
  // the node whose op type is the layer's ("FusedConv" counts as "Conv").
  std::string uid_for(const std::string& layer_name, const std::string& op_type) const;
  // The model's nodes that layer stands for, resolved the same way, in graph order: ["conv1",
  // "relu1"] for ONNX Runtime's "relu1_nchwc" Conv; empty for a layer the engine inserted.
  std::vector<std::string> nodes_for(const std::string& layer_name,
                                     const std::string& op_type) const;

 private:
  struct Node {
    std::string op_type, uid, first_input, name;  // name: the node's, else its first output
  };
  // Indexes of the nodes from the layer's named node up to the one of its op type (that last).
  std::vector<std::size_t> resolve(const std::string& layer_name, const std::string& op_type) const;
  std::vector<Node> nodes_;
  std::map<std::string, std::size_t> by_name_;  // node name or first output -> node
  GraphIndex graph_;  // shape inference keeps the nodes, so the model's own index serves
};

}  // namespace onnxbench::model
