#include "tune/search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "core/error.h"

namespace onnxbench::tune {
namespace {

using Point = std::vector<std::size_t>;  // an index into each param's values
using Status = TrialOutcome::Status;

const std::string kSearchPhase = "search";
const std::string kRemeasurePhase = "remeasure";
const std::string kGridPhase = "grid";

bool meets_constraint(const SearchSpec& spec, double latency_ms) {
  return !spec.latency_constraint_ms || latency_ms <= *spec.latency_constraint_ms;
}

// Threads x instances; a knob left to the engine's default (absent, null or 0) counts as 1.
long long total_threads(const Config& config) {
  auto count = [&](const char* name) {
    const auto it = config.find(name);
    if (it == config.end() || !it->second.is_number_integer()) return 1LL;
    return std::max(1LL, it->second.get<long long>());
  };
  return count(kThreads) * count(kInstances);
}

bool consecutive_ints(const std::vector<nlohmann::json>& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!values[i].is_number_integer() ||
        values[i].get<long long>() != values[0].get<long long>() + static_cast<long long>(i))
      return false;
  return true;
}

void score(const SearchSpec& spec, Candidate& c) {
  std::vector<double> objective, throughput, latency;
  for (const Trial* t : c.measurements) {
    objective.push_back(objective_value(spec, t->outcome));
    throughput.push_back(t->outcome.throughput);
    latency.push_back(latency_at(t->outcome.latency_ms, spec.latency_percentile));
  }
  const LatencyStats o = summarize(objective);
  c.score = o.mean;
  c.spread = o.mean != 0 ? (o.max - o.min) / std::abs(o.mean) : 0;
  c.throughput = summarize(throughput).mean;
  c.latency_percentile_ms = summarize(latency).mean;
  c.feasible = meets_constraint(spec, c.latency_percentile_ms);
}

// Distinct ok configs, feasible first, then by mean objective; first measured first among equals.
// A config that failed even once is left out: it is never the winner.
std::vector<Candidate> rank(const SearchSpec& spec, const std::vector<Trial>& trials) {
  std::vector<Candidate> out;
  std::map<Config, std::size_t> position;
  std::set<Config> failed;
  for (const Trial& t : trials) {
    if (t.outcome.status == Status::kFailed) failed.insert(t.config);
    if (t.outcome.status != Status::kOk) continue;
    const auto [it, added] = position.emplace(t.config, out.size());
    if (added) out.push_back({t.config, {}});
    out[it->second].measurements.push_back(&t);
  }
  std::erase_if(out, [&](const Candidate& c) { return failed.count(c.config) > 0; });
  for (Candidate& c : out) score(spec, c);
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.feasible != b.feasible ? a.feasible : a.score > b.score;
  });
  return out;
}

class Search {
 public:
  Search(const SearchSpec& spec, Evaluator& evaluator, const SearchOptions& options,
         std::vector<Trial> previous, const TrialHandler& on_trial)
      : spec_(spec), evaluator_(evaluator), options_(options), on_trial_(on_trial) {
    if (!options_.clock) throw Error("run_search: options.clock is required");
    for (const Param& p : spec_.params) consecutive_.push_back(consecutive_ints(p.values));
    for (std::size_t i = 0; i < spec_.params.size(); ++i) {
      if (spec_.params[i].name == kThreads) threads_ = i;
      if (spec_.params[i].name == kInstances) instances_ = i;
    }
    result_.trials = std::move(previous);
    for (std::size_t i = 0; i < result_.trials.size(); ++i) {
      const Trial& t = result_.trials[i];
      memo_.emplace(t.config, i);
      if (t.phase == kSearchPhase && t.outcome.status != Status::kSkipped) ++search_trials_;
      // The resumed search goes on from where the interrupted one's clock stopped.
      elapsed_offset_ = std::max(elapsed_offset_, t.elapsed_s);
      next_index_ = std::max(next_index_, t.index + 1);
    }
    start_ = options_.clock();
  }

  SearchResult run() {
    if (options_.exhaustive)
      grid();
    else
      local_search();
    remeasure();
    result_.ranking = rank(spec_, result_.trials);
    return std::move(result_);
  }

 private:
  double elapsed() const { return elapsed_offset_ + options_.clock() - start_; }

  // Whether a measurement may start; otherwise the search stops with the reason.
  bool may_measure(bool counts_toward_max_func_eval) {
    if (counts_toward_max_func_eval && search_trials_ >= spec_.max_func_eval) {
      result_.stop_reason = "max_func_eval";
      return false;
    }
    if (spec_.time_budget_s > 0 && elapsed() >= spec_.time_budget_s) {
      result_.stop_reason = "time_budget";
      return false;
    }
    return true;
  }

  void record(const Config& config, const std::string& phase, TrialOutcome outcome) {
    result_.trials.push_back({next_index_++, phase, config, std::move(outcome), elapsed()});
    if (!on_trial_) return;
    result_.ranking = rank(spec_, result_.trials);
    on_trial_(result_.trials.back(), result_);
  }

  Config config_at(const Point& point) const {
    Config config = spec_.static_params;
    for (std::size_t i = 0; i < point.size(); ++i)
      config[spec_.params[i].name] = spec_.params[i].values[point[i]];
    return config;
  }

  // The trial of the point's config, measured now unless it was before; nullopt when a budget
  // stopped the search.
  std::optional<std::size_t> visit(const Point& point, const std::string& phase) {
    if (phase == kSearchPhase) walked_.insert(point);
    const Config config = config_at(point);
    if (const auto it = memo_.find(config); it != memo_.end()) return it->second;
    if (spec_.max_total_threads && total_threads(config) > *spec_.max_total_threads) {
      TrialOutcome skipped{Status::kSkipped,
                           "threads x instances = " + std::to_string(total_threads(config)) +
                               " is over max_total_threads " +
                               std::to_string(*spec_.max_total_threads)};
      record(config, phase, std::move(skipped));
    } else {
      if (!may_measure(phase == kSearchPhase)) return std::nullopt;
      if (phase == kSearchPhase) ++search_trials_;
      record(config, phase, evaluator_.evaluate(config));
    }
    memo_.emplace(config, result_.trials.size() - 1);
    return result_.trials.size() - 1;
  }

  // The objective of a trial the search may move to; -inf for the others.
  double move_value(std::size_t trial) const {
    const TrialOutcome& o = result_.trials[trial].outcome;
    if (o.status != Status::kOk ||
        !meets_constraint(spec_, latency_at(o.latency_ms, spec_.latency_percentile)))
      return -std::numeric_limits<double>::infinity();
    return objective_value(spec_, o);
  }

  std::vector<Point> starts() const {
    std::vector<Point> out;
    for (const Config& c : spec_.initial_values) {
      Point p;
      for (const Param& param : spec_.params) {
        const auto it = c.find(param.name);
        const auto at = it == c.end()
                            ? param.values.end()
                            : std::find(param.values.begin(), param.values.end(), it->second);
        if (at == param.values.end())
          throw Error("run_search: an initial point has no value of " + param.name + " in range");
        p.push_back(static_cast<std::size_t>(at - param.values.begin()));
      }
      out.push_back(std::move(p));
    }
    if (out.empty()) out.emplace_back(spec_.params.size(), 0);
    return out;
  }

  // Adjacent values of each param, and for a param of consecutive ints also x2 and /2.
  std::vector<Point> neighbours(const Point& here) const {
    std::vector<Point> out;
    auto add = [&](std::size_t param, long long index) {
      if (index < 0 || index >= static_cast<long long>(spec_.params[param].values.size())) return;
      Point p = here;
      p[param] = static_cast<std::size_t>(index);
      if (p != here && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    for (std::size_t i = 0; i < here.size(); ++i) {
      const long long at = static_cast<long long>(here[i]);
      add(i, at - 1);
      add(i, at + 1);
      if (!consecutive_[i]) continue;
      const long long first = spec_.params[i].values.front().get<long long>();
      const long long value = first + at;
      add(i, value * 2 - first);
      if (value % 2 == 0) add(i, value / 2 - first);
    }
    // Threads and instances share the same cores: one step down on one and up on the other keeps
    // their product, a move no single-knob step can make without passing an oversubscribed config.
    if (threads_ && instances_) {
      for (const int direction : {-1, 1}) {
        Point p = here;
        const long long t = static_cast<long long>(here[*threads_]) + direction;
        const long long i = static_cast<long long>(here[*instances_]) - direction;
        if (t < 0 || i < 0 || t >= static_cast<long long>(spec_.params[*threads_].values.size()) ||
            i >= static_cast<long long>(spec_.params[*instances_].values.size()))
          continue;
        p[*threads_] = static_cast<std::size_t>(t);
        p[*instances_] = static_cast<std::size_t>(i);
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
      }
    }
    return out;
  }

  // Climbs from `start` to the best improving neighbour until none improves. False when a budget
  // stopped the search.
  bool climb(const Point& start) {
    Point here = start;
    const auto first = visit(here, kSearchPhase);
    if (!first) return false;
    double here_value = move_value(*first);
    for (;;) {
      std::optional<Point> best;
      double best_value = here_value;
      for (const Point& next : neighbours(here)) {
        const auto trial = visit(next, kSearchPhase);
        if (!trial) return false;
        if (move_value(*trial) > best_value) {
          best = next;
          best_value = move_value(*trial);
        }
      }
      if (!best) return true;
      here = *best;
      here_value = best_value;
    }
  }

  // From each given start, then, while the budget lasts, from the point farthest from everything
  // walked so far: one climb from one start finds the optimum only if no knob has to move against
  // another (fewer threads AND more instances), so the budget left buys climbs elsewhere.
  void local_search() {
    for (const Point& start : starts())
      if (!climb(start)) return;
    while (const auto start = farthest_unwalked())
      if (!climb(*start)) return;
    result_.stop_reason = "converged";
  }

  // The grid point at `index`, the last param changing fastest.
  Point point_at(long long index) const {
    Point p(spec_.params.size(), 0);
    for (std::size_t i = p.size(); i-- > 0;) {
      const auto n = static_cast<long long>(spec_.params[i].values.size());
      p[i] = static_cast<std::size_t>(index % n);
      index /= n;
    }
    return p;
  }

  // Distance between points: per param, steps apart over the param's span, summed.
  double distance(const Point& a, const Point& b) const {
    double d = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto span = std::max<std::size_t>(1, spec_.params[i].values.size() - 1);
      d += std::abs(static_cast<double>(a[i]) - static_cast<double>(b[i])) /
           static_cast<double>(span);
    }
    return d;
  }

  // The unwalked point whose nearest walked point is farthest, the first in grid order among
  // equals; it depends only on the points walked in this run, so a resumed search restarts at
  // the same places. Large grids are scanned at an even stride.
  std::optional<Point> farthest_unwalked() const {
    constexpr long long kMaxScanned = 50000;
    const long long size = grid_size(spec_);
    const long long stride = std::max(1LL, (size + kMaxScanned - 1) / kMaxScanned);
    std::optional<Point> best;
    double best_distance = -1;
    for (long long index = 0; index < size; index += stride) {
      const Point p = point_at(index);
      if (walked_.count(p)) continue;
      double nearest = std::numeric_limits<double>::infinity();
      for (const Point& w : walked_) nearest = std::min(nearest, distance(p, w));
      if (nearest > best_distance) {
        best = p;
        best_distance = nearest;
      }
    }
    return best;
  }

  // Every point once, the last param changing fastest.
  void grid() {
    Point p(spec_.params.size(), 0);
    for (;;) {
      if (!visit(p, kGridPhase)) return;
      std::size_t i = p.size();
      while (i > 0 && ++p[i - 1] == spec_.params[i - 1].values.size()) p[--i] = 0;
      if (i == 0) break;
    }
    result_.stop_reason = "grid done";
  }

  // The leaders of the current ranking are measured again until each of the top remeasure_top has
  // 1 + remeasure_times measurements: a config that leads on one lucky run must repeat it before
  // it can win, and one that falls back lets the next in. The leader with the fewest
  // measurements goes next, so drift over time spreads evenly. Each step depends only on the
  // trials so far, so a resumed search makes the same choices. At most twice the nominal number
  // of re-measurements are made. A cut here reports "time_budget".
  void remeasure() {
    const std::size_t wanted = 1 + static_cast<std::size_t>(options_.remeasure_times);
    const long long cap = 2LL * options_.remeasure_top * options_.remeasure_times;
    for (long long made = 0; made < cap; ++made) {
      const std::vector<Candidate> ranking = rank(spec_, result_.trials);
      const Candidate* next = nullptr;
      for (std::size_t i = 0;
           i < ranking.size() && i < static_cast<std::size_t>(options_.remeasure_top); ++i)
        if (ranking[i].measurements.size() < wanted &&
            (!next || ranking[i].measurements.size() < next->measurements.size()))
          next = &ranking[i];
      if (!next) return;
      const Config config = next->config;
      if (!may_measure(false)) return;
      record(config, kRemeasurePhase, evaluator_.evaluate(config));
    }
  }

  const SearchSpec& spec_;
  Evaluator& evaluator_;
  const SearchOptions& options_;
  const TrialHandler& on_trial_;
  std::vector<bool> consecutive_;                   // per param: its values are consecutive ints
  std::optional<std::size_t> threads_, instances_;  // their params, when both are searched
  SearchResult result_;
  std::map<Config, std::size_t> memo_;  // config -> its first trial
  std::set<Point> walked_;              // points the local search visited in this run
  int search_trials_ = 0;               // toward max_func_eval
  int next_index_ = 1;
  double start_ = 0, elapsed_offset_ = 0;
};

}  // namespace

SearchResult run_search(const SearchSpec& spec, Evaluator& evaluator, const SearchOptions& options,
                        std::vector<Trial> previous, const TrialHandler& on_trial) {
  return Search(spec, evaluator, options, std::move(previous), on_trial).run();
}

double objective_value(const SearchSpec& spec, const TrialOutcome& outcome) {
  if (spec.objective == Objective::kMaximizeInfRate) return outcome.throughput;
  return -latency_at(outcome.latency_ms, spec.latency_percentile);
}

double latency_at(const LatencyStats& stats, double percentile) {
  if (percentile == 50) return stats.p50;
  if (percentile == 75) return stats.p75;
  if (percentile == 90) return stats.p90;
  if (percentile == 95) return stats.p95;
  if (percentile == 99) return stats.p99;
  if (percentile == 99.9) return stats.p999;
  throw Error("latency percentile " + std::to_string(percentile) +
              ": expected one of 50, 75, 90, 95, 99, 99.9");
}

long long grid_size(const SearchSpec& spec) {
  long long n = 1;
  for (const Param& p : spec.params) {
    const auto size = static_cast<long long>(p.values.size());
    if (size != 0 && n > std::numeric_limits<long long>::max() / size)
      return std::numeric_limits<long long>::max();
    n *= size;
  }
  return n;
}

}  // namespace onnxbench::tune
