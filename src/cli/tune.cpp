// onnxbench tune: search the deployment knobs for the best throughput or the least latency.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "bench/model_under_test.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/store_options.h"
#include "cli/validators.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/utc_time.h"
#include "engines/work_folder.h"
#include "report/tune_report.h"
#include "tune/bench_evaluator.h"
#include "tune/lut.h"
#include "tune/trial_log.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

struct TuneOptions {
  EngineCommandOptions engine;
  std::string spec_path, objective, trials_path, lut_path = "onnxbench-lut.csv";
  int max_evals = 0;
  double time_budget_s = 0, trial_seconds = 3, latency_constraint_ms = 0, percentile = 0;
  long long max_total_threads = 0;
  std::string warmup = "5";
  bool exhaustive = false, resume = false;
  std::size_t top = 10;
  StoreOption store;
};

tune::SearchSpec make_spec(const TuneOptions& o, const std::vector<tune::KnobInfo>& knobs) {
  tune::SearchSpec spec;
  if (o.spec_path.empty()) {
    spec = tune::default_spec(knobs, o.max_evals > 0 ? o.max_evals : 40);
  } else {
    const auto json = nlohmann::json::parse(read_file(o.spec_path), nullptr, false);
    if (json.is_discarded()) throw InputError(o.spec_path + ": not valid JSON");
    spec = tune::parse_spec(json, o.spec_path, knobs);
  }
  if (o.max_evals > 0) spec.max_func_eval = o.max_evals;
  if (!o.objective.empty())
    spec.objective = o.objective == "minimize_latency" ? tune::Objective::kMinimizeLatency
                                                       : tune::Objective::kMaximizeInfRate;
  if (o.time_budget_s > 0) spec.time_budget_s = o.time_budget_s;
  if (o.latency_constraint_ms > 0) spec.latency_constraint_ms = o.latency_constraint_ms;
  if (o.percentile > 0) spec.latency_percentile = o.percentile;
  if (o.max_total_threads > 0) spec.max_total_threads = o.max_total_threads;
  return spec;
}

// A model whose batch is fixed cannot take another: searching it would only fail trials.
void drop_batch_of_fixed_model(tune::SearchSpec& spec, const model::LoadedModel& loaded) {
  const auto inputs = model_under_test(loaded).inputs;
  if (inputs.empty() || inputs[0].dims.empty() || !inputs[0].dims[0].known()) return;
  const auto is_batch = [](const tune::Param& p) { return p.name == tune::kBatch; };
  if (std::none_of(spec.params.begin(), spec.params.end(), is_batch)) return;
  spec.params.erase(std::remove_if(spec.params.begin(), spec.params.end(), is_batch),
                    spec.params.end());
  for (auto& point : spec.initial_values) point.erase(tune::kBatch);
  std::cout << "note: batch is not searched: model input '" << inputs[0].name
            << "' has a fixed batch of " << inputs[0].dims[0].value << "\n";
}

std::string default_trials_path(const TuneOptions& o) {
  return fs::path(o.engine.model).stem().string() + "." + o.engine.engine + ".trials.jsonl";
}

void run_tune(TuneOptions o) {
  const model::LoadedModel loaded = open_model(o.engine.model);
  store::RecordKey trial_key;  // trials carry no identity of their own
  trial_key.model_sha256 = loaded.sha256;
  trial_key.engine = o.engine.engine;
  // The threads searched go up to the cores where the trials run (a device's with --device).
  const unsigned cores = std::max(1u, logical_cores(*o.engine.runner_host()));
  std::vector<tune::KnobInfo> knobs;
  {
    Engine probe(o.engine.engine, o.engine.limits());
    knobs = tune::tunable_knobs(probe.info(), cores);
  }
  tune::SearchSpec spec = make_spec(o, knobs);
  drop_batch_of_fixed_model(spec, loaded);

  if (o.trials_path.empty()) o.trials_path = default_trials_path(o);
  check_output_file(o.trials_path, "--trials");
  check_output_file(o.lut_path, "--lut");
  std::vector<tune::Trial> previous;
  if (o.resume) {
    if (!fs::exists(o.trials_path))
      throw InputError(o.trials_path +
                       ": no trials to resume from (--resume needs the file of an earlier run)");
    previous = tune::read_trials(o.trials_path);
  } else if (fs::exists(o.trials_path)) {
    throw InputError(o.trials_path +
                     ": holds the trials of an earlier search; continue it with "
                     "--resume, or name another file with --trials");
  }

  tune::TrialPlan plan;
  plan.inputs = o.engine.input_request();
  const Warmup warmup = parse_warmup(o.warmup);
  plan.warmup_iterations = warmup.iterations;
  plan.warmup_ms = warmup.ms;
  plan.seconds = o.trial_seconds;
  // Prepared once for every trial, in a folder that outlives a trial's crashed runner.
  const WorkFolder prepared_folder("tune");
  tune::BenchEvaluator evaluator(o.engine.engine, o.engine.limits(),
                                 prepared_model(loaded, o.engine.engine, prepared_folder.path()),
                                 plan, o.engine.runner_host());

  const auto start = std::chrono::steady_clock::now();
  tune::SearchOptions options;
  options.exhaustive = o.exhaustive;
  options.clock = [start] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::cerr << "tuning " << o.engine.model << " on " << o.engine.engine << ": "
            << (o.exhaustive
                    ? "the full grid of " + std::to_string(tune::grid_size(spec)) + " points"
                    : "up to " + std::to_string(spec.max_func_eval) + " trials of " +
                          std::to_string(tune::grid_size(spec)) + " grid points")
            << ", " << o.trial_seconds << " s each; trials go to " << o.trials_path << "\n";
  const tune::SearchResult result = tune::run_search(
      spec, evaluator, options, previous,
      [&](const tune::Trial& trial, const tune::SearchResult& so_far) {
        tune::append_trial(o.trials_path, trial, evaluator.command(trial.config));
        save_record(o.store, "tune", tune::trial_to_json(trial, evaluator.command(trial.config)),
                    trial_key);
        std::cerr << trial_line(spec, trial, so_far) << "\n";
      });

  std::cout << "\n";
  print_tune_results(std::cout, spec, result, o.top);
  if (result.ranking.empty() || !result.ranking.front().feasible)
    throw Error("no config met the objective's conditions; see " + o.trials_path +
                " for every trial");
  const tune::Candidate& best = result.ranking.front();
  std::cout << "\nreproduce: " << evaluator.command(best.config) << "\n";

  tune::LutRow row;
  row.model = fs::path(o.engine.model).filename().string();
  row.sha256 = loaded.sha256;
  row.engine = o.engine.engine;
  row.objective = tune::objective_name(spec.objective);
  row.throughput = best.throughput;
  const auto& stats = best.measurements.back()->outcome.latency_ms;
  row.latency_p50_ms = stats.p50;
  row.latency_p99_ms = stats.p99;
  row.timestamp_utc = utc_now_iso8601();
  row.config = best.config;
  tune::upsert_lut(o.lut_path, row);
  std::cout << "best config saved in " << o.lut_path << " (use: onnxbench bench " << o.engine.model
            << " --engine " << o.engine.engine << " --config-from " << o.lut_path << ")\n";
}

}  // namespace

void add_tune(CLI::App& app) {
  auto o = std::make_shared<TuneOptions>();
  CLI::App* cmd = app.add_subcommand(
      "tune",
      "Search the deployment knobs (threads, instances, batch, set-size and the engine's own) for "
      "the highest throughput or the lowest latency. Every trial is a short bench; the leading "
      "configs are measured again before a winner is declared. The winner goes to a LUT CSV that "
      "'bench --config-from' reuses.");
  add_engine_options(*cmd, o->engine, {.settings = false, .instances = false});
  cmd->add_option(
         "--spec", o->spec_path,
         "search spec JSON (max_func_eval, objective, params {name: {min, max} | {values}}, "
         "initial_values, static_params, latency_percentile, latency_constraint_ms, "
         "time_budget_s, max_total_threads); default: the engine's declared knobs")
      ->check(CLI::ExistingFile);
  cmd->add_option("--objective", o->objective, "overrides the spec's objective")
      ->check(CLI::IsMember({"maximize_inf_rate", "minimize_latency"}));
  cmd->add_option("--max-evals", o->max_evals, "trials of the search (default: spec, else 40)")
      ->check(at_least(1));
  cmd->add_option("--time-budget", o->time_budget_s, "stop starting trials after this many seconds")
      ->check(above_zero());
  cmd->add_option(
         "--latency-limit", o->latency_constraint_ms,
         "maximize throughput only among configs whose latency percentile is at most this (ms)")
      ->check(above_zero());
  cmd->add_option("--percentile", o->percentile,
                  "latency percentile the objective and the limit use: 50, 75, 90, 95, 99 or 99.9")
      ->check(CLI::IsMember({50.0, 75.0, 90.0, 95.0, 99.0, 99.9}));
  cmd->add_option("--max-total-threads", o->max_total_threads,
                  "skip configs whose threads x instances exceed this")
      ->check(at_least(1));
  cmd->add_flag("--exhaustive", o->exhaustive, "measure the full grid instead of searching");
  cmd->add_option("--trial-duration", o->trial_seconds, "seconds each trial measures")
      ->capture_default_str()
      ->check(above_zero());
  add_warmup_option(*cmd, o->warmup, "per instance before each trial");
  cmd->add_option("--trials", o->trials_path,
                  "JSON-lines file of every trial with the bench command that reproduces it "
                  "(default: MODEL.ENGINE.trials.jsonl)");
  cmd->add_flag("--resume", o->resume,
                "continue the interrupted search whose trials are in --trials");
  cmd->add_option("--lut", o->lut_path, "best-config table to update (CSV)")->capture_default_str();
  cmd->add_option("--top", o->top, "configs shown in the results table")->capture_default_str();
  add_store_option(*cmd, o->store);
  cmd->callback([o] { run_tune(*o); });
}

}  // namespace onnxbench::cli
