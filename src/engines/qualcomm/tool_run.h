// One run of a Qualcomm command-line tool (snpe-*, qnn-*, qairt-*, qaic-*) and the check that it
// really succeeded. Some tools print a failure and still exit 0 (snpe-net-run's "Unable to create
// SNPE instance ... error_code=402"); such a run is an error, never a parsed number.
#pragma once

#include <string>

#include "core/error.h"

namespace onnxbench::qualcomm {

struct ToolRun {
  std::string tool;          // "snpe-net-run"
  std::string command_line;  // as run, for the error message
  int exit_status = 0;
  std::string output;  // stdout and stderr together, as the tool printed them
};

// A tool that failed or printed something unexpected. The message names the tool, the command
// line and the last lines the tool printed.
class ToolError : public Error {
 public:
  using Error::Error;
};

// The last `count` non-empty lines of `text`, joined with " | " (one line for an error message).
std::string last_lines(const std::string& text, int count = 5);

// Throws ToolError when the run exited non-zero or its output holds a failure the tool reports
// with exit status 0.
void check_tool_run(const ToolRun& run);

// Throws ToolError naming the run and `what` was expected of its output.
[[noreturn]] void throw_unexpected_output(const ToolRun& run, const std::string& what);

}  // namespace onnxbench::qualcomm
