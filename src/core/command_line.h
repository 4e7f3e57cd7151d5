// The command line onnxbench was started with, kept by main so that records can say exactly
// what was run.
#pragma once

#include <string>
#include <vector>

namespace onnxbench {

void remember_command_line(int argc, const char* const* argv);
// Empty until main remembered it (tests that call the libraries directly).
const std::vector<std::string>& command_line();

}  // namespace onnxbench
