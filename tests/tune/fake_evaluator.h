// A fake engine for the search tests: a known throughput landscape over threads, instances,
// batch, set_size and execution_mode, with a global optimum and a local one that a search started
// at one thread and one instance is stuck in. Counts its calls and can advance a fake clock.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "tune/search.h"

namespace onnxbench::tune::testing {

inline long long int_knob(const Config& c, const std::string& name, long long fallback) {
  const auto it = c.find(name);
  return it == c.end() || it->second.is_null() ? fallback : it->second.get<long long>();
}

// Two peaks over (threads, instances): a low one at (1, 1), the high one at (6, 3); a valley
// between them. Batch peaks at 8, set_size at 3, parallel beats sequential.
inline double landscape_throughput(const Config& c) {
  const long long t = int_knob(c, "threads", 1), i = int_knob(c, "instances", 1);
  const long long b = int_knob(c, "batch", 1), s = int_knob(c, "set_size", 1);
  const double local = 100.0 - 20.0 * static_cast<double>(std::llabs(t - 1) + std::llabs(i - 1));
  const double global = 300.0 - 50.0 * static_cast<double>(std::llabs(t - 6) + std::llabs(i - 3));
  const double base = std::max({local, global, 10.0});
  const std::map<long long, double> batch_gain = {
      {1, 1.0}, {2, 1.3}, {4, 1.5}, {8, 1.6}, {16, 1.4}};
  const std::map<long long, double> set_gain = {{1, 1.0}, {2, 1.1}, {3, 1.15}, {4, 1.12}};
  const auto mode = c.find("execution_mode");
  const double mode_gain = mode != c.end() && mode->second == "parallel" ? 1.1 : 1.0;
  return base * batch_gain.at(b) * set_gain.at(s) * mode_gain;
}

// Latency by Little's law: the requests in flight over the rate at which they finish.
inline LatencyStats latency_for(const Config& c, double throughput) {
  const double in_flight = static_cast<double>(
      int_knob(c, "instances", 1) * int_knob(c, "set_size", 1) * int_knob(c, "batch", 1));
  const double l = in_flight / throughput * 1000.0;
  LatencyStats s{};
  s.count = 100;
  s.mean = s.p50 = l;
  s.min = 0.9 * l;
  s.p75 = 1.05 * l;
  s.p90 = 1.1 * l;
  s.p95 = 1.15 * l;
  s.p99 = 1.25 * l;
  s.p999 = 1.4 * l;
  s.max = 1.5 * l;
  s.stdev = 0.1 * l;
  s.cv = 0.1;
  return s;
}

// onnxbench's knobs on an 8-core machine and two of an engine's own.
inline std::vector<KnobInfo> test_knobs() {
  return {{"threads", "int", 1, 8, {}, false, nullptr},
          {"instances", "int", 1, 4, {}, false, 1},
          {"batch", "int", 1, 64, {}, true, 1},
          {"set_size", "int", 1, 16, {}, false, 1},
          {"execution_mode", "enum", {}, {}, {"sequential", "parallel"}, false, "sequential"},
          {"enable_mem_pattern", "bool", {}, {}, {false, true}, false, true}};
}

class FakeEvaluator : public Evaluator {
 public:
  TrialOutcome evaluate(const Config& config) override {
    ++calls;
    ++calls_of[config];
    clock_now += seconds_per_trial;
    TrialOutcome o;
    if (fails && fails(config)) {
      o.status = TrialOutcome::Status::kFailed;
      o.reason = "engine refused the config";
      return o;
    }
    o.throughput = landscape_throughput(config);
    if (lucky && *lucky == config && calls_of[config] == 1) o.throughput *= 2;
    o.latency_ms = latency_for(config, o.throughput);
    return o;
  }

  Clock clock() {
    return [this] { return clock_now; };
  }

  int calls = 0;
  std::map<Config, int> calls_of;
  double clock_now = 0;
  double seconds_per_trial = 0;
  std::function<bool(const Config&)> fails;  // configs the engine refuses
  std::optional<Config> lucky;               // measured twice as fast the first time only
};

}  // namespace onnxbench::tune::testing
