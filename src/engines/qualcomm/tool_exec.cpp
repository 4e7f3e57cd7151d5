#include "engines/qualcomm/tool_exec.h"

#include <filesystem>

#include "core/shell_word.h"
#include "engines/subprocess.h"

namespace onnxbench::qualcomm {

ToolRun run_tool(const ToolCommand& command, std::chrono::milliseconds timeout) {
  ToolRun run;
  run.tool = std::filesystem::path(command.program).filename().string();
  run.command_line = shell_word(command.program);
  for (const auto& a : command.args) run.command_line += " " + shell_word(a);
  ProcessSpec spec{{command.program}, command.cwd, command.env};
  spec.argv.insert(spec.argv.end(), command.args.begin(), command.args.end());
  Subprocess process(spec);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    const auto status = process.read_line(line, std::max(left, std::chrono::milliseconds(1)), 0);
    if (status == Subprocess::ReadStatus::kLine) {
      run.output += line + "\n";
    } else if (status == Subprocess::ReadStatus::kClosed) {
      break;
    } else {
      process.kill();
      throw ToolError(run.tool + " (" + run.command_line + ") did not finish within " +
                      std::to_string(timeout.count() / 1000) +
                      " s; last lines: " + last_lines(run.output));
    }
  }
  process.finish(std::chrono::seconds(10));  // its stdout closed: it is exiting
  for (const auto& err : process.stderr_tail()) run.output += err + "\n";
  run.exit_status = process.exit_code();
  if (run.exit_status < 0 && process.exit_description() != "running")
    throw ToolError(run.tool + " (" + run.command_line + ") " + process.exit_description() +
                    "; last lines: " + last_lines(run.output));
  return run;
}

}  // namespace onnxbench::qualcomm
