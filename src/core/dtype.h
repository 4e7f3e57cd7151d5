// Element types of tensors, with their names in NumPy and ONNX.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace onnxbench {

enum class DType {
  kFloat32,
  kFloat16,
  kFloat64,
  kInt8,
  kUInt8,
  kInt16,
  kUInt16,
  kInt32,
  kUInt32,
  kInt64,
  kUInt64,
  kBool,
  kBFloat16,  // bits of the upper half of a float32; in .npy as '<V2' (what ml_dtypes writes)
};

inline constexpr DType kAllDTypes[] = {
    DType::kFloat32, DType::kFloat16, DType::kFloat64,  DType::kInt8,   DType::kUInt8,
    DType::kInt16,   DType::kUInt16,  DType::kInt32,    DType::kUInt32, DType::kInt64,
    DType::kUInt64,  DType::kBool,    DType::kBFloat16,
};

std::size_t dtype_size(DType t);
// NumPy-style name: "float32", "int64", "bool", ...
std::string_view dtype_name(DType t);
std::optional<DType> dtype_from_name(std::string_view name);
// NumPy array-protocol descr without byte order: "f4", "i8", "b1", ...
std::string_view dtype_npy_code(DType t);
std::optional<DType> dtype_from_npy_code(std::string_view code);
// ONNX TensorProto::DataType enum value.
int dtype_onnx_code(DType t);
std::optional<DType> dtype_from_onnx_code(int code);

}  // namespace onnxbench
