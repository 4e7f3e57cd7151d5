#include "quant/qparams.h"

#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace onnxbench::quant {
namespace {

// Element i's slice along `axis` of a C-order tensor with `dims`.
struct AxisIndex {
  std::int64_t inner = 1, channels = 1;

  AxisIndex(const std::vector<std::int64_t>& dims, int axis) {
    if (axis < 0) return;
    channels = dims.at(static_cast<std::size_t>(axis));
    for (std::size_t d = static_cast<std::size_t>(axis) + 1; d < dims.size(); ++d) inner *= dims[d];
  }
  std::size_t of(std::size_t i) const {
    return static_cast<std::size_t>((static_cast<std::int64_t>(i) / inner) % channels);
  }
};

}  // namespace

std::int32_t QuantType::min() const { return is_signed ? -(std::int32_t{1} << (bits - 1)) : 0; }

std::int32_t QuantType::max() const {
  return is_signed ? (std::int32_t{1} << (bits - 1)) - 1 : (std::int32_t{1} << bits) - 1;
}

int QuantType::onnx_type() const {
  if (bits == 8)
    return is_signed ? onnx::TensorProto_DataType_INT8 : onnx::TensorProto_DataType_UINT8;
  return is_signed ? onnx::TensorProto_DataType_INT16 : onnx::TensorProto_DataType_UINT16;
}

QuantParams choose_params(Range range, QuantType type, bool symmetric) {
  const double lo = std::min(range.lo, 0.0), hi = std::max(range.hi, 0.0);
  QuantParams p;
  if (symmetric) {
    if (!type.is_signed) throw Error("symmetric quantization needs a signed type");
    const double magnitude = std::max(-lo, hi);
    p.scale = magnitude > 0 ? static_cast<float>(magnitude / type.max()) : 1.0f;
    return p;
  }
  if (hi - lo <= 0) return p;
  p.scale = static_cast<float>((hi - lo) / (type.max() - type.min()));
  const double zero = std::nearbyint(type.min() - lo / p.scale);
  p.zero_point = static_cast<std::int32_t>(
      std::clamp(zero, static_cast<double>(type.min()), static_cast<double>(type.max())));
  return p;
}

std::int32_t quantize(float x, QuantParams p, QuantType type) {
  // nearbyint rounds half to even under the default rounding mode, as QuantizeLinear does.
  const double q = std::nearbyint(static_cast<double>(x) / p.scale) + p.zero_point;
  return static_cast<std::int32_t>(
      std::clamp(q, static_cast<double>(type.min()), static_cast<double>(type.max())));
}

float dequantize(std::int32_t q, QuantParams p) {
  return static_cast<float>(q - p.zero_point) * p.scale;
}

std::vector<QuantParams> weight_params(const std::vector<double>& values,
                                       const std::vector<std::int64_t>& dims, int axis,
                                       QuantType type) {
  const AxisIndex index(dims, axis);
  std::vector<Range> ranges(static_cast<std::size_t>(index.channels));
  for (std::size_t i = 0; i < values.size(); ++i) {
    Range& r = ranges[index.of(i)];
    r.lo = std::min(r.lo, values[i]);
    r.hi = std::max(r.hi, values[i]);
  }
  // Weights use the symmetric range [-max, max] (INT8 -127..127), which integer kernels expect.
  std::vector<QuantParams> params;
  for (const Range& r : ranges) params.push_back(choose_params(r, type, /*symmetric=*/true));
  return params;
}

std::vector<std::int32_t> quantize_weights(const std::vector<double>& values,
                                           const std::vector<std::int64_t>& dims, int axis,
                                           const std::vector<QuantParams>& params, QuantType type) {
  const AxisIndex index(dims, axis);
  std::vector<std::int32_t> q(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::int32_t v = quantize(static_cast<float>(values[i]), params[index.of(i)], type);
    q[i] = std::max(v, -type.max());  // keep the symmetric range: -128 never appears
  }
  return q;
}

}  // namespace onnxbench::quant
