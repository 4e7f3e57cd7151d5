// Quantization parameters and the arithmetic of ONNX's QuantizeLinear and DequantizeLinear:
// q = saturate(round_half_to_even(x / scale) + zero_point), x' = (q - zero_point) * scale.
#pragma once

#include <cstdint>
#include <vector>

namespace onnxbench::quant {

// The integer type of quantized values.
struct QuantType {
  int bits = 8;  // 8 or 16
  bool is_signed = true;

  std::int32_t min() const;
  std::int32_t max() const;
  // The ONNX TensorProto data type (INT8, UINT8, INT16, UINT16).
  int onnx_type() const;
};

struct Range {
  double lo = 0, hi = 0;
};

struct QuantParams {
  float scale = 1;
  std::int32_t zero_point = 0;
};

// Parameters that map `range` (widened to hold 0, so that 0 is exact) onto `type`. Symmetric:
// zero point 0 and scale max(|lo|, |hi|) / max, so that -x and x quantize alike (the type must be
// signed). Asymmetric: the whole integer range spans [lo, hi]. A range of width 0 gets scale 1.
QuantParams choose_params(Range range, QuantType type, bool symmetric);

std::int32_t quantize(float x, QuantParams p, QuantType type);
float dequantize(std::int32_t q, QuantParams p);

// Symmetric parameters for each slice of a weight tensor along `axis` (per-channel), or one for
// the whole tensor when axis < 0. `dims` is the tensor's shape, `values` its elements in C order.
std::vector<QuantParams> weight_params(const std::vector<double>& values,
                                       const std::vector<std::int64_t>& dims, int axis,
                                       QuantType type);

// The elements quantized with weight_params' parameters (the slice of each element along `axis`
// picks its parameters).
std::vector<std::int32_t> quantize_weights(const std::vector<double>& values,
                                           const std::vector<std::int64_t>& dims, int axis,
                                           const std::vector<QuantParams>& params, QuantType type);

}  // namespace onnxbench::quant
