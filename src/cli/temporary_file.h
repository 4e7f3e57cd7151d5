// A file a command writes under a temporary name and renames into place only when everything
// succeeded, so that a failed command leaves no half-written output.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

namespace onnxbench::cli {

// Removes the file unless moved: the half-done output of a failed command.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  const std::string& path() const { return path_; }
  void move_to(const std::string& destination) {
    std::filesystem::rename(path_, destination);
    path_.clear();
  }

 private:
  std::string path_;
};

}  // namespace onnxbench::cli
