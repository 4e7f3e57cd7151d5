// Waiting for a program to run on an emulated device, which is this host: the device tests cut
// the connection once it does.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace onnxbench::testing {

// Waits (up to 120 s) until a process runs whose program (argv[0]) holds `fragment` and ends
// with `program_name`: the program itself, not a copy of it on its way to the device.
inline bool wait_for_process(const std::string& fragment, const std::string& program_name) {
  namespace fs = std::filesystem;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator("/proc")) {
      std::string cmdline;
      try {
        std::ifstream in(entry.path() / "cmdline");
        cmdline.assign(std::istreambuf_iterator<char>(in), {});
      } catch (const std::exception&) {
        continue;  // the process ended while we read it
      }
      const std::string program = cmdline.substr(0, cmdline.find('\0'));
      if (program.find(fragment) != std::string::npos && program.ends_with(program_name))
        return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace onnxbench::testing
