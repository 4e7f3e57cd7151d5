#include "engines/qualcomm/snpe_throughput_output.h"

#include <regex>
#include <sstream>

namespace onnxbench::qualcomm {

SnpeThroughput parse_snpe_throughput(const ToolRun& run) {
  check_tool_run(run);
  static const std::regex total(
      R"(Total throughput:\s*([0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\s*infs/sec)");
  static const std::regex thread(
      R"([Tt]hread\s*:?\s*([0-9]+)\b.*?([0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)\s*infs/sec)");
  SnpeThroughput result;
  bool found_total = false;
  std::istringstream in(run.output);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, total)) {
      result.total_infs_per_sec = std::stod(m[1].str());
      found_total = true;
    } else if (std::regex_search(line, m, thread)) {
      result.thread_infs_per_sec.push_back(std::stod(m[2].str()));
    }
  }
  if (!found_total) throw_unexpected_output(run, "\"Total throughput: <number> infs/sec\"");
  return result;
}

}  // namespace onnxbench::qualcomm
