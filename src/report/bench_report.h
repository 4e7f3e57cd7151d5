// The bench record on the console and as raw samples.
#pragma once

#include <ostream>
#include <string>

#include "bench/bench_result.h"

namespace onnxbench {

void print_bench(std::ostream& out, const BenchResult& result);
// CSV "instance,latency_ms,start_ms,end_ms", one row per measured request; start and end are
// after the measured phase's start (left out when the engine sent no timestamps).
void write_samples_csv(const std::string& path, const BenchResult& result);
// One line for a record's context: "instances 1, batch 1, set-size 1, ..."
std::string describe_config(const EffectiveConfig& config);
std::string describe_host(const HostInfo& host);
// Why `count` measured requests are too few for the reported percentiles; empty when enough.
std::string few_samples_note(long long count);

}  // namespace onnxbench
