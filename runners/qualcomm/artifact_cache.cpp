#include "artifact_cache.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/error.h"
#include "core/sha256.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;

fs::path cache_root() {
  if (const char* dir = std::getenv("ONNXBENCH_QUALCOMM_CACHE")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME")) return fs::path(xdg) / "onnxbench/qualcomm";
  if (const char* home = std::getenv("HOME")) return fs::path(home) / ".cache/onnxbench/qualcomm";
  throw Error("no folder for prepared Qualcomm models: set ONNXBENCH_QUALCOMM_CACHE");
}

}  // namespace

std::string prepared_artifact(const std::string& model_sha256, const std::string& flags,
                              const std::function<void(const std::string& folder)>& make) {
  const fs::path folder =
      cache_root() / (model_sha256.substr(0, 16) + "-" + sha256_hex(flags).substr(0, 16));
  if (fs::is_directory(folder)) return folder.string();
  fs::create_directories(folder.parent_path());
  const fs::path fresh = folder.string() + ".part-" + std::to_string(::getpid());
  fs::remove_all(fresh);
  fs::create_directories(fresh);
  try {
    make(fresh.string());
  } catch (...) {
    fs::remove_all(fresh);
    throw;
  }
  std::error_code ec;
  fs::rename(fresh, folder, ec);
  if (ec) fs::remove_all(fresh);  // another runner finished the same artifact first
  return folder.string();
}

}  // namespace onnxbench::qualcomm_runner
