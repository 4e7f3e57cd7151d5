// What the latency subcommands share: their engine and measurement options (declared once
// here), the engine they start, architectures as modules, and a progress line with an ETA.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "cli/engine_options.h"
#include "latency/measure.h"
#include "latency/modules.h"
#include "zoo/architecture.h"

namespace onnxbench::cli {

struct LatencyEngineOptions {
  EngineCommandOptions engine;
  std::string runtime = "CPU";
  latency::MeasurePlan plan;
  // What --warmup and --iterations said; their values go into `plan` as they are parsed.
  std::string warmup = "10";
  long long iterations = 0;
};

// --engine, --threads, --set, runner limits, --runtime, --warmup, --iterations.
void add_latency_engine_options(CLI::App& cmd, LatencyEngineOptions& o, int default_iterations);

struct StartedMeter {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<latency::Meter> meter;
};
StartedMeter start_meter(const LatencyEngineOptions& o);

// The architecture's model as the generator builds it (batch 1, weight seed 1) and its modules.
onnx::ModelProto architecture_model(const model::Architecture& arch);
std::vector<latency::Module> architecture_modules(const model::Architecture& arch,
                                                  const std::string& source,
                                                  latency::Fusion fusion);

// "what: done / total, elapsed, ETA" on stderr: rewritten in place on a terminal, else a line at
// every tenth of the work (logs of long runs).
class EtaProgress {
 public:
  EtaProgress(std::string what, std::size_t total);
  ~EtaProgress();
  void done(std::size_t done);

 private:
  std::string what_;
  std::size_t total_, last_tenth_ = 0;
  bool terminal_, shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace onnxbench::cli
