// zoo generate and zoo sample: models built in C++ from presets and architecture JSON files.
#pragma once

#include <CLI/CLI.hpp>

namespace onnxbench::cli {

void add_zoo_generate(CLI::App& zoo);
void add_zoo_sample(CLI::App& zoo);

}  // namespace onnxbench::cli
