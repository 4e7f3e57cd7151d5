// A model as the modules a latency table prices (seed 001): each node is a module, except that a
// Conv and the BatchNormalization and activation (Relu, Clip) that follow it alone form one
// module, because both engines run them as one fused layer; on ONNX Runtime an Add reading the
// Conv (and the activation after the Add) joins it too, as its NCHWc Conv sums in place. A module's
// UID is the one `profile --latency-table` writes for its first node (model/module_uid.h); a fused
// module appends its followers' UIDs with "+", e.g. "Conv[...][...]+Clip[max=6.000000,min=0.000000]
// [[1,96,16,16]]", so a Conv with an activation never shares a row with the same Conv without.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace onnxbench::latency {

struct Module {
  std::string uid;
  std::vector<std::string> nodes;  // node names, execution order
  // The module alone: its nodes, their initializers, and graph inputs of the shapes they have in
  // the whole model.
  onnx::ModelProto model;
};

// Which followers an engine fuses into a Conv beyond BatchNormalization and the activation.
struct Fusion {
  bool conv_add = false;  // Conv -> Add (-> activation)
};
Fusion engine_fusion(const std::string& engine);

// The modules of `model`, in execution order, a module as often as the model runs it. Symbolic
// input dimensions are taken as 1. Constant nodes are no modules (they are copied into the
// modules that read them). Throws InputError naming `source` and the node when a module's input
// shape cannot be inferred.
std::vector<Module> decompose(const onnx::ModelProto& model, const std::string& source,
                              Fusion fusion = {});

// The graph inputs' shapes, symbolic dimensions taken as 1 (the shapes modules are measured at).
std::map<std::string, std::vector<std::int64_t>> static_input_shapes(const onnx::GraphProto& g);

}  // namespace onnxbench::latency
