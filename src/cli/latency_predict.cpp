// onnxbench latency predict: an ONNX model's or an architecture's latency from the estimator,
// with the per-module breakdown; --measure-missing measures modules the estimator lacks and adds
// them to it.
#include <iostream>
#include <set>

#include "cli/common_options.h"
#include "cli/latency_commands.h"
#include "cli/latency_common.h"
#include "cli/open_model.h"
#include "core/error.h"
#include "core/file_io.h"
#include "graph/loader.h"
#include "latency/estimator.h"
#include "report/latency_report.h"

namespace onnxbench::cli {
namespace {

struct PredictOptions {
  LatencyEngineOptions run;
  std::vector<std::string> models;
  std::string estimator, json_path;
  bool measure_missing = false;
  bool engine_given = false;
};

std::vector<latency::Module> modules_of(const std::string& path, latency::Fusion fusion) {
  if (path.ends_with(".json"))
    return architecture_modules(model::read_architecture(path), path, fusion);
  return latency::decompose(open_model(path).proto, path, fusion);
}

// Measures what the estimator lacks with the estimator's own setup, adds it, saves the estimator.
void measure_missing(PredictOptions o, latency::Estimator& e,
                     const std::vector<std::pair<std::string, std::vector<latency::Module>>>& all) {
  std::vector<const latency::Module*> todo;
  std::set<std::string> seen;
  for (const auto& [path, modules] : all)
    for (const auto& m : modules)
      if (!e.module_us.count(m.uid) && seen.insert(m.uid).second) todo.push_back(&m);
  if (todo.empty()) return;
  // Unless told otherwise, measure with the estimator's engine and knobs.
  if (!o.engine_given) o.run.engine.engine = e.setup.engine;
  if (o.run.engine.knobs.empty() && !o.run.engine.threads)
    for (const auto& [knob, value] : e.setup.knobs.items())
      o.run.engine.knobs.push_back(knob + "=" +
                                   (value.is_string() ? value.get<std::string>() : value.dump()));
  StartedMeter started = start_meter(o.run);
  latency::check_same_setup(e.setup, "the estimator", started.meter->setup(e.setup.runtime),
                            "this run", o.estimator);
  EtaProgress progress("latency predict: missing modules", todo.size());
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const auto m = started.meter->measure_module(todo[i]->uid, todo[i]->model, e.setup.runtime);
    e.module_us[m.uid] = latency::stat_value(m.by_key.at(e.key), e.stat);
    progress.done(i + 1);
  }
  latency::write_estimator(o.estimator, e);
  std::cerr << "measured " << todo.size() << " missing modules and added them to " << o.estimator
            << "\n";
}

void run_predict(const PredictOptions& o) {
  latency::Estimator e = latency::read_estimator(o.estimator);
  std::vector<std::pair<std::string, std::vector<latency::Module>>> all;
  for (const auto& path : o.models)
    all.emplace_back(path, modules_of(path, latency::engine_fusion(e.setup.engine)));
  if (o.measure_missing) measure_missing(o, e, all);
  nlohmann::json records = nlohmann::json::array();
  for (const auto& [path, modules] : all) {
    const latency::Prediction p = latency::predict(e, modules, path);
    if (!json_to_stdout(o.json_path)) print_prediction(std::cout, path, p, e);
    records.push_back(prediction_json(path, p));
  }
  write_json_option(o.json_path, {{"estimator", o.estimator}, {"predictions", records}});
}

}  // namespace

void add_latency_predict(CLI::App& latency) {
  auto o = std::make_shared<PredictOptions>();
  CLI::App* cmd = latency.add_subcommand(
      "predict",
      "Predict the latency of ONNX models or architecture JSON files from an estimator, module "
      "by module.");
  cmd->add_option("models", o->models, "MODEL.onnx or ARCH.json (as zoo generate --arch reads)")
      ->required();
  cmd->add_option("--estimator", o->estimator, "estimator from `latency fit` (JSON)")->required();
  cmd->add_flag("--measure-missing", o->measure_missing,
                "measure modules the estimator lacks (with its engine and knobs unless given) and "
                "add them to the estimator file");
  add_json_option(*cmd, o->json_path, "the predictions");
  add_latency_engine_options(*cmd, o->run, 100);
  cmd->callback([o, cmd] {
    o->engine_given = cmd->count("--engine") > 0;
    run_predict(*o);
  });
}

}  // namespace onnxbench::cli
