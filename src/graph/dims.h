// Tensor shapes as ONNX describes them: each dimension is a number, a symbol ("batch") or unknown.
#pragma once

#include <onnx/onnx_pb.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench::model {

struct Dim {
  std::int64_t value = -1;  // >= 0 when the size is known
  std::string symbol;       // the name of a symbolic dimension; "" when unknown or known

  Dim() = default;
  template <std::integral T>
  Dim(T v) : value(static_cast<std::int64_t>(v)) {}
  Dim(const char* s) : symbol(s) {}
  Dim(std::string s) : symbol(std::move(s)) {}

  bool known() const { return value >= 0; }
  bool operator==(const Dim&) const = default;
};

using Dims = std::vector<Dim>;

// "[batch,3,224,224]"; an unknown dimension prints as "?".
std::string dims_to_string(const Dims& dims);
// Element count with symbolic and unknown dimensions counted as 1; *symbolic is set to true when
// one was (left untouched otherwise).
std::uint64_t dims_elements(const Dims& dims, bool* symbolic = nullptr);

Dims dims_from_proto(const onnx::TensorShapeProto& shape);
void dims_to_proto(const Dims& dims, onnx::TensorShapeProto* shape);

// The shape of a value's type, when it is a tensor with a known rank.
std::optional<Dims> dims_of_type(const onnx::TypeProto& type);

// Name of an ONNX element type as core/dtype.h spells it ("float32", "int64"), or ONNX's own name
// in lower case for types core does not handle ("string", "bfloat16"); "undefined" for 0.
std::string onnx_type_name(int elem_type);
// Bytes per element of an ONNX element type; 0 for strings and unknown types.
std::size_t onnx_type_size(int elem_type);

}  // namespace onnxbench::model
