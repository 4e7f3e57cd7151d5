// The search spec of `onnxbench tune` (seed 004's model-configurator format, plus what its users
// lack): which knobs to search over which values, the objective, a latency constraint, budgets.
//
//   {"max_func_eval": 40, "objective": "maximize_inf_rate",
//    "params": {"instances": {"min": 1, "max": 2}, "batch": {"min": 1, "max": 16},
//               "execution_mode": {"values": ["sequential", "parallel"]}},
//    "initial_values": [{"instances": 1, "batch": 1}],
//    "static_params": {"graph_optimization_level": "all"},
//    "latency_percentile": 99, "latency_constraint_ms": 25, "time_budget_s": 600,
//    "max_total_threads": 2}
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace onnxbench::tune {

// One value per knob; std::map keeps a stable order, so equal configs compare and print alike.
using Config = std::map<std::string, nlohmann::json>;

// Knobs of onnxbench itself, set by each trial's load plan: threads (mapped to the engine's threads
// knob), instances, batch (power of two), set_size. All other knobs are the engine's own.
inline constexpr const char* kThreads = "threads";
inline constexpr const char* kInstances = "instances";
inline constexpr const char* kBatch = "batch";
inline constexpr const char* kSetSize = "set_size";

enum class Objective { kMaximizeInfRate, kMinimizeLatency };

// A knob the tuner may set: onnxbench's own (threads, instances, batch, set_size) or one the
// engine declares. Values are the knob's whole domain where it is finite (enums, bools).
struct KnobInfo {
  std::string name;
  std::string type;  // "int", "enum", "bool"
  std::optional<long long> min, max;
  std::vector<nlohmann::json> values;  // enum and bool knobs
  bool power_of_two = false;  // neighbours are x2 and /2; a min..max range keeps powers of 2
  nlohmann::json default_value;
};

// A searched knob and its ordered candidate values.
struct Param {
  std::string name;
  std::vector<nlohmann::json> values;
  bool power_of_two = false;
};

struct SearchSpec {
  int max_func_eval = 40;  // trials of the search, re-measurements excluded
  Objective objective = Objective::kMaximizeInfRate;
  double latency_percentile = 50;  // what minimize_latency minimizes and the constraint bounds
  std::optional<double> latency_constraint_ms;  // maximize throughput subject to pXX <= this
  double time_budget_s = 0;                     // 0 = none
  std::optional<long long> max_total_threads;   // threads x instances above this are skipped
  std::vector<Param> params;
  std::vector<Config> initial_values;  // each a full point of the searched params
  Config static_params;                // fixed values of knobs not searched
};

// Throws InputError "<source>: <field>: <what was expected>" for an unknown knob, min > max, a
// value outside a knob's domain, an initial point outside the search range or missing a param, a
// knob both searched and static, an unknown objective, a non-positive budget.
SearchSpec parse_spec(const nlohmann::json& spec, const std::string& source,
                      const std::vector<KnobInfo>& knobs);

// The engine's declared search space: every knob of `knobs` with a finite or bounded domain, int
// ranges capped at `int_cap` values (threads and instances up to the cores, batch 1..16 in powers
// of two, set_size 1..4), objective maximize_inf_rate.
SearchSpec default_spec(const std::vector<KnobInfo>& knobs, int max_func_eval);

std::string objective_name(Objective objective);  // "maximize_inf_rate", "minimize_latency"

}  // namespace onnxbench::tune
