#include "support/fleet.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

std::vector<std::string> make_models(const std::string& dir, int count) {
  std::vector<std::string> paths;
  for (int i = 1; i <= count; ++i) {
    const std::string path = dir + "/model" + std::to_string(i) + ".onnx";
    const auto r = run_cli("zoo generate demo-cnn --seed " + std::to_string(i) + " -o " + path);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    paths.push_back(path);
  }
  return paths;
}

std::string write_trivial_pipeline(const std::string& dir) {
  const std::string path = dir + "/trivial.json";
  std::ofstream(path) << R"({"name": "trivial", "stages": [
    {"name": "a", "command": ["inspect", "{input}", "--json", "-"], "value": "/macs/total",
     "priority": 20, "max_attempts": 50},
    {"name": "b", "command": ["inspect", "{input}", "--json", "-"], "value": "/node_count",
     "needs": ["a"], "priority": 30, "max_attempts": 50}]})";
  return path;
}

std::unique_ptr<Subprocess> start_worker(const std::string& url, const std::string& name,
                                         const std::string& log, const std::string& extra,
                                         double poll_s) {
  // Stages run next to the log, in the test's scratch folder, so a killed worker leaves
  // nothing in /tmp.
  const std::string work = std::filesystem::path(log).parent_path().string() + "/work";
  ProcessSpec spec;
  spec.argv = {"/bin/sh", "-c",
               "exec " + build_dir() + "/onnxbench farm worker --store '" + url + "' --name " +
                   name + " --lease 2 --poll " + std::to_string(poll_s) + " --work-dir " + work +
                   " " + extra + " >>" + log + " 2>&1"};
  return std::make_unique<Subprocess>(spec);
}

bool wait_until_drained(store::Store& s, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    bool busy = false;
    for (const auto& c : s.stage_counts())
      busy = busy || ((c.state == "queued" || c.state == "running") && c.count > 0);
    if (!busy) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

}  // namespace onnxbench::testing
