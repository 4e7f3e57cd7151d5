// What a runner process has used so far, read from /proc: its peak resident memory and the CPU
// time of all its threads and of the children it has waited for; and the memory its process
// group holds now.
#pragma once

#include <sys/types.h>

#include <cstdint>

namespace onnxbench {

struct ProcessUsage {
  std::uint64_t peak_rss_bytes = 0;  // VmHWM
  double cpu_s = 0;                  // user + system, threads and reaped children included
};

// Zeros when the process is gone or /proc cannot be read.
ProcessUsage process_usage(pid_t pid);

// The resident memory of every process in process group `group`, summed: a runner and whatever
// it started (worker processes, a shell's children) count together. 0 when none is left.
std::uint64_t group_resident_bytes(pid_t group);

}  // namespace onnxbench
