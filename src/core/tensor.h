// A dense tensor: element type, shape and raw little-endian bytes in C order.
#pragma once

#include <cstdint>
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
  // Zero-filled tensor of the given type and shape.
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

std::int64_t element_count(const Shape& shape);
// "[1,3,224,224]"
std::string shape_to_string(const Shape& shape);

// Seeded random tensor: floats uniform in [-1, 1), integers in [0, 10), bools 0/1. The same seed,
// type and shape give the same bytes on every machine.
Tensor random_tensor(DType type, const Shape& shape, std::uint64_t seed);

}  // namespace onnxbench
