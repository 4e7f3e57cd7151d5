#include "engines/engine.h"

#include <filesystem>

#include "core/error.h"
#include "engines/interrupt.h"
#include "engines/registry.h"
#include "engines/runner_replies.h"

namespace onnxbench {
using nlohmann::json;

Engine::Engine(const std::string& name, RunnerLimits limits)
    : Engine(name, runner_command(name), limits) {}

Engine::Engine(const std::string& name, const ProcessSpec& runner, RunnerLimits limits,
               WorkFolder::Storage storage)
    : name_(name), work_dir_(name, storage) {
  ProcessSpec spec = runner;
  spec.cwd = work_dir_.path();
  client_ = std::make_unique<RunnerClient>(name, spec, limits);
  info_ = parse_engine_info(client_->request("hello"));
}

Engine::~Engine() = default;

double Engine::load(const std::string& model_path, int instances, const json& options) {
  const std::string abs = std::filesystem::absolute(model_path).string();
  try {
    const LoadReply reply = read_load_reply(
        client_->request("load", {{"model", abs}, {"instances", instances}, {"options", options}}));
    effective_threads_ = reply.threads;
    return reply.load_ms;
  } catch (const EngineError& e) {
    throw EngineError(e.kind(), model_path + ": engine '" + name_ + "' cannot load it: " + e.what(),
                      e.node());
  }
}

std::vector<OutputFile> Engine::infer(const InputFiles& inputs, const std::string& output_dir,
                                      const std::vector<std::string>& outputs) {
  json args{{"inputs", inputs}, {"output_dir", std::filesystem::absolute(output_dir).string()}};
  if (!outputs.empty()) args["outputs"] = outputs;
  const json reply = client_->request("infer", args);
  last_infer_ms_ = read_infer_latency_ms(reply);
  return read_infer_outputs(reply);
}

BenchRaw Engine::bench(const BenchRequest& r, const ProgressHandler& on_progress) {
  const json args{{"inputs", r.inputs},
                  {"warmup", {{"iterations", r.warmup_iterations}, {"ms", r.warmup_ms}}},
                  {"run", {{"iterations", r.run_iterations}, {"seconds", r.run_seconds}}},
                  {"set_size", r.set_size},
                  {"progress_ms", r.progress_ms}};
  BenchRaw raw;
  raw.runner_before = process_usage(client_->pid());
  json reply;
  try {
    reply = client_->request("bench", args, [&](const json& event) {
      const json& kind = event.at("event");
      if (kind == "samples") add_bench_samples(raw, event);
      if (kind != "progress") return;
      const BenchProgress p = read_progress(event);
      if (p.phase == "measure") {
        raw.measure_count = p.done;
        raw.measure_wall_ms = p.elapsed_ms;
      } else if (p.phase == "warmup") {
        raw.warmup_count = p.done;
        raw.warmup_wall_ms = p.elapsed_ms;
      }
      if (on_progress) on_progress(p);
    });
  } catch (const Interrupted&) {
    raw.interrupted = true;  // the counts of the last progress event are all there is
    return raw;
  }
  raw.runner_after = process_usage(client_->pid());
  read_bench_counts(raw, reply);
  return raw;
}

ProfileRaw Engine::profile(const InputFiles& inputs, int warmup, int iterations,
                           const ProgressHandler& on_progress) {
  const json reply = client_->request(
      "profile", {{"inputs", inputs}, {"warmup", warmup}, {"iterations", iterations}},
      [&](const json& event) {
        if (event.at("event") == "progress" && on_progress) on_progress(read_progress(event));
      });
  return read_profile(reply);
}

}  // namespace onnxbench
