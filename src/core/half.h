// IEEE 754 binary16 conversions (round to nearest even), for float16 tensors.
#pragma once

#include <cstdint>

namespace onnxbench {

std::uint16_t float_to_half(float value);
float half_to_float(std::uint16_t bits);

}  // namespace onnxbench
