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
  std::filesystem::create_directories(dir);
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
