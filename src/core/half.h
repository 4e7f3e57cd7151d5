// IEEE 754 binary16 and bfloat16 conversions (round to nearest even), for float16 and bfloat16
// tensors.
#pragma once

#include <cstdint>

namespace onnxbench {

std::uint16_t float_to_half(float value);
float half_to_float(std::uint16_t bits);

// bfloat16: the upper 16 bits of a float32 (round to nearest even; NaN stays NaN).
std::uint16_t float_to_bfloat16(float value);
float bfloat16_to_float(std::uint16_t bits);

}  // namespace onnxbench
