#include "engines/engine.h"

#include <filesystem>

#include "core/error.h"
#include "engines/interrupt.h"
#include "engines/registry.h"

namespace onnxbench {
namespace {

using nlohmann::json;

// Appends one `samples` event to the per-instance samples of its phase.
void add_samples(BenchRaw& raw, const json& event) {
  auto& phase = event.value("phase", "measure") == "warmup" ? raw.warmup : raw.measure;
  const int instance = event.at("instance").get<int>();
  if (instance < 0 || instance > 4096)
    throw Error("runner sent samples of instance " + std::to_string(instance));
  if (phase.size() <= static_cast<std::size_t>(instance)) phase.resize(instance + 1);
  InstanceSamples& s = phase[instance];
  s.instance = instance;
  const auto& lat = event.at("latency_us");
  s.latency_us.insert(s.latency_us.end(), lat.begin(), lat.end());
  if (event.contains("end_us")) {
    const auto& end = event.at("end_us");
    if (end.size() != lat.size())
      throw Error("runner sent " + std::to_string(end.size()) + " end_us values for " +
                  std::to_string(lat.size()) + " latencies");
    s.end_us.insert(s.end_us.end(), end.begin(), end.end());
  }
  if (event.contains("stages"))
    for (const auto& [stage, values] : event["stages"].items()) {
      auto& dst = s.stages_us[stage];
      dst.insert(dst.end(), values.begin(), values.end());
    }
}

BenchProgress parse_progress(const json& event) {
  return {event.value("phase", ""), event.value("done", 0LL), event.value("elapsed_ms", 0.0)};
}

}  // namespace

Engine::Engine(const std::string& name, RunnerLimits limits)
    : Engine(name, runner_command(name), limits) {}

Engine::Engine(const std::string& name, const ProcessSpec& runner, RunnerLimits limits)
    : name_(name), work_dir_(name) {
  ProcessSpec spec = runner;
  spec.cwd = work_dir_.path();
  client_ = std::make_unique<RunnerClient>(name, spec, limits);
  info_ = parse_engine_info(client_->request("hello"));
}

Engine::~Engine() = default;

double Engine::load(const std::string& model_path, int instances, const json& options) {
  const std::string abs = std::filesystem::absolute(model_path).string();
  try {
    const json reply =
        client_->request("load", {{"model", abs}, {"instances", instances}, {"options", options}});
    effective_threads_ = reply.value("threads", 0);
    return reply.value("load_ms", 0.0);
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
  last_infer_ms_ = reply.value("latency_us", 0.0) / 1000.0;
  std::vector<OutputFile> files;
  for (const auto& o : reply.at("outputs"))
    files.push_back({o.at("name"), o.at("path"), o.value("dtype", ""), o.value("shape", Shape{})});
  return files;
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
      const std::string kind = event.at("event");
      if (kind == "samples") add_samples(raw, event);
      if (kind != "progress") return;
      const BenchProgress p = parse_progress(event);
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
  raw.warmup_count = reply.at("warmup").value("count", 0LL);
  raw.warmup_wall_ms = reply.at("warmup").value("wall_ms", 0.0);
  raw.measure_count = reply.at("measure").value("count", 0LL);
  raw.measure_wall_ms = reply.at("measure").value("wall_ms", 0.0);
  return raw;
}

ProfileRaw Engine::profile(const InputFiles& inputs, int warmup, int iterations,
                           const ProgressHandler& on_progress) {
  const json reply = client_->request(
      "profile", {{"inputs", inputs}, {"warmup", warmup}, {"iterations", iterations}},
      [&](const json& event) {
        if (event.at("event") == "progress" && on_progress) on_progress(parse_progress(event));
      });
  ProfileRaw p;
  p.total_us = reply.at("total_us").get<std::vector<double>>();
  for (const auto& l : reply.at("layers"))
    p.layers.push_back(
        {l.at("name"), l.value("op_type", ""), l.at("samples_us").get<std::vector<double>>()});
  return p;
}

}  // namespace onnxbench
