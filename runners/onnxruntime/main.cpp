// onnxbench-runner-onnxruntime: ONNX Runtime through its C++ API behind the runner protocol
// (docs/runner-protocol.md). The library is loaded from the runner's own folder (ort_library.h).
#include <cstdio>

#include "common/serve.h"
#include "ops.h"
#include "ort_library.h"

namespace onnxbench::runner::ort {
namespace {

class OrtOps : public RunnerOps {
 public:
  OrtOps(Ort::Env& env, std::string version) : model_(env), version_(std::move(version)) {}

  EngineHello hello() override {
    std::vector<std::string> dtypes;
    for (DType t : kAllDTypes) dtypes.emplace_back(dtype_name(t));
    EngineHello h{"onnxruntime", version_, Settings::describe(), dtypes, {"queue", "run"}};
    h.split = true;
    return h;
  }

  int load(const LoadArgs& args) override {
    model_.load(args.model, args.instances, Settings::parse(args.options));
    return model_.effective_threads();
  }

  bool loaded() const override { return model_.loaded(); }
  json infer(const json& request) override { return run_infer(model_, request); }
  json bench(const json& id, const json& request) override {
    return run_bench(id, model_, request);
  }
  json profile(const json& id, const json& request) override {
    return run_profile(id, model_, request);
  }
  RunnerError engine_error(const std::exception& e) const override {
    return ort_error("engine", "", e);
  }

 private:
  Model model_;
  std::string version_;
};

}  // namespace
}  // namespace onnxbench::runner::ort

int main() {
  using namespace onnxbench::runner;
  constexpr const char* kName = "onnxbench-runner-onnxruntime";
  Channel::open(kName);
  const ort::LibraryTmp library_tmp;  // outlives the library's use: declared first
  try {
    const std::string version = ort::load_onnxruntime();
    Ort::Env env(ORT_LOGGING_LEVEL_ERROR, "onnxbench");
    env.DisableTelemetryEvents();  // no events sent; the files are LibraryTmp's business
    ort::OrtOps ops(env, version);
    return serve(ops);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", kName, e.what());
    return 1;
  }
}
