#include "cli/latency_common.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "cli/common_options.h"
#include "zoo/generators.h"

namespace onnxbench::cli {

void add_latency_engine_options(CLI::App& cmd, LatencyEngineOptions& o, int default_iterations) {
  add_engine_setting_options(cmd, o.engine);
  o.plan.iterations = default_iterations;
  o.iterations = default_iterations;
  cmd.add_option("--runtime", o.runtime, "the <Runtime> column of the latency table")
      ->capture_default_str();
  add_warmup_option(cmd, o.warmup, "before each timed phase")->each([&o](const std::string& text) {
    const Warmup w = parse_warmup(text);
    o.plan.warmup = w.iterations;
    o.plan.warmup_ms = w.ms;
  });
  add_iterations_option(cmd, o.iterations, "timed inferences of each measurement")
      ->capture_default_str()
      ->each([&o](const std::string& text) { o.plan.iterations = std::stoi(text); });
}

StartedMeter start_meter(const LatencyEngineOptions& o) {
  StartedMeter s;
  s.engine = std::make_unique<Engine>(o.engine.engine, o.engine.limits(), o.engine.runner_host());
  s.meter = std::make_unique<latency::Meter>(
      *s.engine, o.engine.settings(), o.plan,
      (std::filesystem::path(s.engine->work_dir()) / "latency").string());
  return s;
}

onnx::ModelProto architecture_model(const model::Architecture& arch) {
  return model::generate_model(arch, 1, model::Dim(1));
}

std::vector<latency::Module> architecture_modules(const model::Architecture& arch,
                                                  const std::string& source,
                                                  latency::Fusion fusion) {
  return latency::decompose(architecture_model(arch), source, fusion);
}

EtaProgress::EtaProgress(std::string what, std::size_t total)
    : what_(std::move(what)),
      total_(total),
      terminal_(::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()) {}

EtaProgress::~EtaProgress() {
  if (terminal_ && shown_) std::fprintf(stderr, "\r\033[K");
}

void EtaProgress::done(std::size_t done) {
  if (total_ == 0 || done == 0) return;
  const std::size_t tenth = done * 10 / total_;
  if (!terminal_ && tenth == last_tenth_) return;
  last_tenth_ = tenth;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = elapsed / static_cast<double>(done) * static_cast<double>(total_ - done);
  std::fprintf(stderr, "%s%s: %zu / %zu, %.0f s elapsed, ETA %.0f s%s", terminal_ ? "\r\033[K" : "",
               what_.c_str(), done, total_, elapsed, eta, terminal_ ? "" : "\n");
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace onnxbench::cli
