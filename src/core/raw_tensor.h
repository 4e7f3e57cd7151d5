// Tensors as Qualcomm's tools read and write them: .raw files hold the elements alone, C order,
// little-endian, in float32 or the model's native type (uint8 quantized with the tensor's
// encoding, float16), and image-like tensors channels-last (NHWC) where ONNX declares them
// channels-first (NCHW). The shape is not in the file: it comes from the model.
#pragma once

#include <string>

#include "core/tensor.h"

namespace onnxbench {

enum class RawLayout {
  kAsDeclared,    // the ONNX shape as it is
  kChannelsLast,  // rank >= 3: axis 1 (channels) moved last, NCHW -> NHWC, NCL -> NLC
};

enum class RawType { kFloat32, kFloat16, kUInt8 };

// uint8 values q stand for (q + offset) * scale (SNPE's uFxp_8: offset <= 0).
struct RawEncoding {
  double scale = 1.0;
  long long offset = 0;
};

// The bytes of a .raw file for `tensor` (any numeric ONNX-side dtype), laid out and typed as
// asked. uint8 rounds to nearest and clamps to [0, 255].
std::string format_raw(const Tensor& tensor, RawLayout layout, RawType type,
                       const RawEncoding& encoding = {});
// The inverse: a float32 tensor of the ONNX shape `declared` from a .raw file's bytes. Throws
// InputError naming `what` when the byte count is not the shape's in that type.
Tensor parse_raw(const std::string& bytes, const Shape& declared, RawLayout layout, RawType type,
                 const std::string& what, const RawEncoding& encoding = {});

// `shape` as it is stored for `layout` ([1,3,224,224] -> [1,224,224,3] channels-last).
Shape raw_shape(const Shape& declared, RawLayout layout);
// "float32", "float16", "uint8"; InputError for anything else.
RawType raw_type_from_name(const std::string& name);

}  // namespace onnxbench
