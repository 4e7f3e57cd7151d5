// LatencyStats as JSON, written in one place for records (`--json`, the store) and tune's trial
// log, and read back with the JSON field reader: {"count", "mean", "min", "p50", "p75", "p90",
// "p95", "p99", "p99.9", "max", "stdev", "cv"}; the summary of no samples is {"count": 0}.
#pragma once

#include <nlohmann/json.hpp>

#include "core/json_fields.h"
#include "core/statistics.h"

namespace onnxbench {

nlohmann::json to_json(const LatencyStats& stats);
// Every statistic is required when count > 0 (null reads as NaN); all are NaN when count is 0.
LatencyStats latency_stats_from_json(const JsonFields& fields);

}  // namespace onnxbench
