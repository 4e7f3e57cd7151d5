#include "core/raw_tensor.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/error.h"
#include "core/half.h"
#include "core/tensor_values.h"

namespace onnxbench {
namespace {

std::size_t raw_size(RawType type) {
  return type == RawType::kFloat32 ? 4 : type == RawType::kFloat16 ? 2 : 1;
}

// For each position in the stored (possibly channels-last) order, the C-order index of the same
// element in the declared shape.
std::vector<std::int64_t> stored_to_declared(const Shape& declared, RawLayout layout) {
  const std::int64_t count = element_count(declared);
  std::vector<std::int64_t> map(static_cast<std::size_t>(count));
  if (layout == RawLayout::kAsDeclared || declared.size() < 3) {
    for (std::int64_t i = 0; i < count; ++i) map[static_cast<std::size_t>(i)] = i;
    return map;
  }
  const std::int64_t n = declared[0], c = declared[1];
  const std::int64_t spatial = c == 0 || n == 0 ? 0 : count / (n * c);
  std::size_t k = 0;
  for (std::int64_t b = 0; b < n; ++b)
    for (std::int64_t s = 0; s < spatial; ++s)
      for (std::int64_t ch = 0; ch < c; ++ch) map[k++] = (b * c + ch) * spatial + s;
  return map;
}

}  // namespace

Shape raw_shape(const Shape& declared, RawLayout layout) {
  if (layout == RawLayout::kAsDeclared || declared.size() < 3) return declared;
  Shape stored{declared[0]};
  stored.insert(stored.end(), declared.begin() + 2, declared.end());
  stored.push_back(declared[1]);
  return stored;
}

RawType raw_type_from_name(const std::string& name) {
  if (name == "float32") return RawType::kFloat32;
  if (name == "float16") return RawType::kFloat16;
  if (name == "uint8") return RawType::kUInt8;
  throw InputError("raw type '" + name + "': expected float32, float16 or uint8");
}

std::string format_raw(const Tensor& tensor, RawLayout layout, RawType type,
                       const RawEncoding& encoding) {
  const auto map = stored_to_declared(tensor.shape, layout);
  std::string bytes(map.size() * raw_size(type), '\0');
  for (std::size_t k = 0; k < map.size(); ++k) {
    const double v = element_value(tensor, map[k]);
    if (type == RawType::kFloat32) {
      const float f = static_cast<float>(v);
      std::memcpy(&bytes[k * 4], &f, 4);
    } else if (type == RawType::kFloat16) {
      const std::uint16_t h = float_to_half(static_cast<float>(v));
      std::memcpy(&bytes[k * 2], &h, 2);
    } else {
      const double q = std::nearbyint(v / encoding.scale) - static_cast<double>(encoding.offset);
      bytes[k] = static_cast<char>(static_cast<std::uint8_t>(std::clamp(q, 0.0, 255.0)));
    }
  }
  return bytes;
}

Tensor parse_raw(const std::string& bytes, const Shape& declared, RawLayout layout, RawType type,
                 const std::string& what, const RawEncoding& encoding) {
  const std::uint64_t expected = checked_byte_size(declared, raw_size(type), what);
  if (bytes.size() != expected)
    throw InputError(what + ": " + std::to_string(bytes.size()) + " bytes, expected " +
                     std::to_string(expected) + " for " +
                     shape_to_string(raw_shape(declared, layout)) + " in " +
                     (type == RawType::kFloat32   ? "float32"
                      : type == RawType::kFloat16 ? "float16"
                                                  : "uint8"));
  Tensor out(DType::kFloat32, declared);
  float* values = out.as<float>();
  const auto map = stored_to_declared(declared, layout);
  for (std::size_t k = 0; k < map.size(); ++k) {
    float v = 0;
    if (type == RawType::kFloat32) {
      std::memcpy(&v, &bytes[k * 4], 4);
    } else if (type == RawType::kFloat16) {
      std::uint16_t h = 0;
      std::memcpy(&h, &bytes[k * 2], 2);
      v = half_to_float(h);
    } else {
      const auto q = static_cast<std::uint8_t>(bytes[k]);
      v = static_cast<float>((q + static_cast<double>(encoding.offset)) * encoding.scale);
    }
    values[map[k]] = v;
  }
  return out;
}

}  // namespace onnxbench
