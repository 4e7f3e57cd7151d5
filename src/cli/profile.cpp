// onnxbench profile: time per layer from the engine's own profiler.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/engine_options.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "cli/store_options.h"
#include "cli/validators.h"
#include "core/file_io.h"
#include "inspect/module_uid.h"
#include "latency/profile_table.h"
#include "report/profile_report.h"

namespace onnxbench::cli {
namespace {

struct ProfileOptions {
  EngineCommandOptions engine;
  std::string warmup = "5";
  long long iterations = 50;
  bool sort_by_time = false;
  std::string csv_path, json_path, latency_table_path, runtime;
  StoreOption store;
};

// Seed 001's <Runtime>: --runtime, else the engine's runtime knob as set (snpe's runtime=gpu_fp16
// is GPU_FP16), else CPU.
std::string latency_table_runtime(const ProfileOptions& o) {
  if (!o.runtime.empty()) return o.runtime;
  std::string runtime = "CPU";
  for (const auto& knob : o.engine.knobs)
    if (knob.rfind("runtime=", 0) == 0) runtime = knob.substr(8);
  std::transform(runtime.begin(), runtime.end(), runtime.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  return runtime;
}

void run_profile(const ProfileOptions& o) {
  check_output_file(o.csv_path, "--csv");
  check_output_file(o.json_path, "--json");
  check_output_file(o.latency_table_path, "--latency-table");
  const Warmup warmup = parse_warmup(o.warmup);
  LoadPlan profiled;
  profiled.warmup_iterations = warmup.iterations;
  profiled.warmup_ms = warmup.ms;
  profiled.run_iterations = o.iterations;
  OpenedSession opened = open_session(o.engine);
  ProfileResult result;
  {
    ProgressLine progress(o.iterations, 0);
    result = opened.session->profile(profiled, progress.handler());
  }
  // Optimizers rename and fuse: say which of the model's nodes each layer stands for.
  const model::ModuleUidIndex index(opened.model.proto, opened.session->inputs().shapes);
  for (auto& layer : result.layers) layer.model_nodes = index.nodes_for(layer.name, layer.op_type);
  if (!json_to_stdout(o.json_path)) print_profile(std::cout, result, o.sort_by_time);
  if (!o.csv_path.empty()) write_profile_csv(o.csv_path, result);
  std::map<std::string, std::string> uids;  // layer name -> module UID
  for (const auto& layer : result.layers)
    if (auto uid = index.uid_for(layer.name, layer.op_type); !uid.empty()) uids[layer.name] = uid;
  const nlohmann::json record = profile_json(result, uids);
  write_json_option(o.json_path, record);
  save_record(o.store, "profile", record);
  if (!o.latency_table_path.empty()) {
    // Total Inference Time is the whole request, measured without the profiler on.
    LoadPlan plan;
    plan.warmup_iterations = 0;
    plan.run_iterations = o.iterations;
    const BenchResult total = opened.session->bench(plan);
    std::vector<double> total_us;
    for (double ms : total.samples_ms) total_us.push_back(ms * 1000.0);
    latency::write_latency_table(
        o.latency_table_path,
        latency::profile_latency_table(result, uids,
                                       std::filesystem::path(o.engine.model).filename().string(),
                                       latency_table_runtime(o), summarize(total_us)));
  }
}

}  // namespace

void add_profile(CLI::App& app) {
  auto o = std::make_shared<ProfileOptions>();
  CLI::App* cmd = app.add_subcommand(
      "profile",
      "Time every layer with the engine's own profiler (ONNX Runtime's profiler, OpenCV's "
      "per-layer timings), on one session.");
  add_engine_options(*cmd, o->engine, {.settings = true, .instances = false});
  add_warmup_option(*cmd, o->warmup, "before profiling starts");
  add_iterations_option(*cmd, o->iterations, "profiled inferences")->capture_default_str();
  cmd->add_flag("--sort-by-time", o->sort_by_time, "list the slowest layers first");
  cmd->add_option("--csv", o->csv_path, "write per-layer statistics to FILE as CSV");
  add_json_option(*cmd, o->json_path, "the profile record");
  cmd->add_option("--latency-table", o->latency_table_path,
                  "write a latency table to FILE: rows <ModuleUID>,<Runtime>,<LatencyKey>,<Stats>,"
                  "<Value> in microseconds, as NAS latency estimators read them");
  cmd->add_option("--runtime", o->runtime,
                  "the <Runtime> column of the latency table (default: the engine's runtime knob "
                  "as set, e.g. --set runtime=dsp gives DSP, else CPU)");
  add_store_option(*cmd, o->store);
  cmd->callback([o] { run_profile(*o); });
}

}  // namespace onnxbench::cli
