#include "engines/qualcomm/tool_run.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <string_view>
#include <vector>

namespace onnxbench::qualcomm {
namespace {

// Failures the tools print while exiting 0: SNPE's builder errors carry an error_code, and the
// runtimes' setup failures start with these phrases.
constexpr std::array<std::string_view, 6> kFailureMarkers = {
    "error_code=",         "Unable to create",       "Failed to create",
    "Error while loading", "Could not load library", "[ERROR]"};

std::string describe(const ToolRun& run) { return run.tool + " (" + run.command_line + ")"; }

}  // namespace

std::string last_lines(const std::string& text, int count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) lines.push_back(line);
  }
  const std::size_t first = lines.size() > static_cast<std::size_t>(count)
                                ? lines.size() - static_cast<std::size_t>(count)
                                : 0;
  std::string joined;
  for (std::size_t i = first; i < lines.size(); ++i)
    joined += (joined.empty() ? "" : " | ") + lines[i];
  return joined.empty() ? "(no output)" : joined;
}

void check_tool_run(const ToolRun& run) {
  if (run.exit_status != 0)
    throw ToolError(describe(run) + " exited with status " + std::to_string(run.exit_status) +
                    "; last lines: " + last_lines(run.output));
  for (std::string_view marker : kFailureMarkers)
    if (run.output.find(marker) != std::string::npos)
      throw ToolError(describe(run) + " reported a failure (\"" + std::string(marker) +
                      "\") although it exited 0; last lines: " + last_lines(run.output));
}

void throw_unexpected_output(const ToolRun& run, const std::string& what) {
  throw ToolError(describe(run) + ": expected " + what +
                  " in its output; last lines: " + last_lines(run.output));
}

}  // namespace onnxbench::qualcomm
