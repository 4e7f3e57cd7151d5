// Measurement records as JSON: the same fields the console shows, plus everything needed to
// reproduce and compare runs.
#pragma once

#include <nlohmann/json.hpp>

#include "bench/bench_result.h"
#include "core/distribution.h"
#include "core/statistics_json.h"  // to_json(LatencyStats)

namespace onnxbench {

// docs/record-schema.md describes this version; raise it when a field changes meaning or goes.
constexpr int kRecordSchemaVersion = 1;

nlohmann::json to_json(const LatencyDistribution& distribution);
nlohmann::json to_json(const HostInfo& host);
nlohmann::json to_json(const EffectiveConfig& config);
nlohmann::json to_json(const BenchResult& result);
nlohmann::json to_json(const ProfileResult& result);

}  // namespace onnxbench
