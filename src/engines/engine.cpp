#include "engines/engine.h"

#include <filesystem>

#include "core/error.h"
#include "engines/interrupt.h"
#include "engines/runner_replies.h"

namespace onnxbench {
using nlohmann::json;

Engine::Engine(const std::string& name, RunnerLimits limits, std::shared_ptr<RunnerHost> host)
    : name_(name),
      host_(host ? host->for_engine(name) : local_runner_host()),
      work_dir_(name, host_->shares_memory() ? WorkFolder::Storage::kMemory
                                             : WorkFolder::Storage::kDisk) {
  try {
    client_ =
        std::make_unique<RunnerClient>(name, host_->runner_process(name, work_dir_.path()), limits);
  } catch (const StartError&) {
    host_->check_reachable();
    throw;
  }
  info_ = parse_engine_info(request("hello", json::object()));
}

Engine::Engine(const std::string& name, const ProcessSpec& runner, RunnerLimits limits,
               WorkFolder::Storage storage)
    : name_(name), host_(local_runner_host()), work_dir_(name, storage) {
  ProcessSpec spec = runner;
  spec.cwd = work_dir_.path();
  client_ = std::make_unique<RunnerClient>(name, spec, limits);
  info_ = parse_engine_info(request("hello", json::object()));
}

Engine::~Engine() = default;

json Engine::request(const std::string& op, json args, const RunnerClient::EventHandler& on_event) {
  try {
    return client_->request(op, std::move(args), on_event);
  } catch (const RunnerError&) {
    host_->check_reachable();
    throw;
  }
}

InputFiles Engine::runner_inputs(const InputFiles& inputs) {
  InputFiles placed;
  for (const auto& [name, path] : inputs) placed[name] = host_->input_path(path);
  return placed;
}

double Engine::load(const std::string& model_path, int instances, const json& options) {
  const std::string placed = host_->model_path(model_path);
  try {
    const LoadReply reply = read_load_reply(
        request("load", {{"model", placed}, {"instances", instances}, {"options", options}}));
    effective_threads_ = reply.threads;
    return reply.load_ms;
  } catch (const EngineError& e) {
    throw EngineError(e.kind(), model_path + ": engine '" + name_ + "' cannot load it: " + e.what(),
                      e.node());
  }
}

std::vector<OutputFile> Engine::infer(const InputFiles& inputs, const std::string& output_dir,
                                      const std::vector<std::string>& outputs,
                                      std::optional<std::int64_t> split) {
  json args{{"inputs", runner_inputs(inputs)}, {"output_dir", host_->output_dir(output_dir)}};
  if (!outputs.empty()) args["outputs"] = outputs;
  if (split) {
    if (!info_.capabilities.split)
      throw Error("engine '" + info_.engine + "' takes one engine call per request (no 'split')");
    args["split"] = *split;
  }
  const json reply = request("infer", args);
  last_infer_ms_ = read_infer_latency_ms(reply);
  std::vector<OutputFile> files = read_infer_outputs(reply);
  for (auto& f : files) f.path = host_->fetch_output(f.path, output_dir);
  return files;
}

BenchRaw Engine::bench(const BenchRequest& r, const ProgressHandler& on_progress) {
  const json args{{"inputs", runner_inputs(r.inputs)},
                  {"warmup", {{"iterations", r.warmup_iterations}, {"ms", r.warmup_ms}}},
                  {"run", {{"iterations", r.run_iterations}, {"seconds", r.run_seconds}}},
                  {"set_size", r.set_size},
                  {"progress_ms", r.progress_ms}};
  BenchRaw raw;
  raw.runner_before = process_usage(client_->pid());
  json reply;
  try {
    reply = request("bench", args, [&](const json& event) {
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
                           const ProgressHandler& on_progress, double warmup_ms) {
  const json reply = request("profile",
                             {{"inputs", runner_inputs(inputs)},
                              {"warmup", warmup},
                              {"warmup_ms", warmup_ms},
                              {"iterations", iterations}},
                             [&](const json& event) {
                               if (event.at("event") == "progress" && on_progress)
                                 on_progress(read_progress(event));
                             });
  return read_profile(reply);
}

}  // namespace onnxbench
