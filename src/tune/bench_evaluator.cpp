#include "tune/bench_evaluator.h"

#include <algorithm>
#include <sstream>

#include "bench/session.h"
#include "core/error.h"
#include "core/shell_word.h"
#include "engines/interrupt.h"

namespace onnxbench::tune {
namespace {

using nlohmann::json;

bool is_own_knob(const std::string& name) {
  return name == kThreads || name == kInstances || name == kBatch || name == kSetSize;
}

std::string number_text(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

std::vector<KnobInfo> tunable_knobs(const EngineInfo& engine, unsigned cores) {
  const long long n = std::max(1u, cores);
  std::vector<KnobInfo> knobs{
      {kThreads, "int", 1, n, {}, false, json()},
      {kInstances, "int", 1, n, {}, false, 1},
      {kBatch, "int", 1, 64, {}, true, 1},
      {kSetSize, "int", 1, 16, {}, false, 1},
  };
  const Knob* threads = engine.threads_knob();
  for (const auto& k : engine.knobs) {
    if (threads && k.name == threads->name) continue;
    KnobInfo info{k.name, k.type, k.min, k.max, {}, false, k.default_value};
    // More threads than cores only oversubscribes them: bound thread counts by the machine.
    if (k.type == "int" && k.name.find("threads") != std::string::npos && k.max)
      info.max = std::min<long long>(*k.max, n);
    if (k.type == "enum") info.values.assign(k.values.begin(), k.values.end());
    if (k.type == "bool") info.values = {false, true};
    knobs.push_back(std::move(info));
  }
  return knobs;
}

EngineSettings settings_of(const Config& config) {
  EngineSettings s;
  for (const auto& [name, value] : config) {
    if (name == kThreads) {
      if (!value.is_null()) s.threads = value.get<long long>();
    } else if (name == kInstances) {
      s.instances = value.get<int>();
    } else if (!is_own_knob(name)) {
      s.options[name] = value_text(value);
    }
  }
  return s;
}

InputRequest inputs_of(const Config& config, InputRequest base) {
  if (auto it = config.find(kBatch); it != config.end()) base.batch = it->second.get<long long>();
  return base;
}

int set_size_of(const Config& config) {
  const auto it = config.find(kSetSize);
  return it == config.end() ? 1 : it->second.get<int>();
}

BenchEvaluator::BenchEvaluator(std::string engine_name, RunnerLimits limits, ModelUnderTest model,
                               TrialPlan plan, std::shared_ptr<RunnerHost> host)
    : engine_name_(std::move(engine_name)),
      limits_(limits),
      host_(std::move(host)),
      model_(std::move(model)),
      plan_(std::move(plan)) {}

TrialOutcome BenchEvaluator::evaluate(const Config& config) {
  TrialOutcome outcome;
  try {
    if (!engine_) engine_ = std::make_unique<Engine>(engine_name_, limits_, host_);
    BenchSession session(*engine_, model_, settings_of(config), inputs_of(config, plan_.inputs));
    LoadPlan load;
    load.set_size = set_size_of(config);
    load.warmup_iterations = plan_.warmup_iterations;
    load.warmup_ms = plan_.warmup_ms;
    load.run_seconds = plan_.seconds;
    const BenchResult r = session.bench(load);
    if (r.interrupted) throw Interrupted(interrupt_signal());  // not a trial: the search stops
    outcome.throughput = r.throughput;
    outcome.latency_ms = r.measure.latency_ms;
  } catch (const Interrupted&) {
    throw;  // Ctrl-C ends the search; the trials so far are in the log for --resume
  } catch (const RunnerError& e) {
    engine_.reset();  // the runner is gone: the next trial starts a fresh one
    outcome.status = TrialOutcome::Status::kFailed;
    outcome.reason = e.what();
  } catch (const Error& e) {  // the engine refused the config, or the inputs do not fit the batch
    outcome.status = TrialOutcome::Status::kFailed;
    outcome.reason = e.what();
  }
  return outcome;
}

std::string BenchEvaluator::command(const Config& config) const {
  std::string cmd = "onnxbench bench " + shell_word(model_.path) + " --engine " + engine_name_;
  for (const auto& [name, value] : config) {
    if (value.is_null()) continue;
    if (name == kThreads)
      cmd += " --threads " + value_text(value);
    else if (name == kInstances)
      cmd += " --instances " + value_text(value);
    else if (name == kBatch)
      cmd += " --batch " + value_text(value);
    else if (name == kSetSize)
      cmd += " --set-size " + value_text(value);
    else
      cmd += " --set " + shell_word(name + "=" + value_text(value));
  }
  for (const auto& f : plan_.inputs.files) cmd += " --input " + shell_word(f);
  if (plan_.inputs.files.empty() && plan_.inputs.seed != 1)
    cmd += " --seed " + std::to_string(plan_.inputs.seed);
  for (const auto& [symbol, n] : plan_.inputs.dims)
    cmd += " --dim " + symbol + "=" + std::to_string(n);
  cmd += " --warmup " + (plan_.warmup_ms > 0 ? number_text(plan_.warmup_ms) + "ms"
                                             : std::to_string(plan_.warmup_iterations));
  return cmd + " --duration " + number_text(plan_.seconds);
}

}  // namespace onnxbench::tune
