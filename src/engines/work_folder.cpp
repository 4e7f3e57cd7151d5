#include "engines/work_folder.h"

#include <cstdlib>
#include <filesystem>

#include "core/error.h"

namespace onnxbench {

WorkFolder::WorkFolder(const std::string& label) {
  std::error_code ec;
  const auto base = std::filesystem::temp_directory_path(ec);
  if (ec) throw Error("no temporary directory for a work folder: " + ec.message());
  path_ = (base / ("onnxbench-" + label + "-XXXXXX")).string();
  if (!::mkdtemp(path_.data())) throw Error("cannot create a work folder under " + base.string());
}

WorkFolder::~WorkFolder() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace onnxbench
