// A dense tensor: element type, shape and raw little-endian bytes in C order.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/dtype.h"

namespace onnxbench {

using Shape = std::vector<std::int64_t>;

struct Tensor {
  DType dtype = DType::kFloat32;
  Shape shape;
  std::vector<std::uint8_t> data;

  Tensor() = default;
  // Zero-filled tensor of the given type and shape; throws InputError for a shape whose size
  // checked_byte_size() refuses.
  Tensor(DType type, Shape dims);

  std::int64_t element_count() const;
  std::size_t byte_size() const { return data.size(); }
  template <typename T>
  T* as() {
    return reinterpret_cast<T*>(data.data());
  }
  template <typename T>
  const T* as() const {
    return reinterpret_cast<const T*>(data.data());
  }
};

// The largest tensor onnxbench creates or decodes: a bigger claim is an error, never an allocation.
inline constexpr std::uint64_t kMaxTensorBytes = std::uint64_t{16} << 30;

// The one checked element count and byte size. `what` names the tensor in messages ("x.pb: tensor
// 'input'"). Throws InputError when a dimension is negative, the product overflows, or the bytes
// exceed kMaxTensorBytes. element_bytes 0 (strings) counts elements only.
std::int64_t checked_element_count(std::span<const std::int64_t> dims, const std::string& what);
std::uint64_t checked_byte_size(std::span<const std::int64_t> dims, std::size_t element_bytes,
                                const std::string& what);
inline std::int64_t element_count(const Shape& shape) {
  return checked_element_count(shape, "tensor");
}
// "[1,3,224,224]"
std::string shape_to_string(const Shape& shape);

// Seeded random tensor: floats uniform in [-1, 1), integers in [0, 10), bools 0/1. The same seed,
// type and shape give the same bytes on every machine.
Tensor random_tensor(DType type, const Shape& shape, std::uint64_t seed);

}  // namespace onnxbench
