// The QDQ rewrite: a float model becomes one that ONNX Runtime runs with integer kernels.
// QuantizeLinear/DequantizeLinear pairs go on the activations that quantized nodes read and write,
// weights become int8 initializers read through DequantizeLinear (per channel or per tensor), and
// biases int32 with the scale of input times weight, as QDQ models carry them.
#pragma once

#include <onnx/onnx_pb.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "quant/qparams.h"

namespace onnxbench::quant {

struct QdqOptions {
  QuantType activation_type{8, false};  // uint8 asymmetric by default, int8 when symmetric
  bool symmetric_activations = false;
  bool per_channel = true;               // weights of Conv, ConvTranspose, Gemm and MatMul
  std::set<std::string> float_nodes;     // node names left in float
  std::set<std::string> float_op_types;  // op types left in float
  // When set, only these nodes (by label, see model::node_label) are quantized.
  std::optional<std::set<std::string>> only_nodes;
};

struct QdqReport {
  int quantized_nodes = 0;
  int quantized_activations = 0;  // tensors with a QuantizeLinear/DequantizeLinear pair
  int quantized_weights = 0;
  int quantized_biases = 0;
  int folded_activations = 0;      // Relu/Clip absorbed by their producer's QuantizeLinear
  std::vector<std::string> notes;  // what was left in float, and why
};

// The notes as one line per reason: "node 'A': bias kept in float: WHY" for many nodes becomes
// "bias kept in float: WHY: 16 nodes (A, B, C, D, E, ...)" (issue 22: 16 near-identical notes).
std::vector<std::string> collapsed_notes(const std::vector<std::string>& notes);

// The op types the rewrite quantizes, and which of their inputs are activations.
const std::set<std::string>& quantizable_op_types();

// Throws InputError when the model's opset is below 10 (no QuantizeLinear) or when no node can be
// quantized: what quantize_qdq would refuse, checked before a long calibration.
void check_quantizable(const onnx::ModelProto& model, const QdqOptions& options);

// Rewrites `model` in place. `ranges` holds each activation tensor's calibrated range (a tensor
// without one stays float, with a note). Throws as check_quantizable does.
QdqReport quantize_qdq(onnx::ModelProto& model, const std::map<std::string, Range>& ranges,
                       const QdqOptions& options);

}  // namespace onnxbench::quant
