// onnxbench bench: throughput and latency percentiles of a model on an engine under a stated load.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/open_model.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "cli/store_options.h"
#include "cli/validators.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/shell_word.h"
#include "core/text.h"
#include "engines/interrupt.h"
#include "report/bench_report.h"
#include "report/record_json.h"
#include "tune/bench_evaluator.h"
#include "tune/lut.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  EngineCommandOptions engine;
  int set_size = 1;
  std::string warmup = "5";
  long long iterations = 0;
  double duration_s = 5;
  std::string json_path, samples_path, config_from, objective = "maximize_inf_rate";
  StoreOption store;
};

// Takes the knobs of the model's row in a tuner LUT; options given on the command line win.
void apply_lut(BenchOptions& o, const model::LoadedModel& model, const CLI::App& cmd) {
  const auto rows = tune::read_lut(o.config_from);
  const auto row =
      tune::find_lut_row(rows, model.sha256, fs::path(o.engine.model).filename().string(),
                         o.engine.engine, o.objective);
  if (!row)
    throw InputError(o.config_from + ": no row for model " + o.engine.model + " (sha256 " +
                     model.sha256.substr(0, 12) + "), engine " + o.engine.engine + ", objective " +
                     o.objective + "; run 'onnxbench tune' first");
  const EngineSettings from = tune::settings_of(row->config);
  if (!cmd.count("--threads") && from.threads) o.engine.threads = from.threads;
  if (!cmd.count("--instances")) o.engine.instances = from.instances;
  if (!cmd.count("--batch")) o.engine.batch = tune::inputs_of(row->config, {}).batch;
  if (!cmd.count("--set-size")) o.set_size = tune::set_size_of(row->config);
  for (const auto& [knob, value] : from.options) {
    const std::string prefix = knob + "=";
    const bool given = std::any_of(o.engine.knobs.begin(), o.engine.knobs.end(),
                                   [&](const std::string& k) { return k.rfind(prefix, 0) == 0; });
    if (!given) o.engine.knobs.push_back(prefix + value);
  }
}

// The bench command line that measures the same way, with every setting explicit (LUT applied),
// for the record: a report shows it so anyone can re-run exactly this measurement.
std::string reproduce_command(const BenchOptions& o, const LoadPlan& plan) {
  const EngineCommandOptions& e = o.engine;
  std::string cmd = "onnxbench bench " + shell_word(e.model) + " --engine " + e.engine;
  if (e.threads) cmd += " --threads " + std::to_string(*e.threads);
  cmd += " --instances " + std::to_string(e.instances);
  if (e.batch > 0) cmd += " --batch " + std::to_string(e.batch);
  cmd += " --set-size " + std::to_string(o.set_size);
  for (const auto& k : e.knobs) cmd += " --set " + shell_word(k);
  for (const auto& d : e.dims) cmd += " --dim " + shell_word(d);
  for (const auto& i : e.inputs) cmd += " --input " + shell_word(i);
  if (e.inputs.empty() && e.seed != 1) cmd += " --seed " + std::to_string(e.seed);
  cmd += " --warmup " + shell_word(o.warmup);
  if (plan.run_iterations > 0) return cmd + " --iterations " + std::to_string(plan.run_iterations);
  std::ostringstream seconds;
  seconds << plan.run_seconds;
  return cmd + " --duration " + seconds.str();
}

void run_bench(BenchOptions o, const CLI::App& cmd) {
  check_output_file(o.json_path, "--json");
  check_output_file(o.samples_path, "--samples");
  check_input_exists(o.config_from, "--config-from");
  model::LoadedModel model = open_model(o.engine.model);
  if (!o.config_from.empty()) apply_lut(o, model, cmd);
  LoadPlan plan;
  plan.set_size = o.set_size;
  const Warmup warmup = parse_warmup(o.warmup);
  plan.warmup_iterations = warmup.iterations;
  plan.warmup_ms = warmup.ms;
  if (cmd.count("--iterations")) {
    plan.run_iterations = o.iterations;
    plan.run_seconds = 0;
  } else {
    plan.run_seconds = o.duration_s;
  }
  OpenedSession opened = open_session(o.engine, std::move(model));
  if (const auto problems = opened.session->check_outputs(opened.model.proto.graph());
      !problems.empty())
    std::cerr << "onnxbench: warning: " << o.engine.engine
              << " computes wrong outputs; timing it anyway: " << join(problems, "; ") << "\n";
  BenchResult result;
  {
    ProgressLine progress(plan.run_iterations, plan.run_seconds);
    result = opened.session->bench(plan, progress.handler());
  }
  nlohmann::json record = to_json(result);
  record["reproduce"] = reproduce_command(o, plan);
  if (!json_to_stdout(o.json_path)) print_bench(std::cout, result);
  write_json_option(o.json_path, record);
  if (!o.samples_path.empty()) write_samples_csv(o.samples_path, result);
  save_record(o.store, "bench", record);
  if (result.interrupted) throw Interrupted(interrupt_signal());  // after writing what we have
}

}  // namespace

void add_bench(CLI::App& app) {
  auto o = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Measure throughput and latency of a model on an engine.\n"
      "Each instance is an independent session; each keeps --set-size requests in flight. "
      "Latency runs from a request's submission to its completion. Percentiles are "
      "nearest-rank: every reported value is a measured sample.");
  add_engine_options(*cmd, o->engine);
  cmd->add_option("--set-size", o->set_size, "requests in flight per instance")
      ->capture_default_str()
      ->check(at_least(1));
  add_warmup_option(*cmd, o->warmup, "per instance");
  auto* iterations =
      add_iterations_option(*cmd, o->iterations, "run length in requests, over all instances");
  add_duration_option(*cmd, o->duration_s, "run length in seconds (when --iterations is not given)")
      ->capture_default_str()
      ->excludes(iterations);
  add_json_option(*cmd, o->json_path, "the measurement record");
  cmd->add_option("--samples", o->samples_path,
                  "write every measured request to FILE as CSV: instance,latency_ms,start_ms,"
                  "end_ms (start and end in ms since the measured phase began, where the engine "
                  "reports them)");
  cmd->add_option("--config-from", o->config_from,
                  "take threads, instances, batch, set-size and engine knobs from this model's row "
                  "of a tuner LUT (CSV written by 'onnxbench tune'); options given here win");
  cmd->add_option("--objective", o->objective, "which LUT row --config-from takes")
      ->capture_default_str()
      ->check(CLI::IsMember({"maximize_inf_rate", "minimize_latency"}));
  add_store_option(*cmd, o->store);
  cmd->callback([o, cmd] { run_bench(*o, *cmd); });
}

}  // namespace onnxbench::cli
