// Compares onnxbench's latencies with a bare loop's, round by round, from sample files written in
// the same run: bare loops write one latency (ms) per line, onnxbench --samples writes CSV
// "instance,latency_ms". Prints each round's medians and the overhead at the median.
// usage: overhead_report LABEL BARE_1 ONNXBENCH_1 [BARE_2 ONNXBENCH_2 ...]
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/statistics.h"

namespace {

std::vector<double> read_samples(const std::string& path) {
  std::vector<double> v;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto comma = line.rfind(',');
    const std::string field = comma == std::string::npos ? line : line.substr(comma + 1);
    if (!field.empty() && (std::isdigit(static_cast<unsigned char>(field[0])) || field[0] == '.'))
      v.push_back(std::stod(field));
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
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
