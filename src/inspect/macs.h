// Multiply-accumulate counts per node, from shapes (after shape inference).
//
// What is counted (one MAC = one multiply-add; cheap ops count one "MAC" per element of work):
// - Conv, ConvInteger, QLinearConv: output elements x (Cin / group) x kernel area.
// - ConvTranspose: input elements x (Cout / group) x kernel area.
// - Gemm: M x N x K (the bias add is not counted).
// - MatMul, MatMulInteger, QLinearMatMul: output elements (after broadcasting) x K.
// - Elementwise ops and activations (Add, Mul, Relu, Sigmoid, Clip, ...), Resize, Quantize/
//   DequantizeLinear: output elements.
// - BatchNormalization: output elements (at inference it is one scale-and-shift per element).
// - MaxPool, AveragePool, LpPool: output elements x kernel area.
// - Global pooling, Reduce* and ArgMax/ArgMin: input elements.
// - Softmax, LogSoftmax, Hardmax: 3 x elements (exp, sum, divide).
// - LayerNormalization, InstanceNormalization, LRN: 5 x elements (mean, variance, normalise,
//   scale, shift).
// - Shape and data-movement ops (Reshape, Flatten, Transpose, Concat, Identity, Constant, Shape,
//   Gather, Slice, Squeeze, Cast, Pad, Dropout, ...): 0.
// Symbolic or unknown dimensions count as 1 and set NodeMacs::symbolic. A node whose needed
// shapes are not known, or whose op has no formula here (RNNs, Einsum, custom ops), gets no count
// ("unknown", not 0) and a reason.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "graph/dims.h"

namespace onnxbench::model {

// The shape of a value by name, when it is known.
using ShapeLookup = std::function<std::optional<Dims>(const std::string&)>;

struct NodeMacs {
  std::optional<std::uint64_t> macs;  // nullopt when unknown
  bool symbolic = false;              // a symbolic or unknown dimension was counted as 1
  std::string reason;                 // why macs is unknown
};

NodeMacs node_macs(const onnx::NodeProto& node, const ShapeLookup& shape_of);

// 3 significant digits and a decimal unit: 950 -> "950", 1817000000 -> "1.82 G", 300.8e6 ->
// "301 M"; units K, M, G, T, P.
std::string macs_to_string(std::uint64_t macs);

}  // namespace onnxbench::model
