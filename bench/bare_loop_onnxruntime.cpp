// The bare loop onnxbench's overhead is measured against: one ONNX Runtime session made with the
// runner's own session options (runners/onnxruntime/knobs.h, from the same knob values), from the
// runner's bundle library, the input bound once, and nothing but Run between two clock reads.
// Writes one latency in ms per line.
// usage: bare_loop_onnxruntime MODEL INPUT_NAME INPUT.npy THREADS SECONDS WARMUP OUT.txt
#include <chrono>
#include <fstream>
#include <iostream>
#include <vector>

#include "core/npy.h"
#include "knobs.h"
#include "ort_library.h"

int main(int argc, char** argv) {
  using namespace onnxbench;
  if (argc != 8) {
    std::cerr << "usage: bare_loop_onnxruntime MODEL INPUT_NAME INPUT.npy THREADS SECONDS WARMUP "
                 "OUT.txt\n";
    return 2;
  }
  try {
    runner::ort::load_onnxruntime(ONNXBENCH_ORT_BUNDLE);
    Ort::Env env(ORT_LOGGING_LEVEL_ERROR, "bare_loop");
    const int threads = std::stoi(argv[4]);
    const auto settings = runner::ort::Settings::parse(
        threads > 0 ? nlohmann::json{{"intra_op_threads", threads}} : nlohmann::json::object());
    Ort::Session session(env, argv[1], settings.session_options(false));
    const MappedNpy input(argv[3]);
    const Ort::MemoryInfo cpu = Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeCPU);
    const Ort::Value value = Ort::Value::CreateTensor(
        cpu, const_cast<void*>(input.data()), input.byte_size(), input.shape().data(),
        input.shape().size(),
        static_cast<ONNXTensorElementDataType>(dtype_onnx_code(input.dtype())));
    Ort::IoBinding binding(session);
    binding.BindInput(argv[2], value);
    Ort::AllocatorWithDefaultOptions allocator;
    for (std::size_t i = 0; i < session.GetOutputCount(); ++i)
      binding.BindOutput(session.GetOutputNameAllocated(i, allocator).get(), cpu);
    const Ort::RunOptions options;
    for (int i = 0; i < std::stoi(argv[6]); ++i) session.Run(options, binding);
    std::vector<double> samples;
    samples.reserve(1 << 20);
    using clock = std::chrono::steady_clock;
    const auto end = clock::now() + std::chrono::duration<double>(std::stod(argv[5]));
    for (;;) {
      const auto t0 = clock::now();
      session.Run(options, binding);
      const auto t1 = clock::now();
      samples.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      if (t1 >= end || samples.size() == samples.capacity()) break;
    }
    std::ofstream out(argv[7]);
    for (double v : samples) out << v << "\n";
  } catch (const std::exception& e) {
    std::cerr << "bare loop: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
