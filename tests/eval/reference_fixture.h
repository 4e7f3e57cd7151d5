// The reference values tests/eval/fixtures/reference_metrics.py writes (scikit-learn,
// torchvision), generated once per test run into a scratch folder.
#pragma once

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "core/file_io.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

// The folder with the reference files, or "" when Debian's python3 packages are missing.
inline std::string reference_dir() {
  static const std::string dir = [] {
    const std::string d = scratch_dir();
    const std::string cmd = "/usr/bin/python3 " + source_dir() +
                            "/tests/eval/fixtures/reference_metrics.py " + d + " > " + d +
                            "/log.txt 2>&1";
    return std::system(cmd.c_str()) == 0 ? d : std::string();
  }();
  return dir;
}

}  // namespace onnxbench::testing
