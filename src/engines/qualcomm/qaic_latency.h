// qaic-runner's per-inference latency files (--aic-profiling-type latency):
// aic-profiling-program-<i>-latency.txt holds four header lines, then a CSV table with one row per
// inference: "Sample", one column per latency metric in µs (named "<metric>Us": hostRoundTripUs,
// execTotalUs, totalRoundtripTimeUs, ...) and the queue columns "queueDepth", "numInfInQueue".
// Several files (one per instance) are combined as Qualcomm's latency_stats_python3.py combines
// them, and summarized into seed 004's table (mean, min, 50/75/90/95/99 %, max per metric, ms).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/statistics.h"

namespace onnxbench::qualcomm {

struct LatencyMetric {
  std::string name;  // without the "Us" suffix: "hostRoundTrip"
  std::vector<double> samples_us;
};

// Metrics in the files' column order; the samples of every file appended in file order.
// `file_name` only names the text in errors (InputError naming the file, line and column).
std::vector<LatencyMetric> parse_qaic_latency_file(const std::string& text,
                                                   const std::string& file_name);
// Appends `more` to `into`; the two must hold the same metrics (InputError otherwise).
void append_latency_metrics(std::vector<LatencyMetric>& into,
                            const std::vector<LatencyMetric>& more, const std::string& file_name);

// Seed 004's table, values in ms with six decimals, statistics by core summarize() (nearest-rank
// percentiles; Qualcomm's script interpolates, so percentiles may differ by one sample):
//                         mean       min       50%       75%       90%       95%       99% max
//   hostRoundTrip       0.684067  0.634000  0.680000  ...
std::string format_latency_table(const std::vector<std::pair<std::string, LatencyStats>>& rows);

}  // namespace onnxbench::qualcomm
