// Reading a tensor's elements as numbers, whatever its element type.
#pragma once

#include <cstdint>

#include "core/tensor.h"

namespace onnxbench {

// Element i (in C order) as a double; float16 is widened, bools are 0 or 1.
double element_value(const Tensor& t, std::int64_t i);
bool is_float_dtype(DType t);

}  // namespace onnxbench
