#include "support/run_cli.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>

#include "support/test_paths.h"

namespace onnxbench::testing {

CliResult run_cli(const std::string& args) {
  const std::string command = build_dir() + "/onnxbench " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string output;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

::testing::AssertionResult is_one_line_error(const CliResult& r,
                                             const std::vector<std::string>& fragments) {
  if (r.exit_code != 1)
    return ::testing::AssertionFailure() << "exit status " << r.exit_code << ": " << r.output;
  if (r.output.rfind("onnxbench: error: ", 0) != 0)
    return ::testing::AssertionFailure() << "not an onnxbench error line: " << r.output;
  if (std::count(r.output.begin(), r.output.end(), '\n') != 1)
    return ::testing::AssertionFailure() << "not one line: " << r.output;
  for (const auto& f : fragments)
    if (r.output.find(f) == std::string::npos)
      return ::testing::AssertionFailure() << "no '" << f << "' in: " << r.output;
  return ::testing::AssertionSuccess();
}

}  // namespace onnxbench::testing
