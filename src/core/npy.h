// NumPy .npy files (format versions 1.0 to 3.0 read, 1.0 written; little-endian, C order).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace onnxbench {

// Throws InputError naming the file and the field when the file is not a readable .npy.
Tensor read_npy(const std::string& path);
// Written in place (overwrite_file): a reader mapping the file sees the new tensor.
void write_npy(const std::string& path, const Tensor& tensor);
// The same from bytes held elsewhere (an engine's output buffer).
void write_npy(const std::string& path, DType dtype, const Shape& shape, const void* data,
               std::size_t bytes);

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
// The same on the file's first bytes (at least the whole header) and its size.
NpyHeader parse_npy_header(const std::string& bytes, std::uint64_t file_size,
                           const std::string& name);

// A .npy file mapped into memory, read-only, shared and populated in one call, so that a tensor in
// a tmpfs (/dev/shm) is read without a copy; data() stays valid while the object lives. Data that
// does not start on a 64-byte boundary (NumPy and write_npy always align it) is copied into aligned
// memory instead. Throws InputError naming the file.
class MappedNpy {
 public:
  explicit MappedNpy(const std::string& path);

  // Whether the file `st` describes is the one mapped here, at the same size: then its content
  // rewritten in place (write_npy) shows through the mapping, and refresh() takes the header
  // again (the dtype or shape may be new). A copied (misaligned) file is never the same.
  bool maps(const struct stat& st) const;
  // False when the new header does not fit the old one's place (map the file anew to learn why).
  bool refresh();

  ~MappedNpy();
  MappedNpy(MappedNpy&& other) noexcept;
  MappedNpy& operator=(MappedNpy&&) = delete;
  MappedNpy(const MappedNpy&) = delete;

  DType dtype() const { return header_.dtype; }
  const Shape& shape() const { return header_.shape; }
  const void* data() const { return data_; }
  std::size_t byte_size() const { return bytes_; }

 private:
  NpyHeader header_{};
  std::uint64_t device_ = 0, inode_ = 0;
  void* map_ = nullptr;  // the whole file, or null
  std::size_t map_length_ = 0;
  std::vector<std::uint8_t> copy_;  // misaligned data, copied
  const void* data_ = nullptr;
  std::size_t bytes_ = 0;
};

}  // namespace onnxbench
