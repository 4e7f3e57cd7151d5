#include "core/command_line.h"

namespace onnxbench {
namespace {

std::vector<std::string>& stored() {
  static std::vector<std::string> args;
  return args;
}

}  // namespace

void remember_command_line(int argc, const char* const* argv) {
  stored().assign(argv, argv + argc);
}

const std::vector<std::string>& command_line() { return stored(); }

}  // namespace onnxbench
