// Runs the built onnxbench executable as a user would, for end-to-end tests.
#pragma once

#include <string>

namespace onnxbench::testing {

struct CliResult {
  int exit_code;       // -1 when it did not exit normally
  std::string output;  // stdout and stderr together
};

// `args` go through the shell as they are.
CliResult run_cli(const std::string& args);

}  // namespace onnxbench::testing
