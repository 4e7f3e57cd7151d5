// Constant tensors in a form easy to compute on: an ONNX element type, dims, and the elements as
// doubles (float types) or int64s (integer and bool types). Constant folding works on these.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench::model {

struct ConstantTensor {
  int data_type = onnx::TensorProto_DataType_FLOAT;
  std::vector<std::int64_t> dims;
  std::vector<double> reals;       // the elements of a float16, float or double tensor
  std::vector<std::int64_t> ints;  // the elements of an integer or bool tensor

  bool is_real() const;
  std::int64_t size() const;
  // The element `i` as an int64 (reals truncated).
  std::int64_t int_at(std::int64_t i) const;
  // All elements as int64s, for shape-like inputs (axes, starts, a shape).
  std::vector<std::int64_t> as_ints() const;
  // Rounds reals to the precision of data_type, as an engine computing in that type would.
  void round_to_type();
};

// The element types folding computes on: float16, float, double, the signed and unsigned integers
// up to 32 bits, int64 and bool.
bool foldable_type(int data_type);

// nullopt when the tensor's type is not foldable_type(), its data is stored externally, or its
// element count does not match its dims.
std::optional<ConstantTensor> from_proto(const onnx::TensorProto& proto);
// A TensorProto named `name`, its elements in raw_data.
onnx::TensorProto to_proto(const ConstantTensor& tensor, const std::string& name);

// An int64 tensor with the given dims and elements.
ConstantTensor int64_constant(std::vector<std::int64_t> dims, std::vector<std::int64_t> values);

}  // namespace onnxbench::model
