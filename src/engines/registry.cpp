#include "engines/registry.h"

#include <sys/utsname.h>
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

DevicePlacement device_placement(const std::string& engine) {
  if (engine == "snpe" || engine == "qnn") return DevicePlacement::kToolsOnDevice;
  if (engine == "qaic") return DevicePlacement::kThisHostOnly;
  return DevicePlacement::kRunnerOnDevice;
}

ProcessSpec runner_command(const std::string& engine) {
  if (engine == "opencv" || engine == "onnxruntime") return native_runner(engine, engine);
  if (engine == "snpe" || engine == "qnn" || engine == "qaic") return qualcomm_runner(engine);
  throw InputError("unknown engine '" + engine + "'; known engines: " + join(known_engines()));
}

namespace {

std::string host_architecture() {
  utsname u{};
  return ::uname(&u) == 0 ? u.machine : "";
}

std::vector<fs::path> bundle_roots() {
  return {executable_dir() / "runners", fs::path(ONNXBENCH_BUILD_DIR) / "runners"};
}

// The program and the shared libraries beside it; empty when the program is not there.
RunnerBundle bundle_in(const std::string& engine, const std::string& architecture,
                       const fs::path& program) {
  std::error_code ec;
  if (!fs::is_regular_file(program, ec)) return {};
  RunnerBundle b{engine, architecture, program.parent_path(), program.filename().string(), {}};
  b.files.push_back(b.program);
  for (const auto& entry : fs::directory_iterator(b.folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.find(".so") != std::string::npos) b.files.push_back(name);
  }
  std::sort(b.files.begin() + 1, b.files.end());
  return b;
}

RunnerBundle find_bundle(const std::string& engine, const std::string& architecture) {
  if (architecture == host_architecture()) {
    // This host's own runner is its bundle when it is a native program (not a script).
    try {
      const ProcessSpec spec = runner_command(engine);
      if (spec.argv.size() == 1) return bundle_in(engine, architecture, spec.argv.front());
    } catch (const InputError&) {
      throw;
    } catch (const Error&) {
    }
  }
  for (const auto& root : bundle_roots()) {
    RunnerBundle b = bundle_in(engine, architecture,
                               root / architecture / engine / ("onnxbench-runner-" + engine));
    if (!b.program.empty()) return b;
  }
  return {};
}

}  // namespace

RunnerBundle runner_bundle(const std::string& engine, const std::string& architecture) {
  runner_command(engine);  // an unknown engine is an InputError, as everywhere
  RunnerBundle b = find_bundle(engine, architecture);
  if (b.program.empty())
    throw Error("engine '" + engine + "' has no runner bundle for " + architecture +
                " devices; bundles here: " + join(available_bundles(), ", ", "none") +
                " (a bundle for " + architecture + " goes in <build>/runners/" + architecture +
                "/" + engine + "/)");
  return b;
}

std::vector<std::string> available_bundles() {
  std::vector<std::string> found;
  std::vector<std::string> architectures{host_architecture()};
  for (const auto& root : bundle_roots()) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      const std::string name = entry.path().filename().string();
      const auto seen = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), name) != list.end();
      };
      // runners/<engine>/ are this host's build folders, not architectures.
      if (entry.is_directory() && !seen(architectures) && !seen(known_engines()))
        architectures.push_back(name);
    }
  }
  for (const auto& engine : known_engines())
    for (const auto& architecture : architectures)
      if (!find_bundle(engine, architecture).program.empty())
        found.push_back(engine + "/" + architecture);
  return found;
}

}  // namespace onnxbench
