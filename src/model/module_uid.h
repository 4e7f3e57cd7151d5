// Module UIDs for latency tables (seed 001): a node's op type, its attributes and the shapes of
// all its inputs, e.g.
// "Conv[group=1,kernel_shape=[3,3],pads=[1,1,1,1],strides=[1,1]][[1,3,64,64],[16,3,3,3],[16]]". Two
// nodes that compute the same thing on the same shapes share a UID, so a latency measured on one
// model can be looked up for another.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <string>

namespace onnxbench::model {

// UIDs of every node, keyed both by node name and by the node's first output name (engines name
// their layers after either). Runs shape inference on a copy of the model.
std::map<std::string, std::string> module_uids(const onnx::ModelProto& model);

}  // namespace onnxbench::model
