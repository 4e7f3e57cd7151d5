// Runs the built onnxbench executable as a user would, for end-to-end tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace onnxbench::testing {

struct CliResult {
  int exit_code;       // -1 when it did not exit normally
  std::string output;  // stdout and stderr together
};

// `args` go through the shell as they are.
CliResult run_cli(const std::string& args);

// Exit status 1 and exactly one line, "onnxbench: error: ...", containing every fragment.
::testing::AssertionResult is_one_line_error(const CliResult& result,
                                             const std::vector<std::string>& fragments);

}  // namespace onnxbench::testing
