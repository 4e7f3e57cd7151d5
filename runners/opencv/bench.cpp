#include "common/bench_loop.h"
#include "cv_util.h"
#include "ops.h"

namespace onnxbench::runner::opencv {
namespace {

// One request: setInput on every input (OpenCV copies them into the net), then forward.
class NetTarget : public BenchTarget {
 public:
  NetTarget(Model& model, const PreparedInputs& inputs)
      : model_(model), inputs_(inputs), outputs_(static_cast<std::size_t>(model.instances())) {}

  int instances() const override { return model_.instances(); }

  Clock::time_point step(int instance, Clock::time_point) override {
    cv::dnn::Net& net = model_.net(instance);
    set_inputs(net, inputs_);
    const Clock::time_point t1 = Clock::now();
    net.forward(outputs_[static_cast<std::size_t>(instance)], model_.output_names());
    return t1;
  }

  std::string failure(const char* phase, const std::exception& e) const override {
    if (const auto* cv_exception = dynamic_cast<const cv::Exception*>(&e))
      return cv_error("engine", phase, *cv_exception, model_.info()).what();
    return BenchTarget::failure(phase, e);
  }

 private:
  Model& model_;
  const PreparedInputs& inputs_;
  std::vector<std::vector<cv::Mat>> outputs_;  // one reusable output vector per instance
};

}  // namespace

json run_bench(const json& id, Model& model, const json& request) {
  const BenchSettings settings = parse_bench_settings(request);
  const PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));
  NetTarget target(model, inputs);
  return runner::run_bench(
      id, settings, target,
      {{"set_input", &Samples::Entry::input}, {"forward", &Samples::Entry::compute}});
}

}  // namespace onnxbench::runner::opencv
