// Which engines exist and how their runners are started.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "engines/subprocess.h"

namespace onnxbench {

std::vector<std::string> known_engines();  // "onnxruntime", "opencv", "qaic", "qnn", "snpe"

// OpenCV's importer rejects the no-op and constant nodes of raw exports: bench/engine_preparation.h
// simplifies the model for it first.
bool engine_needs_simplified_graph(const std::string& engine);

// Where an engine's runner runs for a device other than this host: on the device (a runner
// bundle pushed there), on this host driving the vendor's tools on the device (snpe, qnn), or
// nowhere else (qaic: the Cloud AI 100 cards are this host's own).
enum class DevicePlacement { kRunnerOnDevice, kToolsOnDevice, kThisHostOnly };
DevicePlacement device_placement(const std::string& engine);

// The command that starts the engine's runner. ONNXBENCH_RUNNER_<ENGINE> (e.g.
// ONNXBENCH_RUNNER_OPENCV=/path/to/runner) overrides the built-in location. Throws InputError for
// an unknown engine and Error, with the set-up step to run, when the runner is not installed.
ProcessSpec runner_command(const std::string& engine);

// A runner that can be copied to a device: its program and the shared libraries beside it
// (e.g. libonnxruntime.so.1, found through RPATH $ORIGIN).
struct RunnerBundle {
  std::string engine, architecture;
  std::filesystem::path folder;
  std::string program;             // file name inside folder
  std::vector<std::string> files;  // program first, then the libraries
};

// The bundle of `engine` for a device whose `uname -m` is `architecture`. Bundles for other
// architectures are registered as folders <build>/runners/<architecture>/<engine>/ holding
// onnxbench-runner-<engine> (and its libraries); this host's own are its built runners. Throws
// Error, in one line naming the bundles that exist, when there is none.
RunnerBundle runner_bundle(const std::string& engine, const std::string& architecture);
// "opencv/x86_64", ... : every bundle that exists.
std::vector<std::string> available_bundles();

}  // namespace onnxbench
