// Compares the throughput of two configs measured alternately in one run: pairs of
// `onnxbench bench --json` records, A then B, round after round. Prints each round's figures and
// B's throughput relative to A's over all rounds.
// usage: compare_records LABEL A_1.json B_1.json [A_2.json B_2.json ...]
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "core/statistics.h"

int main(int argc, char** argv) {
  if (argc < 4 || argc % 2 != 0) {
    std::fprintf(stderr,
                 "usage: compare_records LABEL A_1.json B_1.json [A_2.json B_2.json ...]\n");
    return 2;
  }
  std::vector<double> a, b, ratios;
  std::printf("%s\n  round  A inf/s    B inf/s    B/A\n", argv[1]);
  for (int i = 2; i + 1 < argc; i += 2) {
    const auto ra = nlohmann::json::parse(onnxbench::read_file(argv[i]));
    const auto rb = nlohmann::json::parse(onnxbench::read_file(argv[i + 1]));
    a.push_back(ra["throughput_per_s"]);
    b.push_back(rb["throughput_per_s"]);
    ratios.push_back(b.back() / a.back());
    std::printf("  %5d  %9.2f  %9.2f  %.4f\n", i / 2, a.back(), b.back(), ratios.back());
  }
  const auto sa = onnxbench::summarize(a), sb = onnxbench::summarize(b),
             sr = onnxbench::summarize(ratios);
  std::printf("  mean   %9.2f  %9.2f  B/A of means %.4f, median per-round B/A %.4f\n", sa.mean,
              sb.mean, sb.mean / sa.mean, sr.p50);
  return 0;
}
