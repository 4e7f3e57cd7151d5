#include "core/tensor_values.h"

#include "core/half.h"

namespace onnxbench {

double element_value(const Tensor& t, std::int64_t i) {
  switch (t.dtype) {
    case DType::kFloat32:
      return t.as<float>()[i];
    case DType::kFloat16:
      return half_to_float(t.as<std::uint16_t>()[i]);
    case DType::kBFloat16:
      return bfloat16_to_float(t.as<std::uint16_t>()[i]);
    case DType::kFloat64:
      return t.as<double>()[i];
    case DType::kInt8:
      return t.as<std::int8_t>()[i];
    case DType::kUInt8:
      return t.as<std::uint8_t>()[i];
    case DType::kBool:
      return t.as<std::uint8_t>()[i] ? 1.0 : 0.0;
    case DType::kInt16:
      return t.as<std::int16_t>()[i];
    case DType::kUInt16:
      return t.as<std::uint16_t>()[i];
    case DType::kInt32:
      return t.as<std::int32_t>()[i];
    case DType::kUInt32:
      return t.as<std::uint32_t>()[i];
    case DType::kInt64:
      return static_cast<double>(t.as<std::int64_t>()[i]);
    case DType::kUInt64:
      return static_cast<double>(t.as<std::uint64_t>()[i]);
  }
  return 0;
}

bool is_float_dtype(DType t) {
  return t == DType::kFloat16 || t == DType::kBFloat16 || t == DType::kFloat32 ||
         t == DType::kFloat64;
}

}  // namespace onnxbench
