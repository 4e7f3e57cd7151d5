// snpe-throughput-net-run's report: "Total throughput: <x> infs/sec" and one throughput line per
// worker thread ("Thread 0 ... <x> infs/sec", "... thread 0: <x> infs/sec").
#pragma once

#include <vector>

#include "engines/qualcomm/tool_run.h"

namespace onnxbench::qualcomm {

struct SnpeThroughput {
  double total_infs_per_sec = 0;
  std::vector<double> thread_infs_per_sec;  // index = thread number, in the order printed
};

// Checks the run (check_tool_run) and reads its output; ToolError when the total is missing.
SnpeThroughput parse_snpe_throughput(const ToolRun& run);

}  // namespace onnxbench::qualcomm
