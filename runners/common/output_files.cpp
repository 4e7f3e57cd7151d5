#include "common/output_files.h"

#include <sys/stat.h>

#include <cerrno>
#include <filesystem>

#include "common/protocol.h"

namespace onnxbench::runner {

std::string sanitize_file_name(const std::string& name) {
  std::string out = name;
  for (char& c : out) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) c = '_';
  }
  return out;
}

void make_output_dir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0777) == 0 || errno == EEXIST) return;  // the usual cases, one call
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (!std::filesystem::is_directory(dir))
    throw RunnerError("io", dir + ": cannot create the output folder: " + ec.message());
}

std::string OutputNames::path_for(const std::string& tensor) {
  const std::string base = sanitize_file_name(tensor);
  std::string file = base + ".npy";
  for (int i = 2; taken_.count(file); ++i) file = base + "_" + std::to_string(i) + ".npy";
  taken_.insert(file);
  return (std::filesystem::path(dir_) / file).string();
}

}  // namespace onnxbench::runner
