#include "ort_library.h"

#include <dlfcn.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>

#include "ort_api.h"

namespace onnxbench::runner::ort {
namespace {

constexpr const char* kLibrary = "libonnxruntime.so.1";
constexpr const char* kHint =
    "; run scripts/setup.sh (npm onnxruntime-node brings the library, the build copies it next to "
    "the runner), or copy the library into that folder";

}  // namespace

LibraryTmp::LibraryTmp() {
  std::error_code ec;
  for (const auto& base :
       {std::filesystem::current_path(ec), std::filesystem::temp_directory_path(ec)}) {
    std::string pattern = (base / ".onnxbench-ort-tmp-XXXXXX").string();
    if (!base.empty() && ::mkdtemp(pattern.data())) {
      path_ = pattern;
      ::setenv("TMPDIR", path_.c_str(), 1);
      return;
    }
  }
}

LibraryTmp::~LibraryTmp() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string load_onnxruntime(const std::string& folder) {
  std::error_code ec;
  const std::filesystem::path dir =
      folder.empty() ? std::filesystem::read_symlink("/proc/self/exe", ec).parent_path()
                     : std::filesystem::path(folder);
  const std::string path = (dir / kLibrary).string();
  if (!std::filesystem::exists(path, ec)) throw std::runtime_error("cannot find " + path + kHint);
  void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) throw std::runtime_error("cannot load " + path + ": " + ::dlerror() + kHint);
  using GetApiBase = const OrtApiBase* (*)();
  const auto get_api_base = reinterpret_cast<GetApiBase>(::dlsym(library, "OrtGetApiBase"));
  if (!get_api_base) throw std::runtime_error(path + " is not ONNX Runtime (no OrtGetApiBase)");
  const OrtApiBase* base = get_api_base();
  const OrtApi* api = base->GetApi(ORT_API_VERSION);
  if (!api)
    throw std::runtime_error(path + " is ONNX Runtime " + base->GetVersionString() +
                             ", which lacks API version " + std::to_string(ORT_API_VERSION) +
                             " (ONNX Runtime 1." + std::to_string(ORT_API_VERSION) +
                             " or newer is needed)" + kHint);
  Ort::InitApi(api);
  return base->GetVersionString();
}

}  // namespace onnxbench::runner::ort
