// `farm worker`: declares what this machine can do, then claims the most urgent task it can run,
// runs it, stores its records and artifacts and completes it, until told to stop. The database
// going away makes it wait and reconnect; SIGTERM hands the current task back and exits.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "farm/hygiene.h"

namespace onnxbench::farm {

struct WorkerOptions {
  std::string store_url, name;
  std::vector<std::string> capabilities;  // added to the detected ones
  // The devices of this host it measures on (names in the store); `local` when none is given.
  // A measuring stage runs only while the worker holds one of them.
  std::vector<std::string> devices;
  // Failed measuring attempts in a row that quarantine a device: more than a stage's default
  // max_attempts (3), so that one broken model alone does not.
  int quarantine_after = 5;
  CooldownOptions cooldown;
  long long max_tasks = 0;  // 0: no limit
  double idle_exit_s = 0;   // 0: never exit when idle
  double lease_s = 30, poll_s = 2;
  std::uint64_t memory_limit_bytes = 8ull << 30;
};

// The engines whose runners are installed, the CPU and the host name, as capability tags.
std::vector<std::string> detected_capabilities();

// Returns how many tasks it completed. `stop` is set by the signal handler.
long long run_worker(const WorkerOptions& options, const std::atomic<bool>& stop);

}  // namespace onnxbench::farm
