// Option checks whose messages a user can read: "--batch: must be at least 1, got 0" rather
// than CLI11's "Value 0 not in range 2.22507e-308 to 1.79769e+308".
#pragma once

#include <CLI/CLI.hpp>

namespace onnxbench::cli {

// A number >= min.
CLI::Validator at_least(double min);
// A number > 0 (seconds, fractions).
CLI::Validator above_zero();
// The name of an engine of the registry (engines/registry.h).
CLI::Validator known_engine();

}  // namespace onnxbench::cli
