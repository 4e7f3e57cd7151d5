#include "cli/output_paths.h"

#include <unistd.h>

#include <filesystem>

#include "core/error.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

fs::path folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

void check_writable_folder(const fs::path& folder, const std::string& option,
                           const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw InputError(option + " " + path + ": the folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw InputError(option + " " + path + ": the folder " + folder.string() + " is not writable");
}

}  // namespace

void check_output_file(const std::string& path, const std::string& option) {
  if (path.empty() || path == "-") return;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw InputError(option + " " + path + ": is a folder, expected a file name");
  if (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0)
    throw InputError(option + " " + path + ": the file exists and is not writable");
  check_writable_folder(folder_of(path), option, path);
}

void check_output_folder(const std::string& path, const std::string& option) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    if (!fs::is_directory(path, ec))
      throw InputError(option + " " + path + ": is a file, expected a folder");
    check_writable_folder(path, option, path);
    return;
  }
  fs::path existing = fs::absolute(path, ec).parent_path();
  while (!existing.empty() && !fs::exists(existing, ec)) existing = existing.parent_path();
  if (existing.empty() || !fs::is_directory(existing, ec))
    throw InputError(option + " " + path + ": cannot be created (" + existing.string() +
                     " is not a folder)");
  check_writable_folder(existing, option, path);
}

void check_not_input(const std::string& output, const std::string& option,
                     const std::string& input) {
  std::error_code ec;
  if (output.empty() || !fs::exists(output, ec)) return;
  if (fs::equivalent(output, input, ec))
    throw InputError(option + " " + output +
                     ": is the input model; write the result to another file");
}

void check_input_exists(const std::string& path, const std::string& option) {
  std::error_code ec;
  if (!path.empty() && !fs::exists(path, ec))
    throw InputError(option + " " + path + ": no such file or folder");
}

}  // namespace onnxbench::cli
