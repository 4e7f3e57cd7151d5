#include "core/statistics_json.h"

#include <limits>
#include <utility>

namespace onnxbench {
namespace {

// Every LatencyStats field but count, with its JSON name.
constexpr std::pair<const char*, double LatencyStats::*> kFields[] = {
    {"mean", &LatencyStats::mean},   {"min", &LatencyStats::min},    {"p50", &LatencyStats::p50},
    {"p75", &LatencyStats::p75},     {"p90", &LatencyStats::p90},    {"p95", &LatencyStats::p95},
    {"p99", &LatencyStats::p99},     {"p99.9", &LatencyStats::p999}, {"max", &LatencyStats::max},
    {"stdev", &LatencyStats::stdev}, {"cv", &LatencyStats::cv}};

}  // namespace

nlohmann::json to_json(const LatencyStats& s) {
  nlohmann::json j = {{"count", s.count}};
  if (s.count == 0) return j;
  for (const auto& [name, member] : kFields) j[name] = s.*member;
  return j;
}

LatencyStats latency_stats_from_json(const JsonFields& f) {
  LatencyStats s{};
  s.count = static_cast<std::size_t>(f.integer("count", 0));
  for (const auto& [name, member] : kFields)
    s.*member = s.count ? f.number_or_null(name) : std::numeric_limits<double>::quiet_NaN();
  return s;
}

}  // namespace onnxbench
