// The tuner on the console: one line per trial while it runs, then the configs ranked by the
// objective and the winner's latency table (seed 004's mean/min/p50...p99/max rows).
#pragma once

#include <ostream>
#include <string>

#include "tune/search.h"

namespace onnxbench {

// "batch=4 execution_mode=sequential instances=2 threads=1": the searched knobs only (the
// static ones are the same in every trial).
std::string searched_text(const tune::SearchSpec& spec, const tune::Config& config);
// "[ 7/40 search] threads=1 ... | 123.4 inf/s p50 5.120 ms | best 130.2 inf/s"
std::string trial_line(const tune::SearchSpec& spec, const tune::Trial& trial,
                       const tune::SearchResult& so_far);
void print_tune_results(std::ostream& out, const tune::SearchSpec& spec,
                        const tune::SearchResult& result, std::size_t top);

}  // namespace onnxbench
