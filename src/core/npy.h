// NumPy .npy files (format versions 1.0 to 3.0 read, 1.0 written; little-endian, C order).
#pragma once

#include <string>

#include "core/tensor.h"

namespace onnxbench {

// Throws InputError naming the file and the field when the file is not a readable .npy.
Tensor read_npy(const std::string& path);
void write_npy(const std::string& path, const Tensor& tensor);

// The same, on bytes in memory (the file name is only used in error messages).
Tensor parse_npy(const std::string& bytes, const std::string& name);
std::string format_npy(const Tensor& tensor);

// A file's header alone, checked against the file's size, so that samples can be read one at a
// time from data_offset on (data sets larger than memory).
struct NpyHeader {
  DType dtype;
  Shape shape;
  std::size_t data_offset;
};
NpyHeader read_npy_header(const std::string& path);

}  // namespace onnxbench
