#include "bench/session.h"

#include <filesystem>

#include "bench/engine_preparation.h"
#include "bench/output_check.h"
#include "bench/summarize.h"
#include "core/command_line.h"
#include "core/error.h"
#include "core/utc_time.h"
#include "core/version.h"

namespace onnxbench {

nlohmann::json engine_options(const EngineInfo& info, const EngineSettings& settings) {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [name, text] : settings.options) options[name] = knob_value(info, name, text);
  if (settings.threads) {
    const Knob* knob = info.threads_knob();
    if (!knob) throw InputError("engine '" + info.engine + "' has no threads knob");
    options[knob->name] = knob_value(info, knob->name, std::to_string(*settings.threads));
  }
  return options;
}

BenchSession::BenchSession(Engine& engine, ModelUnderTest model, const EngineSettings& settings,
                           const InputRequest& inputs)
    : engine_(engine), model_(std::move(model)) {
  if (settings.instances < 1) throw InputError("--instances must be at least 1");
  config_.instances = settings.instances;
  config_.engine_options = engine_options(engine.info(), settings);
  inputs_ = prepare_inputs(model_.inputs, inputs, engine.work_dir());
  config_.batch = inputs_.batch;
  config_.inputs = inputs_.description;
  for (const auto& spec : model_.inputs)
    if (auto it = inputs_.shapes.find(spec.name); it != inputs_.shapes.end())
      config_.input_shapes[spec.name] = {it->second, spec.dtype};
  load_ms_ = load_into_engine(engine, model_, settings.instances, config_.engine_options);
  config_.threads = engine.effective_threads();
}

EngineIdentity BenchSession::engine_identity() const {
  const EngineInfo& i = engine_.info();
  return {i.engine, i.engine_version, i.runner_version};
}

std::vector<std::string> BenchSession::check_outputs(const onnx::GraphProto& graph) {
  const auto outputs = run_once(engine_.work_dir() + "/output_check");
  checked_first_inference_ms_ = engine_.last_infer_ms();
  output_problems_ = output_problems(outputs, graph);
  return output_problems_;
}

BenchResult BenchSession::bench(const LoadPlan& plan, const ProgressHandler& on_progress) {
  if (plan.set_size < 1) throw InputError("--set-size must be at least 1");
  if (plan.run_iterations <= 0 && plan.run_seconds <= 0)
    throw InputError("give a run length: --iterations N or --duration SECONDS above 0");
  BenchRequest request;
  request.inputs = inputs_.files;
  request.warmup_iterations = plan.warmup_iterations;
  request.warmup_ms = plan.warmup_ms;
  request.run_iterations = plan.run_iterations;
  request.run_seconds = plan.run_iterations > 0 ? 0 : plan.run_seconds;
  request.set_size = plan.set_size;
  const BenchRaw raw = engine_.bench(request, on_progress);

  BenchResult r;
  r.model = {model_.path, model_.sha256, model_.prepared};
  r.engine = engine_identity();
  r.config = config_;
  r.config.set_size = plan.set_size;
  r.config.warmup_iterations = plan.warmup_iterations;
  r.config.warmup_ms = plan.warmup_ms;
  r.config.run_iterations = request.run_iterations;
  r.config.run_seconds = request.run_seconds;
  r.host = host_info();
  r.device = engine_.host().describe();
  r.onnxbench_version = std::string(kVersion);
  r.timestamp_utc = utc_now_iso8601();
  r.command_line = command_line();
  r.load_ms = load_ms_;
  summarize_bench(raw, config_.batch, r);
  if (checked_first_inference_ms_) r.first_inference_ms = *checked_first_inference_ms_;
  r.output_problems = output_problems_;
  return r;
}

ProfileResult BenchSession::profile(const LoadPlan& plan, const ProgressHandler& on_progress) {
  if (!engine_.info().capabilities.profile)
    throw InputError("engine '" + engine_.info().engine + "' has no per-layer profiler");
  if (plan.run_iterations < 1) throw InputError("--iterations must be at least 1");
  const ProfileRaw raw =
      engine_.profile(inputs_.files, static_cast<int>(plan.warmup_iterations),
                      static_cast<int>(plan.run_iterations), on_progress, plan.warmup_ms);
  ProfileResult r;
  r.model = {model_.path, model_.sha256, model_.prepared};
  r.engine = engine_identity();
  r.config = config_;
  r.config.warmup_iterations = plan.warmup_iterations;
  r.config.warmup_ms = plan.warmup_ms;
  r.config.run_iterations = plan.run_iterations;
  r.host = host_info();
  r.device = engine_.host().describe();
  r.onnxbench_version = std::string(kVersion);
  r.timestamp_utc = utc_now_iso8601();
  r.command_line = command_line();
  summarize_profile(raw, r);
  return r;
}

std::vector<OutputFile> BenchSession::run_once(const std::string& output_dir,
                                               const std::vector<std::string>& outputs) {
  std::error_code ec;
  std::filesystem::create_directories(output_dir, ec);
  if (ec) throw InputError(output_dir + ": cannot create the output folder: " + ec.message());
  return engine_.infer(inputs_.files, output_dir, outputs);
}

}  // namespace onnxbench
