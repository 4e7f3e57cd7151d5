// Whole-file reads and writes with errors that name the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace onnxbench {

// Throws InputError "<path>: cannot read: <reason>" when the file cannot be read, and when it is
// larger than max_bytes.
std::string read_file(const std::string& path, std::uint64_t max_bytes = UINT64_MAX);
// Throws Error when the file cannot be written completely.
void write_file(const std::string& path, const std::string& bytes);
// Writes the parts one after another as the file's whole content, in place: a file that has the
// content's size already keeps its pages, so a reader that maps it (a runner mapping its input
// tensor) sees the new content through its mapping, with no page faults. Throws Error.
void overwrite_file(const std::string& path,
                    const std::vector<std::pair<const void*, std::size_t>>& parts);

}  // namespace onnxbench
