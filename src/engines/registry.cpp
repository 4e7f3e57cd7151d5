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

// Every runner is a program at <build>/runners/<runner>/onnxbench-runner-<runner>, next to the
// onnxbench executable or in the build folder it was built in. Most engines have a runner of their
// own name; the Qualcomm engines share one.
ProcessSpec native_runner(const std::string& engine, const std::string& runner) {
  const std::string rel = "runners/" + runner + "/onnxbench-runner-" + runner;
  std::vector<fs::path> candidates{executable_dir() / rel, fs::path(ONNXBENCH_BUILD_DIR) / rel};
  if (auto over = env_override(engine); !over.empty()) candidates = {over};
  const fs::path path = find_first(candidates);
  if (path.empty())
    throw Error("engine '" + engine + "': runner not found at " + candidates.front().string() +
                kSetupHint);
  return {{path.string()}, "", {}};
}

// snpe, qnn and qaic: one runner drives the vendor's tools of the SDK found now
// (engines/qualcomm/sdk.h).
ProcessSpec qualcomm_runner(const std::string& engine) {
  const qualcomm::Sdk sdk = qualcomm::find_sdk(engine);
  ProcessSpec spec = native_runner(engine, "qualcomm");
  spec.argv.insert(spec.argv.end(), {"--engine", engine, "--sdk", sdk.root});
  return spec;
}

}  // namespace

std::vector<std::string> known_engines() {
  return {"onnxruntime", "opencv", "qaic", "qnn", "snpe"};
}

bool engine_needs_simplified_graph(const std::string& engine) { return engine == "opencv"; }

ProcessSpec runner_command(const std::string& engine) {
  if (engine == "opencv" || engine == "onnxruntime") return native_runner(engine, engine);
  if (engine == "snpe" || engine == "qnn" || engine == "qaic") return qualcomm_runner(engine);
  throw InputError("unknown engine '" + engine + "'; known engines: " + join(known_engines()));
}

}  // namespace onnxbench
