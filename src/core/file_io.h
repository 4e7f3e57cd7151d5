// Whole-file reads and writes with errors that name the file.
#pragma once

#include <cstdint>
#include <string>

namespace onnxbench {

// Throws InputError "<path>: cannot read: <reason>" when the file cannot be read, and when it is
// larger than max_bytes.
std::string read_file(const std::string& path, std::uint64_t max_bytes = UINT64_MAX);
// Throws Error when the file cannot be written completely.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace onnxbench
