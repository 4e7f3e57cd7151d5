// The latency subcommands other than `table`, each registered on the `latency` command.
#pragma once

#include <CLI/CLI.hpp>

namespace onnxbench::cli {

void add_latency_fit(CLI::App& latency);
void add_latency_predict(CLI::App& latency);
void add_latency_validate(CLI::App& latency);

}  // namespace onnxbench::cli
