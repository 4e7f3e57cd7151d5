// onnxbench-runner-opencv: OpenCV DNN behind the runner protocol (docs/runner-protocol.md).
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>

#include "common/serve.h"
#include "cv_util.h"
#include "ops.h"
#include "session.h"

namespace onnxbench::runner::opencv {
namespace {

class OpencvOps : public RunnerOps {
 public:
  EngineHello hello() override {
    std::vector<std::string> dtypes;
    for (DType t : kAllDTypes)
      if (cv_depth(t) >= 0) dtypes.emplace_back(dtype_name(t));
    EngineHello h{
        "opencv", cv::getVersionString(), Options::describe(), dtypes, {"set_input", "forward"}};
    h.split = true;
    return h;
  }

  int load(const LoadArgs& args) override {
    model_.load(args.model, args.instances, Options::parse(args.options));
    return cv::getNumThreads();  // what the default (0) came to
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
    if (dynamic_cast<const cv::Exception*>(&e))
      return RunnerError("engine", clean_cv_message(e.what()));
    return RunnerOps::engine_error(e);
  }

 private:
  Model model_;
};

}  // namespace
}  // namespace onnxbench::runner::opencv

int main() {
  using namespace onnxbench::runner;
  Channel::open("onnxbench-runner-opencv");
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_WARNING);
  opencv::OpencvOps ops;
  return serve(ops);
}
