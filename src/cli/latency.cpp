// onnxbench latency: seed 001's latency estimator for unseen architectures. `table` measures
// every distinct module of a search space in isolation; `fit`, `predict` and `validate` live in
// latency_fit.cpp, latency_predict.cpp and latency_validate.cpp.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/latency_commands.h"
#include "cli/latency_common.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/host_info.h"
#include "core/utc_time.h"
#include "core/version.h"
#include "latency/latency_table.h"
#include "latency/space.h"
#include "report/record_json.h"

namespace onnxbench::cli {
namespace {

struct TableOptions {
  LatencyEngineOptions run;
  std::string space, out;
  bool resume = false;
};

// The space's distinct modules, in the order the covering architectures first run them.
std::vector<latency::Module> distinct_modules(const latency::Space& space, latency::Fusion fusion) {
  std::vector<latency::Module> out;
  std::set<std::string> seen;
  for (const auto& arch : latency::covering_architectures(space))
    for (auto& m : architecture_modules(arch, space.path, fusion))
      if (seen.insert(m.uid).second) out.push_back(std::move(m));
  return out;
}

nlohmann::json side_file(const TableOptions& o, const latency::MeasureSetup& setup,
                         const latency::Space& space, std::size_t modules) {
  return {{"format", "onnxbench latency table 1"},
          {"setup", latency::setup_to_json(setup)},
          {"space", {{"path", o.space}, {"family", space.family}}},
          {"modules", modules},
          {"measurement",
           {{"warmup", o.run.plan.warmup},
            {"warmup_ms", o.run.plan.warmup_ms},
            {"iterations", o.run.plan.iterations},
            {"avg_time", "median"}}},
          {"host", to_json(host_info())},
          {"onnxbench_version", std::string(kVersion)},
          {"timestamp_utc", utc_now_iso8601()}};
}

void run_table(const TableOptions& o) {
  const latency::Space space = latency::read_latency_space(o.space);
  const std::vector<latency::Module> modules =
      distinct_modules(space, latency::engine_fusion(o.run.engine.engine));
  StartedMeter started = start_meter(o.run);
  const latency::MeasureSetup setup = started.meter->setup(o.run.runtime);
  const std::string side = latency::side_file_path(o.out);
  latency::LatencyTable done;
  if (o.resume && std::filesystem::exists(o.out)) {
    if (!std::filesystem::exists(side))
      throw InputError(side + ": missing; --resume needs the side file of " + o.out);
    const auto json = nlohmann::json::parse(read_file(side), nullptr, false);
    if (!json.is_object() || !json.contains("setup"))
      throw InputError(side + ": setup: expected the side file latency table writes");
    latency::check_same_setup(latency::setup_from_json(json["setup"], side),
                              "the table being resumed", setup, "this run", side);
    done = latency::read_latency_table(o.out);
  } else {
    write_file(o.out, "");
  }
  write_file(side, side_file(o, setup, space, modules.size()).dump(2) + "\n");
  std::vector<const latency::Module*> todo;
  for (const auto& m : modules)
    if (!done.contains(m.uid)) todo.push_back(&m);
  std::cout << space.path << ": " << modules.size() << " distinct modules, " << todo.size()
            << " to measure on " << setup.engine << " " << setup.engine_version << "\n";
  std::ofstream table(o.out, std::ios::app);
  EtaProgress progress("latency table", todo.size());
  for (std::size_t i = 0; i < todo.size(); ++i) {
    latency::ModuleLatency measured;
    try {
      measured = started.meter->measure_module(todo[i]->uid, todo[i]->model, o.run.runtime);
    } catch (const EngineError& e) {
      throw Error("module " + todo[i]->uid + ": " + e.what());
    }
    table << latency::table_rows(measured) << std::flush;  // kept if interrupted: --resume
    if (!table) throw Error(o.out + ": cannot append to the table");
    progress.done(i + 1);
  }
  std::cout << o.out << ": " << modules.size() << " modules (" << todo.size()
            << " measured now), side file " << side << "\n";
}

}  // namespace

void add_latency(CLI::App& app) {
  CLI::App* latency = app.add_subcommand(
      "latency",
      "Predict the latency of unseen architectures from a per-module latency table: table, fit, "
      "predict, validate.");
  latency->require_subcommand(1);
  auto o = std::make_shared<TableOptions>();
  CLI::App* table = latency->add_subcommand(
      "table",
      "Measure every distinct module of a search space alone, as a one-module model, and write "
      "the per-module latency table (CSV, µs: ModuleUID,Runtime,LatencyKey,Stats,Value) and its "
      "JSON side file (engine, versions, knobs, host).");
  table->add_option("--space", o->space, "search space JSON (family mobilenet_v2)")->required();
  add_out_option(*table, o->out, "the latency table to write (CSV)")->required();
  table->add_flag("--resume", o->resume,
                  "keep the modules the table already has and measure only the rest");
  add_latency_engine_options(*table, o->run, 100);
  table->callback([o] { run_table(*o); });
  add_latency_fit(*latency);
  add_latency_predict(*latency);
  add_latency_validate(*latency);
}

}  // namespace onnxbench::cli
