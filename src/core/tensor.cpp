#include "core/tensor.h"

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "core/half.h"
#include "core/random.h"

namespace onnxbench {
namespace {

template <typename T>
void fill(Tensor& t, SplitMix64& rng, bool is_float) {
  T* out = t.as<T>();
  for (std::int64_t i = 0; i < t.element_count(); ++i)
    out[i] = is_float ? static_cast<T>(rng.unit() * 2.0 - 1.0) : static_cast<T>(rng.next() % 10);
}

}  // namespace

Tensor::Tensor(DType type, Shape dims)
    : dtype(type),
      shape(std::move(dims)),
      data(static_cast<std::size_t>(checked_byte_size(shape, dtype_size(type), "tensor"))) {}

std::int64_t Tensor::element_count() const { return onnxbench::element_count(shape); }

std::int64_t checked_element_count(std::span<const std::int64_t> dims, const std::string& what) {
  const auto shape_text = [&] { return shape_to_string(Shape(dims.begin(), dims.end())); };
  std::int64_t n = 1;
  for (const auto d : dims) {
    if (d < 0)
      throw InputError(what + ": dims " + shape_text() + " has a negative dimension, expected " +
                       "sizes of 0 or more");
    if (__builtin_mul_overflow(n, d, &n))
      throw InputError(what + ": dims " + shape_text() + " hold more elements than fit in 64 bits");
  }
  return n;
}

std::uint64_t checked_byte_size(std::span<const std::int64_t> dims, std::size_t element_bytes,
                                const std::string& what) {
  const auto n = static_cast<std::uint64_t>(checked_element_count(dims, what));
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(n, std::max<std::size_t>(element_bytes, 1), &bytes) ||
      bytes > kMaxTensorBytes)
    throw InputError(
        what + ": dims " + shape_to_string(Shape(dims.begin(), dims.end())) + " make " +
        (element_bytes
             ? std::to_string(n) + " elements of " + std::to_string(element_bytes) + " bytes"
             : std::to_string(n) + " elements") +
        ", more than the limit of " + std::to_string(kMaxTensorBytes >> 30) +
        " GiB for one tensor");
  return bytes;
}

std::string shape_to_string(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

Tensor random_tensor(DType type, const Shape& shape, std::uint64_t seed) {
  Tensor t(type, shape);
  SplitMix64 rng(seed);
  switch (type) {
    case DType::kFloat32:
      fill<float>(t, rng, true);
      break;
    case DType::kFloat64:
      fill<double>(t, rng, true);
      break;
    case DType::kFloat16: {
      auto* out = t.as<std::uint16_t>();
      for (std::int64_t i = 0; i < t.element_count(); ++i)
        out[i] = float_to_half(static_cast<float>(rng.unit() * 2.0 - 1.0));
      break;
    }
    case DType::kBFloat16: {
      auto* out = t.as<std::uint16_t>();
      for (std::int64_t i = 0; i < t.element_count(); ++i)
        out[i] = float_to_bfloat16(static_cast<float>(rng.unit() * 2.0 - 1.0));
      break;
    }
    case DType::kInt8:
      fill<std::int8_t>(t, rng, false);
      break;
    case DType::kUInt8:
      fill<std::uint8_t>(t, rng, false);
      break;
    case DType::kInt16:
      fill<std::int16_t>(t, rng, false);
      break;
    case DType::kUInt16:
      fill<std::uint16_t>(t, rng, false);
      break;
    case DType::kInt32:
      fill<std::int32_t>(t, rng, false);
      break;
    case DType::kUInt32:
      fill<std::uint32_t>(t, rng, false);
      break;
    case DType::kInt64:
      fill<std::int64_t>(t, rng, false);
      break;
    case DType::kUInt64:
      fill<std::uint64_t>(t, rng, false);
      break;
    case DType::kBool: {
      auto* out = t.as<std::uint8_t>();
      for (std::int64_t i = 0; i < t.element_count(); ++i) out[i] = rng.next() & 1u;
      break;
    }
  }
  return t;
}

}  // namespace onnxbench
