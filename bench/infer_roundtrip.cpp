// What an `infer` round trip adds to the engine's own time: onnxbench sends the request, the
// runner maps the input, runs the engine (its latency_us), writes the outputs and replies, and
// onnxbench reads the outputs. Per call: round trip - latency_us; also with the input written
// before each call, as eval and calibration do. Medians over CALLS calls, after 20 warm-up calls.
// usage: infer_roundtrip ENGINE MODEL INPUT_NAME INPUT.npy CALLS memory|disk [KNOBS_JSON]
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "core/npy.h"
#include "engines/engine.h"
#include "engines/registry.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace onnxbench;
  if (argc != 7 && argc != 8) {
    std::cerr << "usage: infer_roundtrip ENGINE MODEL INPUT_NAME INPUT.npy CALLS memory|disk "
                 "[KNOBS_JSON]\n";
    return 2;
  }
  try {
    const std::string engine_name = argv[1];
    const auto storage =
        std::string(argv[6]) == "disk" ? WorkFolder::Storage::kDisk : WorkFolder::Storage::kMemory;
    Engine engine(engine_name, runner_command(engine_name), RunnerLimits{}, storage);
    engine.load(argv[2], 1, argc == 8 ? nlohmann::json::parse(argv[7]) : nlohmann::json::object());
    const Tensor input = read_npy(argv[4]);
    const std::string input_path = engine.work_dir() + "/input.npy";
    const std::string out = engine.work_dir() + "/out";
    const int calls = std::stoi(argv[5]);
    std::vector<double> latency, added, added_with_write;
    using clock = std::chrono::steady_clock;
    for (int i = 0; i < calls + 20; ++i) {
      const auto t0 = clock::now();
      write_npy(input_path, input);
      const auto t1 = clock::now();
      for (const auto& f : engine.infer({{argv[3], input_path}}, out)) read_npy(f.path);
      const auto t2 = clock::now();
      if (i < 20) continue;
      const double engine_us = engine.last_infer_ms() * 1000;
      latency.push_back(engine_us);
      added.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count() - engine_us);
      added_with_write.push_back(std::chrono::duration<double, std::micro>(t2 - t0).count() -
                                 engine_us);
    }
    std::cout << engine_name << " (" << argv[6] << ", " << engine.work_dir() << "): latency_us p50 "
              << median(latency) << ", infer round trip adds p50 " << median(added)
              << " us, with the input written each call " << median(added_with_write) << " us ("
              << calls << " calls)\n";
  } catch (const std::exception& e) {
    std::cerr << "infer_roundtrip: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
