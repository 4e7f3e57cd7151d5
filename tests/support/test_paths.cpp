#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace onnxbench::testing {

std::string source_dir() { return ONNXBENCH_SOURCE_DIR; }
std::string build_dir() { return ONNXBENCH_BUILD_DIR; }

namespace {

std::filesystem::path scratch_path() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::filesystem::path(build_dir()) / "test-scratch" / info->test_suite_name() /
         info->name();
}

}  // namespace

std::string scratch_dir() {
  const auto dir = scratch_path();
  std::filesystem::remove_all(dir);
  // A test finishing beside this one removes its empty parents (remove_scratch_dir), which may be
  // ours between create_directories' steps: that race shows as ENOENT, and a retry wins it.
  std::error_code error;
  for (int attempt = 0; attempt < 20; ++attempt) {
    error.clear();
    std::filesystem::create_directories(dir, error);
    if (error != std::errc::no_such_file_or_directory) break;
  }
  if (error)
    throw std::filesystem::filesystem_error("cannot create the scratch folder", dir, error);
  return dir.string();
}

void remove_scratch_dir() {
  auto dir = scratch_path();
  std::filesystem::remove_all(dir);
  // Its empty parents too, up to the scratch root (one that is not empty holds another test's).
  const auto root = std::filesystem::path(build_dir()) / "test-scratch";
  std::error_code not_empty;
  for (dir = dir.parent_path(); dir != root && std::filesystem::remove(dir, not_empty);)
    dir = dir.parent_path();
}

}  // namespace onnxbench::testing
