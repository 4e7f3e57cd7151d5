// Which engines exist and how their runners are started.
#pragma once

#include <string>
#include <vector>

#include "engines/subprocess.h"

namespace onnxbench {

std::vector<std::string> known_engines();  // "onnxruntime", "opencv", "qaic", "qnn", "snpe"

// OpenCV's importer rejects the no-op and constant nodes of raw exports: bench/engine_preparation.h
// simplifies the model for it first.
bool engine_needs_simplified_graph(const std::string& engine);

// The command that starts the engine's runner. ONNXBENCH_RUNNER_<ENGINE> (e.g.
// ONNXBENCH_RUNNER_OPENCV=/path/to/runner) overrides the built-in location. Throws InputError for
// an unknown engine and Error, with the set-up step to run, when the runner is not installed.
ProcessSpec runner_command(const std::string& engine);

}  // namespace onnxbench
