#include "common/bench_loop.h"
#include "ops.h"

namespace onnxbench::runner::ort {
namespace {

// One request: Run on the instance's session with its IoBinding, nothing else. Inputs are bound
// once to the mapped files; an output of a static shape is allocated once and bound, one whose
// shape is only known after the run is allocated by ORT in each run.
class SessionTarget : public BenchTarget {
 public:
  SessionTarget(Model& model, const PreparedInputs& inputs) : model_(model) {
    const Ort::MemoryInfo cpu = Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeCPU);
    Ort::AllocatorWithDefaultOptions allocator;
    for (int i = 0; i < model.instances(); ++i) {
      Ort::IoBinding& binding = bindings_.emplace_back(model.session(i));
      options_.emplace_back();
      for (std::size_t k = 0; k < inputs.values.size(); ++k)
        binding.BindInput(model.input_names()[k], inputs.values[k]);
      for (const auto& out : model.outputs()) {
        if (out.is_tensor && out.is_static()) {
          Ort::Value& value = outputs_.emplace_back(
              Ort::Value::CreateTensor(allocator, out.shape.data(), out.shape.size(), out.element));
          binding.BindOutput(out.name.c_str(), value);
        } else {
          binding.BindOutput(out.name.c_str(), cpu);
        }
      }
    }
  }

  int instances() const override { return model_.instances(); }

  Clock::time_point step(int instance, Clock::time_point t0) override {
    const auto i = static_cast<std::size_t>(instance);
    model_.session(instance).Run(options_[i], bindings_[i]);
    return t0;
  }

  std::string failure(const char* phase, const std::exception& e) const override {
    return ort_error("engine", phase, e).what();
  }

 private:
  Model& model_;
  std::vector<Ort::IoBinding> bindings_;
  std::vector<Ort::RunOptions> options_;
  std::vector<Ort::Value> outputs_;
};

}  // namespace

json run_bench(const json& id, Model& model, const json& request) {
  const BenchSettings settings = parse_bench_settings(request);
  const PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));
  try {
    SessionTarget target(model, inputs);
    return runner::run_bench(
        id, settings, target,
        {{"queue", &Samples::Entry::queue}, {"run", &Samples::Entry::compute}});
  } catch (const Ort::Exception& e) {
    throw ort_error("engine", "binding the inputs and outputs", e);
  }
}

}  // namespace onnxbench::runner::ort
