#include "support/run_cli.h"

#include <sys/wait.h>

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

}  // namespace onnxbench::testing
