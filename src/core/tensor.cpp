#include "core/tensor.h"

#include <cstring>

#include "core/half.h"

namespace onnxbench {
namespace {

// splitmix64: tiny, fast, and identical on every platform (std distributions are not).
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
};

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
      data(static_cast<std::size_t>(onnxbench::element_count(shape)) * dtype_size(type)) {}

std::int64_t Tensor::element_count() const { return onnxbench::element_count(shape); }

std::int64_t element_count(const Shape& shape) {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::string shape_to_string(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s + "]";
}

Tensor random_tensor(DType type, const Shape& shape, std::uint64_t seed) {
  Tensor t(type, shape);
  SplitMix64 rng{seed};
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
