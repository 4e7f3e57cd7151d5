#include "engines/work_folder.h"

#include <linux/magic.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace onnxbench {

std::string memory_folder_base() {
  const char* over = std::getenv("ONNXBENCH_MEMORY_DIR");
  const std::string base = over && *over ? over : "/dev/shm";
  struct statfs fs {};
  if (::statfs(base.c_str(), &fs) != 0 || fs.f_type != TMPFS_MAGIC ||
      ::access(base.c_str(), W_OK | X_OK) != 0)
    return {};
  return base;
}

WorkFolder::WorkFolder(const std::string& label, Storage storage) {
  std::filesystem::path base = storage == Storage::kMemory ? memory_folder_base() : "";
  if (base.empty()) {
    std::error_code ec;
    base = std::filesystem::temp_directory_path(ec);
    if (ec) throw Error("no temporary directory for a work folder: " + ec.message());
  }
  path_ = (base / ("onnxbench-" + label + "-XXXXXX")).string();
  if (!::mkdtemp(path_.data())) throw Error("cannot create a work folder under " + base.string());
}

WorkFolder::~WorkFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace onnxbench
