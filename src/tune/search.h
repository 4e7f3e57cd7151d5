// The search: multi-start local search over the discrete space, memoized trials, budgets,
// re-measurement of the leading candidates before a winner is declared, or the full grid.
// Engine-agnostic: trials are run by an Evaluator, which the tests fake with a known landscape.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/statistics.h"
#include "tune/spec.h"

namespace onnxbench::tune {

struct TrialOutcome {
  enum class Status { kOk, kSkipped, kFailed } status = Status::kOk;
  std::string reason;     // why skipped or failed
  double throughput = 0;  // inferences per second
  LatencyStats latency_ms{};
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Measures one full config (searched and static knobs). Must not throw for a config the engine
  // refuses or crashes on: that is a kFailed outcome with the reason.
  virtual TrialOutcome evaluate(const Config& config) = 0;
};

struct Trial {
  int index = 0;      // order of measurement, from 1
  std::string phase;  // "search", "remeasure" or "grid"
  Config config;      // searched + static knobs
  TrialOutcome outcome;
  double elapsed_s = 0;  // time since the search started, from the clock
};

// Seconds since some fixed point; a fake in tests.
using Clock = std::function<double()>;

struct SearchOptions {
  bool exhaustive = false;  // the full grid instead of the local search
  int remeasure_top = 3;    // leading distinct configs measured again...
  int remeasure_times = 2;  // ...this many more times each
  Clock clock;              // for the time budget; required
};

// Ranked candidate: one config with all its measurements.
struct Candidate {
  Config config;
  std::vector<const Trial*> measurements;
  double score = 0;      // mean of the objective over the measurements (higher is better)
  double spread = 0;     // (max - min) / |mean| of the objective over the measurements
  bool feasible = true;  // meets the latency constraint (on the mean percentile)
  double throughput = 0, latency_percentile_ms = 0;  // means over the measurements
};

struct SearchResult {
  std::vector<Trial> trials;       // every trial, in order (resumed ones first)
  std::vector<Candidate> ranking;  // distinct ok configs, best first; infeasible last
  std::string stop_reason;         // "converged", "max_func_eval", "time_budget", "grid done"
};

using TrialHandler = std::function<void(const Trial& trial, const SearchResult& so_far)>;

// `previous` are trials of an interrupted search of the same spec (resume): their configs are
// not measured again and count toward max_func_eval. on_trial is called after every trial.
SearchResult run_search(const SearchSpec& spec, Evaluator& evaluator, const SearchOptions& options,
                        std::vector<Trial> previous = {}, const TrialHandler& on_trial = {});

// The objective as a number where higher is better: throughput, or minus the latency percentile.
double objective_value(const SearchSpec& spec, const TrialOutcome& outcome);
// The latency percentile the spec names, from the outcome's statistics (50, 75, 90, 95, 99, 99.9).
double latency_at(const LatencyStats& stats, double percentile);

// Number of points of the full grid of the spec's params.
long long grid_size(const SearchSpec& spec);

}  // namespace onnxbench::tune
