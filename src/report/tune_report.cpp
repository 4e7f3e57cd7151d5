#include "report/tune_report.h"

#include <algorithm>
#include <cmath>

#include "report/table.h"

namespace onnxbench {
namespace {

using tune::Candidate;
using tune::TrialOutcome;

std::string percentile_label(double p) {
  return "p" + (p == 99.9 ? std::string("99.9") : fixed(p, 0));
}

std::string outcome_text(const tune::SearchSpec& spec, const TrialOutcome& o) {
  switch (o.status) {
    case TrialOutcome::Status::kSkipped:
      return "skipped: " + o.reason;
    case TrialOutcome::Status::kFailed: {
      const std::string first_line = o.reason.substr(0, o.reason.find('\n'));
      return "failed: " + first_line;
    }
    case TrialOutcome::Status::kOk:
      break;
  }
  return fixed(o.throughput, 1) + " inf/s " + percentile_label(spec.latency_percentile) + " " +
         fixed(tune::latency_at(o.latency_ms, spec.latency_percentile), 3) + " ms";
}

std::string best_text(const tune::SearchSpec& spec, const Candidate& best) {
  return spec.objective == tune::Objective::kMaximizeInfRate
             ? fixed(best.throughput, 1) + " inf/s"
             : percentile_label(spec.latency_percentile) + " " +
                   fixed(best.latency_percentile_ms, 3) + " ms";
}

}  // namespace

std::string searched_text(const tune::SearchSpec& spec, const tune::Config& config) {
  std::string s;
  for (const auto& param : spec.params) {
    const auto it = config.find(param.name);
    if (it == config.end()) continue;
    const auto& v = it->second;
    s += (s.empty() ? "" : " ") + param.name + "=" +
         (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return s;
}

std::string trial_line(const tune::SearchSpec& spec, const tune::Trial& trial,
                       const tune::SearchResult& so_far) {
  std::string budget = trial.phase == "search" ? "/" + std::to_string(spec.max_func_eval) : "";
  std::string line = "[" + std::to_string(trial.index) + budget + " " + trial.phase + "] " +
                     searched_text(spec, trial.config) + " | " + outcome_text(spec, trial.outcome);
  if (!so_far.ranking.empty() && so_far.ranking.front().feasible)
    line += " | best " + best_text(spec, so_far.ranking.front());
  return line;
}

void print_tune_results(std::ostream& out, const tune::SearchSpec& spec,
                        const tune::SearchResult& result, std::size_t top) {
  const std::string p = percentile_label(spec.latency_percentile);
  out << "objective  " << tune::objective_name(spec.objective);
  if (spec.latency_constraint_ms)
    out << " subject to " << p << " <= " << fixed(*spec.latency_constraint_ms, 3) << " ms";
  std::string fixed_knobs;
  for (const auto& [name, value] : spec.static_params)
    fixed_knobs += (fixed_knobs.empty() ? "" : " ") + name + "=" +
                   (value.is_string() ? value.get<std::string>() : value.dump());
  if (!fixed_knobs.empty()) out << "\nfixed      " << fixed_knobs;
  out << "\ntrials     " << result.trials.size() << " (stopped: " << result.stop_reason
      << "), grid " << tune::grid_size(spec) << " points\n\n";
  // The ranked percentile has its own column, labelled apart from the fixed p50/p90/p99.
  TextTable t({"rank", "config", "runs", "inf/s", "p50 ms", "p90 ms", "p99 ms",
               "ranked " + p + " ms", "spread %", "meets limit"});
  std::size_t rank = 0;
  for (const Candidate& c : result.ranking) {
    if (++rank > top) break;
    const auto& s = c.measurements.back()->outcome.latency_ms;
    t.add_row({std::to_string(rank), searched_text(spec, c.config),
               std::to_string(c.measurements.size()), fixed(c.throughput, 1), fixed(s.p50, 3),
               fixed(s.p90, 3), fixed(s.p99, 3), fixed(c.latency_percentile_ms, 3),
               fixed(c.spread * 100, 1), c.feasible ? "yes" : "no"});
  }
  t.print(out);
  if (result.ranking.empty()) return;
  const Candidate& best = result.ranking.front();
  if (result.ranking.size() > 1) {
    // Two winners closer than their own run-to-run spread are not told apart by this search.
    const Candidate& next = result.ranking[1];
    const bool rate = spec.objective == tune::Objective::kMaximizeInfRate;
    const double a = rate ? best.throughput : best.latency_percentile_ms;
    const double b = rate ? next.throughput : next.latency_percentile_ms;
    const double gap = a != 0 ? std::abs(a - b) / std::abs(a) : 0.0;
    const double spread = std::max(best.spread, next.spread);
    if (next.feasible == best.feasible && gap <= spread)
      out << "\nTIE  ranks 1 and 2 differ by " << fixed(gap * 100, 1)
          << "%, within their measured spread of " << fixed(spread * 100, 1)
          << "%: either is as good here; re-measure with a longer --trial-duration to separate "
             "them\n";
  }
  out << "\nwinner's latency (ms), one row per measurement:\n";
  TextTable lat({"run", "inf/s", "mean", "min", "p50", "p75", "p90", "p95", "p99", "max"});
  int run = 0;
  for (const auto* m : best.measurements) {
    const auto& s = m->outcome.latency_ms;
    lat.add_row({std::to_string(++run), fixed(m->outcome.throughput, 1), fixed(s.mean, 3),
                 fixed(s.min, 3), fixed(s.p50, 3), fixed(s.p75, 3), fixed(s.p90, 3),
                 fixed(s.p95, 3), fixed(s.p99, 3), fixed(s.max, 3)});
  }
  lat.print(out);
}

}  // namespace onnxbench
