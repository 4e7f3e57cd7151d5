// What quantize treats as a layer, in one place for the rewrite and the sensitivity analysis: the
// ops with weights (and which input is the weight, which the bias), which nodes the options
// quantize, and the Relu or Clip that folds into the layer before it.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>
#include <string>

#include "quant/qdq_rewrite.h"

namespace onnxbench::quant {

// An op with weights: which input is the weight, which the bias (-1: none), and the weight's
// output-channel axis (per-channel scales run along it).
struct WeightRole {
  int weight = 1, bias = -1, axis = 0;
};

// Conv, ConvTranspose, Gemm and MatMul; nullopt for other ops. `weight_rank` places MatMul's axis.
std::optional<WeightRole> weight_role(const onnx::NodeProto& node, int weight_rank);

// A node with weights whose weight is a constant: what quantize turns into int8.
bool has_constant_weight(const onnx::ModelProto& model, const onnx::NodeProto& node);

// Whether the rewrite quantizes node `index`, by its op type and the options' lists.
bool quantizes(const onnx::NodeProto& node, int index, const QdqOptions& options);

// The Relu and Clip-from-0 nodes the rewrite folds into the node before them, by node index:
// producer -> activation. One folds when both are quantized, the producer is a Conv,
// ConvTranspose, Gemm, MatMul or Add whose output nothing else reads, activations are unsigned
// and asymmetric, and the activation's calibrated range starts at 0 or above: then quantizing the
// producer's output with that range clamps exactly as the activation does.
std::map<int, int> activation_folds(const onnx::ModelProto& model,
                                    const std::map<std::string, Range>& ranges,
                                    const QdqOptions& options);

}  // namespace onnxbench::quant
