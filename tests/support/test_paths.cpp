#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace onnxbench::testing {

std::string source_dir() { return ONNXBENCH_SOURCE_DIR; }
std::string build_dir() { return ONNXBENCH_BUILD_DIR; }

std::string scratch_dir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(build_dir()) / "test-scratch" / info->test_suite_name() / info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace onnxbench::testing
