// qaic-runner's summary: " ---- Stats ----" then
// "InferenceCnt <n> TotalDuration <t>us BatchSize <b> Inf/Sec <x>", and the latency files it wrote
// with --aic-profiling-type latency ("Writing file:<dir>/aic-profiling-program-<i>-latency.txt").
#pragma once

#include <string>
#include <vector>

#include "engines/qualcomm/tool_run.h"

namespace onnxbench::qualcomm {

struct QaicRunnerStats {
  long long inference_count = 0;
  double total_duration_us = 0;
  int batch_size = 0;
  double inf_per_sec = 0;                  // as printed: samples (inferences x batch) per second
  std::vector<std::string> latency_files;  // in the order written
};

// Checks the run (check_tool_run) and reads its output; ToolError when the stats line is missing.
QaicRunnerStats parse_qaic_runner_stats(const ToolRun& run);

}  // namespace onnxbench::qualcomm
