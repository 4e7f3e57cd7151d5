// What machine a measurement was taken on.
#pragma once

#include <cstdint>
#include <string>

namespace onnxbench {

struct HostInfo {
  std::string hostname;
  std::string cpu_model;  // /proc/cpuinfo "model name"
  unsigned logical_cores = 0;
  std::uint64_t memory_bytes = 0;  // MemTotal
  std::string os;                  // "Linux 6.1.0 x86_64"
};

HostInfo host_info();

}  // namespace onnxbench
