// onnxbench latency validate: the estimator against measurements of architectures it was not
// fitted on, beside the test-retest floor (how well the machine agrees with itself).
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/common_options.h"
#include "cli/latency_commands.h"
#include "cli/latency_common.h"
#include "core/error.h"
#include "core/file_io.h"
#include "graph/builder.h"
#include "latency/estimator.h"
#include "latency/fit.h"
#include "latency/space.h"
#include "report/latency_report.h"
#include "report/scatter_svg.h"
#include "report/table.h"

namespace onnxbench::cli {
namespace {

namespace fs = std::filesystem;

struct ValidateOptions {
  LatencyEngineOptions run;
  std::string estimator, space, json_path, csv_path, svg_path;
  std::uint64_t count = 50, seed = 2;
  int rounds = 4;
};

// The estimator's fit sample, when it was drawn from the same space file.
std::vector<model::Architecture> fit_sample(const latency::Estimator& e,
                                            const latency::Space& space) {
  const auto& f = e.fit;
  if (!f.is_object() || f.value("space", "") != space.path || !f.contains("seed") ||
      !f.contains("count"))
    return {};
  return latency::sample(space, f["count"].get<std::uint64_t>(), f["seed"].get<std::uint64_t>());
}

void run_validate(const ValidateOptions& o) {
  if (o.rounds < 2)
    throw InputError("--rounds " + std::to_string(o.rounds) +
                     ": validation needs at least 2, to compare the machine with itself");
  const latency::Estimator e = latency::read_estimator(o.estimator);
  const latency::Space space = latency::read_latency_space(o.space);
  const auto archs = latency::sample(space, o.count, o.seed);
  const auto fitted = fit_sample(e, space);
  std::size_t overlap = 0;
  for (const auto& a : archs)
    if (std::find(fitted.begin(), fitted.end(), a) != fitted.end()) ++overlap;
  if (!fitted.empty() && overlap == archs.size())
    throw InputError("--seed " + std::to_string(o.seed) + ": these are the architectures " +
                     o.estimator + " was fitted on; validate on another seed");

  std::vector<LatencyPoint> points(archs.size());
  std::vector<onnx::ModelProto> models;
  for (std::size_t i = 0; i < archs.size(); ++i) {
    points[i].name = "arch " + std::to_string(i);
    models.push_back(architecture_model(archs[i]));
    const auto p = latency::predict(
        e,
        latency::decompose(models.back(), points[i].name, latency::engine_fusion(e.setup.engine)),
        o.space + " (seed " + std::to_string(o.seed) + ", " + points[i].name + ")");
    points[i].sum_us = p.sum_us;
    points[i].predicted_us = p.predicted_us;
  }
  StartedMeter started = start_meter(o.run);
  latency::check_same_setup(e.setup, "the estimator", started.meter->setup(e.setup.runtime),
                            "this run", o.estimator);
  const fs::path dir = fs::path(started.engine->work_dir()) / "validate";
  fs::create_directories(dir);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < models.size(); ++i) {
    paths.push_back((dir / ("arch_" + std::to_string(i) + ".onnx")).string());
    model::save_model(models[i], paths.back());
  }
  std::vector<std::vector<double>> rounds;
  {
    EtaProgress progress("latency validate: whole models", paths.size() * o.rounds);
    rounds = latency::measure_interleaved(*started.meter, paths, o.rounds, e.stat,
                                          [&](std::size_t d, std::size_t) { progress.done(d); });
  }
  std::vector<double> predicted, measured, first, second;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const latency::RoundSummary r = latency::summarize_rounds(rounds[i], e.stat);
    points[i].measured_us = r.all;
    points[i].first_us = r.first;
    points[i].second_us = r.second;
    predicted.push_back(points[i].predicted_us);
    measured.push_back(points[i].measured_us);
    first.push_back(points[i].first_us);
    second.push_back(points[i].second_us);
  }
  const latency::Agreement prediction = latency::agreement(predicted, measured);
  const latency::Agreement retest = latency::agreement(first, second);

  // With --json -, stdout carries the JSON alone.
  std::ostream& out = json_to_stdout(o.json_path) ? std::cerr : std::cout;
  out << "validation of " << o.estimator << " on " << archs.size() << " architectures of "
      << o.space << " (seed " << o.seed << "), " << o.rounds << " interleaved rounds on "
      << e.setup.engine << " " << e.setup.engine_version << "\n";
  if (overlap) out << overlap << " of them were also in the fit sample\n";
  print_agreements(out, {{"predicted vs measured", prediction},
                         {"test-retest (rounds 1st vs 2nd half)", retest}});
  write_json_option(o.json_path, nlohmann::json{{"estimator", o.estimator},
                                                {"space", o.space},
                                                {"seed", o.seed},
                                                {"rounds", o.rounds},
                                                {"setup", latency::setup_to_json(e.setup)},
                                                {"overlap_with_fit", overlap},
                                                {"prediction", agreement_json(prediction)},
                                                {"test_retest", agreement_json(retest)},
                                                {"points", points_json(points)}});
  if (!o.csv_path.empty()) write_points_csv(o.csv_path, points);
  if (!o.svg_path.empty()) {
    std::vector<double> x, y;
    for (const auto& p : points) {
      x.push_back(p.measured_us / 1000.0);
      y.push_back(p.predicted_us / 1000.0);
    }
    write_file(o.svg_path,
               scatter_svg(x, y,
                           {e.setup.engine + " " + e.setup.engine_version + ": " +
                                std::to_string(points.size()) + " unseen architectures, " +
                                fixed(prediction.within_10 * 100, 0) + "% within ±10%, τ " +
                                fixed(prediction.kendall_tau, 3),
                            "measured latency (ms)", "predicted latency (ms)"}));
  }
}

}  // namespace

void add_latency_validate(CLI::App& latency) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd = latency.add_subcommand(
      "validate",
      "Measure architectures the estimator was not fitted on and compare: share within ±5% and "
      "±10%, RMSE, MAPE, Kendall tau, Spearman rho, and the machine's test-retest floor.");
  cmd->add_option("--estimator", o->estimator, "estimator from `latency fit` (JSON)")->required();
  cmd->add_option("--space", o->space, "the search space to sample")->required();
  cmd->add_option("--n", o->count, "architectures to sample and measure")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  cmd->add_option("--seed", o->seed, "seed of the sample (not the fit's)")->capture_default_str();
  cmd->add_option("--rounds", o->rounds,
                  "interleaved measurement rounds (>= 2: the halves give the test-retest floor)")
      ->capture_default_str();
  add_json_option(*cmd, o->json_path, "the validation record");
  cmd->add_option("--csv", o->csv_path, "write the points to FILE as CSV");
  cmd->add_option("--svg", o->svg_path, "write the scatter plot, predicted against measured");
  add_latency_engine_options(*cmd, o->run, 50);
  cmd->callback([o] { run_validate(*o); });
}

}  // namespace onnxbench::cli
