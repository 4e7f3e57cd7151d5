// Each subcommand lives in its own file and registers itself on the root CLI11 app. The callback
// it installs runs the command and returns normally; errors travel as exceptions to main.
#pragma once

#include <CLI/CLI.hpp>

namespace onnxbench::cli {

void add_inspect(CLI::App& app);
void add_bench(CLI::App& app);
void add_run(CLI::App& app);
void add_profile(CLI::App& app);
void add_zoo(CLI::App& app);
void add_engines(CLI::App& app);
void add_tune(CLI::App& app);
void add_transform(CLI::App& app);
void add_quantize(CLI::App& app);
void add_compare(CLI::App& app);
void add_report(CLI::App& app);
void add_serve(CLI::App& app);
void add_store(CLI::App& app);
void add_results(CLI::App& app);
void add_farm(CLI::App& app);
void add_eval(CLI::App& app);
void add_metric(CLI::App& app);
void add_latency(CLI::App& app);
void add_devices(CLI::App& app);

}  // namespace onnxbench::cli
