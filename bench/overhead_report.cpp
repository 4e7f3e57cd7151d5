// Compares onnxbench's latencies with a bare loop's, round by round, from sample files written in
// the same run: bare loops write one latency (ms) per line, onnxbench --samples writes CSV
// "instance,latency_ms,start_ms,end_ms" (latency_ms is read). Prints each round's medians and the
// overhead at the median. usage: overhead_report LABEL BARE_1 ONNXBENCH_1 [BARE_2 ONNXBENCH_2 ...]
//        overhead_report --record RECORD.json STAGE[+STAGE...]
// The second form reads one `onnxbench bench --json` record and prints the share of the measured
// wall time that was not spent in the named engine stages: everything the harness did between and
// around engine calls, measured in one run and so immune to the machine's drift between runs.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/statistics.h"

namespace {

std::vector<double> read_samples(const std::string& path) {
  std::vector<double> v;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto comma = line.find(',');
    const std::string field = comma == std::string::npos
                                  ? line
                                  : line.substr(comma + 1, line.find(',', comma + 1) - comma - 1);
    if (!field.empty() && (std::isdigit(static_cast<unsigned char>(field[0])) || field[0] == '.'))
      v.push_back(std::stod(field));
  }
  return v;
}

}  // namespace

int harness_share(const std::string& path, const std::string& stages) {
  const auto record = nlohmann::json::parse(onnxbench::read_file(path));
  const double wall_ms = record["measure"]["wall_ms"];
  const double requests = record["measure"]["requests"];
  double engine_ms = 0;
  for (std::size_t start = 0; start <= stages.size();) {
    const std::size_t plus = std::min(stages.find('+', start), stages.size());
    const std::string stage = stages.substr(start, plus - start);
    engine_ms += requests * record["stages_ms"][stage]["mean"].get<double>();
    start = plus + 1;
  }
  std::printf("%s: %.0f requests in %.1f ms, %.1f ms in %s: harness share %.3f%%\n",
              record["engine"]["name"].get<std::string>().c_str(), requests, wall_ms, engine_ms,
              stages.c_str(), 100.0 * (wall_ms - engine_ms) / wall_ms);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--record") return harness_share(argv[2], argv[3]);
  if (argc < 4 || argc % 2 != 0) {
    std::fprintf(stderr,
                 "usage: overhead_report LABEL BARE_1 ONNXBENCH_1 [BARE_2 ONNXBENCH_2 ...]\n");
    return 2;
  }
  std::vector<double> overheads;
  std::printf("%s\n  round  bare p50 ms  (n)        onnxbench p50 ms  (n)        overhead\n",
              argv[1]);
  for (int i = 2; i + 1 < argc; i += 2) {
    const auto bare = onnxbench::summarize(read_samples(argv[i]));
    const auto ours = onnxbench::summarize(read_samples(argv[i + 1]));
    if (bare.count == 0 || ours.count == 0) {
      std::fprintf(stderr, "overhead_report: no samples in %s or %s\n", argv[i], argv[i + 1]);
      return 1;
    }
    const double overhead = (ours.p50 - bare.p50) / bare.p50;
    overheads.push_back(overhead);
    std::printf("  %5d  %11.4f  (%6zu)   %16.4f  (%6zu)   %+7.2f%%\n", i / 2, bare.p50, bare.count,
                ours.p50, ours.count, overhead * 100);
  }
  const auto all = onnxbench::summarize(overheads);
  std::printf("  median overhead over %zu rounds: %+.2f%%\n", overheads.size(), all.p50 * 100);
  return 0;
}
