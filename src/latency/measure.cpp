#include "latency/measure.h"

#include <algorithm>
#include <filesystem>

#include "bench/model_under_test.h"
#include "bench/session.h"
#include "core/error.h"
#include "core/prediction_metrics.h"
#include "graph/builder.h"
#include "graph/loader.h"
#include "inspect/module_uid.h"
#include "latency/modules.h"

namespace onnxbench::latency {
namespace {

TimeStats min_median_max(const LatencyStats& s) { return {s.min, s.p50, s.max}; }

}  // namespace

Meter::Meter(Engine& engine, EngineSettings settings, MeasurePlan plan, std::string work_dir)
    : engine_(engine),
      settings_(std::move(settings)),
      plan_(plan),
      work_dir_(std::move(work_dir)),
      knobs_(engine_options(engine.info(), settings_)) {
  if (plan_.iterations < 1) throw InputError("--iterations must be at least 1");
  if (plan_.warmup < 0) throw InputError("--warmup must be at least 0");
  std::filesystem::create_directories(work_dir_);
}

MeasureSetup Meter::setup(const std::string& runtime) const {
  const EngineInfo& i = engine_.info();
  return {i.engine, i.engine_version, i.runner_version, runtime, knobs_};
}

std::vector<double> Meter::timed_us(BenchSession& session) const {
  LoadPlan plan;
  plan.warmup_iterations = plan_.warmup;
  plan.warmup_ms = plan_.warmup_ms;
  plan.run_iterations = plan_.iterations;
  const BenchResult bench = session.bench(plan);
  std::vector<double> us;
  for (double ms : bench.samples_ms) us.push_back(ms * 1000.0);
  return us;
}

ModuleLatency Meter::measure_module(const std::string& uid, const onnx::ModelProto& module,
                                    const std::string& runtime) {
  const std::string path = (std::filesystem::path(work_dir_) / "module.onnx").string();
  model::save_model(module, path);
  BenchSession session(engine_, model_under_test(model::load_model(path)), settings_, {});
  const std::vector<double> us = timed_us(session);
  LoadPlan profiled;
  profiled.warmup_iterations = plan_.warmup;
  profiled.warmup_ms = plan_.warmup_ms;
  profiled.run_iterations = plan_.iterations;
  const ProfileResult profile = session.profile(profiled);
  // Only the layers that run the module's nodes: layout conversions the engine adds around a
  // lone module (ONNX Runtime's ReorderInput/ReorderOutput) happen once per model, not per module.
  const model::ModuleUidIndex nodes(module, static_input_shapes(module.graph()));
  TimeStats layers;
  for (const auto& l : profile.layers) {
    if (l.time_us.count == 0 || nodes.uid_for(l.name, l.op_type).empty()) continue;
    layers.min += l.time_us.min;
    layers.avg += l.time_us.p50;
    layers.max += l.time_us.max;
  }
  ModuleLatency m;
  m.uid = uid;
  m.runtime = runtime;
  m.by_key[kForwardPropagate] = min_median_max(profile.total_us);
  m.by_key[kTotalInferenceTime] = min_median_max(summarize(us));
  m.by_key[kLayersTime] = layers;
  return m;
}

double Meter::measure_model(const std::string& path, const std::string& stat) {
  BenchSession session(engine_, model_under_test(model::load_model(path)), settings_, {});
  const std::vector<double> us = timed_us(session);
  if (stat == "Min_Time") return *std::min_element(us.begin(), us.end());
  if (stat == "Avg_Time") return median(us);
  throw InputError("--stat '" + stat + "': expected Min_Time or Avg_Time");
}

std::vector<std::vector<double>> measure_interleaved(
    Meter& meter, const std::vector<std::string>& paths, int rounds, const std::string& stat,
    const std::function<void(std::size_t, std::size_t)>& on_done) {
  if (rounds < 1) throw InputError("--rounds must be at least 1");
  std::vector<std::vector<double>> out(paths.size());
  const std::size_t total = paths.size() * static_cast<std::size_t>(rounds);
  std::size_t done = 0;
  for (int r = 0; r < rounds; ++r)
    for (std::size_t i = 0; i < paths.size(); ++i) {
      out[i].push_back(meter.measure_model(paths[i], stat));
      if (on_done) on_done(++done, total);
    }
  return out;
}

}  // namespace onnxbench::latency
