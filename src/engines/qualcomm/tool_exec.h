// Runs one Qualcomm tool to completion through the one process launcher (engines/subprocess) and
// returns what check_tool_run and the parsers need.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "engines/qualcomm/tool_run.h"

namespace onnxbench::qualcomm {

struct ToolCommand {
  std::string program;  // path of the tool
  std::vector<std::string> args;
  std::string cwd;  // empty: inherit
  std::vector<std::pair<std::string, std::string>> env;
};

// Waits up to `timeout` for the tool to finish (then kills it: ToolError). The tool's name in the
// result is the program's file name; its command line is quoted as a shell would need it.
// StartError when it cannot be started.
ToolRun run_tool(const ToolCommand& command, std::chrono::milliseconds timeout);

}  // namespace onnxbench::qualcomm
