#include "engines/registry.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "core/error.h"
#include "core/text.h"
#include "engines/qualcomm/sdk.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSetupHint = "; run scripts/setup.sh to build and install the runners";

// The folder of the running executable: an installed or moved build still finds its runners.
fs::path executable_dir() {
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

std::string env_override(const std::string& engine) {
  std::string var = "ONNXBENCH_RUNNER_" + engine;
  std::transform(var.begin(), var.end(), var.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  const char* value = std::getenv(var.c_str());
  return value ? value : "";
}

fs::path find_first(const std::vector<fs::path>& candidates) {
  for (const auto& c : candidates)
    if (fs::exists(c)) return c;
  return {};
}

ProcessSpec opencv_runner() {
  const std::string rel = "runners/opencv/onnxbench-runner-opencv";
  std::vector<fs::path> candidates{executable_dir() / rel, fs::path(ONNXBENCH_BUILD_DIR) / rel};
  if (auto over = env_override("opencv"); !over.empty()) candidates = {over};
  const fs::path path = find_first(candidates);
  if (path.empty())
    throw Error("engine 'opencv': runner not found at " + candidates.front().string() + kSetupHint);
  return {{path.string()}, "", {}};
}

ProcessSpec onnxruntime_runner() {
  fs::path script = fs::path(ONNXBENCH_SOURCE_DIR) / "runners/onnxruntime/runner.js";
  if (auto over = env_override("onnxruntime"); !over.empty()) script = over;
  if (!fs::exists(script))
    throw Error("engine 'onnxruntime': runner not found at " + script.string() + kSetupHint);
  if (!fs::exists(script.parent_path() / "node_modules/onnxruntime-node"))
    throw Error("engine 'onnxruntime': onnxruntime-node is not installed in " +
                script.parent_path().string() + kSetupHint);
  return {{"node", script.string()}, "", {}};
}

// snpe, qnn and qaic: one runner drives the vendor's tools of the SDK found now
// (engines/qualcomm/sdk.h).
ProcessSpec qualcomm_runner(const std::string& engine) {
  const qualcomm::Sdk sdk = qualcomm::find_sdk(engine);
  const std::string rel = "runners/qualcomm/onnxbench-runner-qualcomm";
  std::vector<fs::path> candidates{executable_dir() / rel, fs::path(ONNXBENCH_BUILD_DIR) / rel};
  if (auto over = env_override(engine); !over.empty()) candidates = {over};
  const fs::path path = find_first(candidates);
  if (path.empty())
    throw Error("engine '" + engine + "': runner not found at " + candidates.front().string() +
                kSetupHint);
  return {{path.string(), "--engine", engine, "--sdk", sdk.root}, "", {}};
}

}  // namespace

std::vector<std::string> known_engines() {
  return {"onnxruntime", "opencv", "qaic", "qnn", "snpe"};
}

bool engine_needs_simplified_graph(const std::string& engine) { return engine == "opencv"; }

ProcessSpec runner_command(const std::string& engine) {
  if (engine == "opencv") return opencv_runner();
  if (engine == "onnxruntime") return onnxruntime_runner();
  if (engine == "snpe" || engine == "qnn" || engine == "qaic") return qualcomm_runner(engine);
  throw InputError("unknown engine '" + engine + "'; known engines: " + join(known_engines()));
}

}  // namespace onnxbench
