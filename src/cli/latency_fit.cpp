// onnxbench latency fit: sample architectures, sum their modules from the table, measure the
// whole models (interleaved rounds), fit scale and bias by least squares, cross-validate.
#include <filesystem>
#include <iostream>

#include "cli/common_options.h"
#include "cli/latency_commands.h"
#include "cli/latency_common.h"
#include "core/error.h"
#include "core/file_io.h"
#include "core/prediction_metrics.h"
#include "graph/builder.h"
#include "latency/estimator.h"
#include "latency/fit.h"
#include "latency/space.h"
#include "report/latency_report.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

struct FitOptions {
  LatencyEngineOptions run;
  std::string table, space, out, key = latency::kLayersTime, stat = "Min_Time", points_csv;
  std::uint64_t count = 50, seed = 1;
  int rounds = 3, folds = 5;
};

latency::MeasureSetup table_setup(const std::string& table_path) {
  const std::string side = latency::side_file_path(table_path);
  if (!fs::exists(side))
    throw InputError(side +
                     ": missing; a latency table needs the side file `latency table` "
                     "writes beside it (engine, versions, knobs)");
  const auto json = nlohmann::json::parse(read_file(side), nullptr, false);
  if (!json.is_object() || !json.contains("setup"))
    throw InputError(side + ": setup: expected the side file `latency table` writes");
  return latency::setup_from_json(json["setup"], side);
}

void run_fit(const FitOptions& o) {
  if (!latency::is_latency_key(o.key))
    throw InputError("--key '" + o.key +
                     "': expected 'Forward Propagate', 'Total Inference Time' or 'Layers Time'");
  const latency::LatencyTable table = latency::read_latency_table(o.table);
  const latency::MeasureSetup from_table = table_setup(o.table);
  const latency::Space space = latency::read_latency_space(o.space);
  const auto archs = latency::sample(space, o.count, o.seed);
  StartedMeter started = start_meter(o.run);
  latency::check_same_setup(from_table, "the table", started.meter->setup(o.run.runtime),
                            "this run", latency::side_file_path(o.table));

  std::vector<LatencyPoint> points(archs.size());
  std::vector<std::string> paths;
  const fs::path dir = fs::path(started.engine->work_dir()) / "fit";
  fs::create_directories(dir);
  std::vector<double> sums;
  const latency::Fusion fusion = latency::engine_fusion(from_table.engine);
  for (std::size_t i = 0; i < archs.size(); ++i) {
    points[i].name = "arch " + std::to_string(i);
    const onnx::ModelProto m = architecture_model(archs[i]);
    points[i].sum_us = latency::module_sum(
        table, o.key, o.stat, latency::decompose(m, points[i].name, fusion),
        o.space + " (seed " + std::to_string(o.seed) + ", " + points[i].name + ")");
    sums.push_back(points[i].sum_us);
    paths.push_back((dir / ("arch_" + std::to_string(i) + ".onnx")).string());
    model::save_model(m, paths.back());
  }
  std::vector<std::vector<double>> rounds;
  {
    EtaProgress progress("latency fit: whole models", paths.size() * o.rounds);
    rounds = latency::measure_interleaved(*started.meter, paths, o.rounds, o.stat,
                                          [&](std::size_t d, std::size_t) { progress.done(d); });
  }
  std::vector<double> measured;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const latency::RoundSummary r = latency::summarize_rounds(rounds[i], o.stat);
    points[i].measured_us = r.all;
    points[i].first_us = r.first;
    points[i].second_us = r.second;
    measured.push_back(points[i].measured_us);
  }
  const LinearFit line = fit_line(sums, measured);
  std::vector<double> fitted;
  for (auto& p : points) {
    p.predicted_us = line.scale * p.sum_us + line.bias;
    fitted.push_back(p.predicted_us);
  }
  const latency::Agreement in_sample = latency::agreement(fitted, measured);
  const latency::CrossValidation cv = latency::cross_validate(sums, measured, o.folds);

  latency::Estimator e;
  e.setup = from_table;
  e.key = o.key;
  e.stat = o.stat;
  e.scale = line.scale;
  e.bias = line.bias;
  for (const auto& uid : table.order())
    if (table.at(uid).by_key.count(o.key)) e.module_us[uid] = table.value_us(uid, o.key, o.stat);
  e.fit = {{"table", o.table},
           {"space", o.space},
           {"family", space.family},
           {"count", o.count},
           {"seed", o.seed},
           {"rounds", o.rounds},
           {"warmup", o.run.plan.warmup},
           {"warmup_ms", o.run.plan.warmup_ms},
           {"iterations", o.run.plan.iterations},
           {"r2", line.r2},
           {"in_sample", agreement_json(in_sample)},
           {"cross_validation", {{"folds", cv.folds}, {"held_out", agreement_json(cv.held_out)}}},
           {"points", points_json(points)}};
  latency::write_estimator(o.out, e);
  if (!o.points_csv.empty()) write_points_csv(o.points_csv, points);

  std::cout << "latency = " << fixed(line.scale, 4) << " x sum(" << o.key << ", " << o.stat
            << ") + " << fixed(line.bias / 1000.0, 3) << " ms   (R^2 " << fixed(line.r2, 4) << ", "
            << archs.size() << " architectures of " << o.space << ", seed " << o.seed << ", "
            << o.rounds << " interleaved rounds)\n";
  print_agreements(std::cout, {{"fitted points", in_sample},
                               {std::to_string(cv.folds) + "-fold CV", cv.held_out}});
  std::cout << "estimator written to " << o.out << "\n";
}

}  // namespace

void add_latency_fit(CLI::App& latency) {
  auto o = std::make_shared<FitOptions>();
  CLI::App* cmd = latency.add_subcommand(
      "fit",
      "Fit latency = scale x (sum of the modules' table latencies) + bias on sampled "
      "architectures measured whole, and cross-validate it.");
  cmd->add_option("--table", o->table, "latency table from `latency table` (CSV)")->required();
  cmd->add_option("--space", o->space, "the search space the table was made for")->required();
  add_out_option(*cmd, o->out, "the estimator to write (JSON)")->required();
  cmd->add_option("--n", o->count, "architectures to sample and measure")
      ->capture_default_str()
      ->check(CLI::Range(3, 100000));
  cmd->add_option("--seed", o->seed, "seed of the sample")->capture_default_str();
  cmd->add_option("--rounds", o->rounds, "interleaved measurement rounds over all models")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--folds", o->folds, "folds of the cross-validation")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--key", o->key, "the table's LatencyKey to sum")->capture_default_str();
  cmd->add_option("--stat", o->stat,
                  "the statistic summed and measured: Min_Time (the fastest inference: robust on "
                  "a busy machine) or Avg_Time (the median)")
      ->capture_default_str()
      ->check(CLI::IsMember({"Min_Time", "Avg_Time"}));
  cmd->add_option("--points-csv", o->points_csv, "write the fitted points to FILE (CSV)");
  add_latency_engine_options(*cmd, o->run, 50);
  cmd->callback([o] { run_fit(*o); });
}

}  // namespace onnxbench::cli
