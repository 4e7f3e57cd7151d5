#include "engines/qualcomm/qaic_runner_output.h"

#include <regex>
#include <sstream>

namespace onnxbench::qualcomm {

QaicRunnerStats parse_qaic_runner_stats(const ToolRun& run) {
  check_tool_run(run);
  static const std::regex stats(
      R"(InferenceCnt\s+([0-9]+)\s+TotalDuration\s+([0-9]+(?:\.[0-9]*)?)us\s+BatchSize\s+([0-9]+)\s+Inf/Sec\s+([0-9]+(?:\.[0-9]*)?))");
  static const std::regex written(R"(^\s*Writing file:\s*(\S.*?)\s*$)");
  QaicRunnerStats result;
  bool found = false;
  std::istringstream in(run.output);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, stats)) {
      result.inference_count = std::stoll(m[1].str());
      result.total_duration_us = std::stod(m[2].str());
      result.batch_size = std::stoi(m[3].str());
      result.inf_per_sec = std::stod(m[4].str());
      found = true;
    } else if (std::regex_search(line, m, written)) {
      result.latency_files.push_back(m[1].str());
    }
  }
  if (!found)
    throw_unexpected_output(run,
                            "\"InferenceCnt <n> TotalDuration <t>us BatchSize <b> Inf/Sec <x>\"");
  return result;
}

}  // namespace onnxbench::qualcomm
