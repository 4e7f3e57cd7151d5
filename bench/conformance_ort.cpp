// ONNX Runtime's own verdict on ONNX's conformance models, for bench/conformance.sh to set beside
// onnxbench's: each model goes straight into the ONNX Runtime runner (no onnxbench loader, no
// checks), its test_data_set_0 inputs are fed by name (else in the model's input order) and its
// outputs compared with output_*.pb by the very check `run --expect` uses, at its default
// tolerance. Prints one line per test: "PASS DIR", "FAIL DIR: detail" or "REFUSED DIR: why".
// usage: conformance_ort TEST_DIR...
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "bench/output_check.h"
#include "core/file_io.h"
#include "core/npy.h"
#include "core/tensor_pb.h"
#include "engines/engine.h"

namespace fs = std::filesystem;
using namespace onnxbench;

namespace {

// input_0.pb, input_1.pb, ..., input_10.pb in their numeric order.
std::vector<std::string> input_files(const std::string& set) {
  std::vector<std::pair<int, std::string>> numbered;
  for (const auto& e : fs::directory_iterator(set)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("input_", 0) == 0 && e.path().extension() == ".pb")
      numbered.emplace_back(std::stoi(name.substr(6)), e.path().string());
  }
  std::sort(numbered.begin(), numbered.end());
  std::vector<std::string> files;
  for (auto& [n, path] : numbered) files.push_back(path);
  return files;
}

// The graph inputs that are not initializers, parsed without any check.
std::vector<std::string> fed_input_names(const std::string& model_path) {
  onnx::ModelProto m;
  m.ParseFromString(read_file(model_path, std::uint64_t{1} << 31));
  std::set<std::string> initializers;
  for (const auto& t : m.graph().initializer()) initializers.insert(t.name());
  std::vector<std::string> names;
  for (const auto& v : m.graph().input())
    if (!initializers.count(v.name())) names.push_back(v.name());
  return names;
}

std::string verdict(Engine& engine, const std::string& test) {
  const std::string model = test + "/model.onnx", set = test + "/test_data_set_0";
  const auto names = fed_input_names(model);
  InputFiles inputs;
  const auto files = input_files(set);
  for (std::size_t i = 0; i < files.size(); ++i) {
    NamedTensor t = read_tensor_pb(files[i]);
    const bool named = std::find(names.begin(), names.end(), t.name) != names.end();
    const std::string name = named ? t.name : i < names.size() ? names[i] : t.name;
    inputs[name] = engine.work_dir() + "/input_" + std::to_string(i) + ".npy";
    write_npy(inputs[name], t.tensor);
  }
  engine.load(model, 1, nlohmann::json::object());
  const auto outputs = engine.infer(inputs, engine.work_dir() + "/outputs");
  std::string failed;
  for (const auto& v : check_expected(outputs, set, Tolerance{}))
    if (!v.pass) failed += (failed.empty() ? "" : "; ") + v.name + ": " + v.detail;
  fs::remove_all(engine.work_dir() + "/outputs");
  return failed.empty() ? "PASS " + test : "FAIL " + test + ": " + failed;
}

}  // namespace

int main(int argc, char** argv) {
  RunnerLimits limits;
  limits.inactivity = std::chrono::seconds(60);
  std::unique_ptr<Engine> engine;
  for (int i = 1; i < argc; ++i) {
    const std::string test = fs::path(argv[i]).lexically_normal().string();
    std::string line;
    try {
      if (!engine) engine = std::make_unique<Engine>("onnxruntime", limits);
      line = verdict(*engine, test);
    } catch (const RunnerError& e) {  // crashed or hung: the next test gets a fresh runner
      engine.reset();
      line = "REFUSED " + test + ": " + e.what();
    } catch (const std::exception& e) {
      line = "REFUSED " + test + ": " + e.what();
    }
    std::replace(line.begin(), line.end(), '\n', ' ');
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
  return 0;
}
