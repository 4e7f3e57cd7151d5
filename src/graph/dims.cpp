#include "graph/dims.h"

#include <cctype>

#include "core/dtype.h"

namespace onnxbench::model {

std::string dims_to_string(const Dims& dims) {
  std::string s = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ",";
    const Dim& d = dims[i];
    s += d.known() ? std::to_string(d.value) : d.symbol.empty() ? "?" : d.symbol;
  }
  return s + "]";
}

std::uint64_t dims_elements(const Dims& dims, bool* symbolic) {
  std::uint64_t n = 1;
  for (const Dim& d : dims) {
    if (d.known()) {
      n *= static_cast<std::uint64_t>(d.value);
    } else if (symbolic) {
      *symbolic = true;
    }
  }
  return n;
}

Dims dims_from_proto(const onnx::TensorShapeProto& shape) {
  Dims dims;
  for (const auto& d : shape.dim()) {
    if (d.has_dim_value() && d.dim_value() >= 0)
      dims.emplace_back(d.dim_value());
    else if (d.has_dim_param())
      dims.emplace_back(d.dim_param());
    else
      dims.emplace_back();
  }
  return dims;
}

void dims_to_proto(const Dims& dims, onnx::TensorShapeProto* shape) {
  shape->clear_dim();
  for (const Dim& d : dims) {
    auto* out = shape->add_dim();
    if (d.known())
      out->set_dim_value(d.value);
    else if (!d.symbol.empty())
      out->set_dim_param(d.symbol);
  }
}

std::optional<Dims> dims_of_type(const onnx::TypeProto& type) {
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return std::nullopt;
  return dims_from_proto(type.tensor_type().shape());
}

std::string onnx_type_name(int elem_type) {
  if (const auto t = dtype_from_onnx_code(elem_type)) return std::string(dtype_name(*t));
  if (elem_type == 0) return "undefined";
  if (!onnx::TensorProto_DataType_IsValid(elem_type)) return "type" + std::to_string(elem_type);
  std::string name =
      onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(elem_type));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::size_t onnx_type_size(int elem_type) {
  if (const auto t = dtype_from_onnx_code(elem_type)) return dtype_size(*t);
  switch (elem_type) {
    case onnx::TensorProto_DataType_BFLOAT16:
      return 2;
    case onnx::TensorProto_DataType_COMPLEX64:
      return 8;
    case onnx::TensorProto_DataType_COMPLEX128:
      return 16;
    default:
      return 0;
  }
}

}  // namespace onnxbench::model
