// onnxbench-runner-opencv: OpenCV DNN behind the runner protocol (docs/runner-protocol.md).
#include <chrono>
#include <iostream>
#include <new>
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>

#include "bench.h"
#include "core/version.h"
#include "cv_util.h"
#include "ops.h"
#include "protocol.h"
#include "request.h"
#include "session.h"

namespace onnxbench::opencv_runner {
namespace {

json hello() {
  std::vector<std::string> dtypes;
  for (DType t : kAllDTypes)
    if (cv_depth(t) >= 0) dtypes.emplace_back(dtype_name(t));
  return {{"protocol", 1},
          {"engine", "opencv"},
          {"engine_version", cv::getVersionString()},
          {"runner_version", std::string(kVersion)},
          {"knobs", Options::describe()},
          {"capabilities",
           {{"profile", true},
            {"intermediate_outputs", true},
            {"input_dtypes", dtypes},
            {"stages", {"set_input", "forward"}}}}};
}

json load(Model& model, const json& request) {
  const LoadArgs args = read_load_args(request);
  const auto start = std::chrono::steady_clock::now();
  model.load(args.model, args.instances, args.options);
  const auto end = std::chrono::steady_clock::now();
  return {{"load_ms", std::chrono::duration<double, std::milli>(end - start).count()},
          {"threads", cv::getNumThreads()}};  // what the default (0) came to
}

Model& loaded(Model& model) {
  if (!model.loaded()) throw RunnerError("bad_request", "no model is loaded: send 'load' first");
  return model;
}

// Handles one request line; false when the runner should exit.
bool handle(const std::string& line, Model& model) {
  json id;  // null until the request's id is known
  try {
    const auto [request, op] = read_request(line, id);
    if (op == "hello") {
      send_ok(id, hello());
    } else if (op == "load") {
      send_ok(id, load(model, request));
    } else if (op == "infer") {
      send_ok(id, run_infer(loaded(model), request));
    } else if (op == "bench") {
      send_ok(id, run_bench(id, loaded(model), request));
    } else if (op == "profile") {
      send_ok(id, run_profile(id, loaded(model), request));
    } else if (op == "quit") {
      send_ok(id);
      return false;
    } else {
      throw RunnerError("bad_request", "unknown op '" + op +
                                           "'; ops are hello, load, infer, bench, profile, quit");
    }
  } catch (const RunnerError& e) {
    send_error(id, e.kind(), e.what(), e.node());
  } catch (const cv::Exception& e) {
    send_error(id, "engine", clean_cv_message(e.what()));
  } catch (const std::bad_alloc&) {
    send_error(id, "engine", "out of memory");
  } catch (const std::exception& e) {
    send_error(id, "engine", e.what());
  }
  return true;
}

}  // namespace
}  // namespace onnxbench::opencv_runner

int main() {
  using namespace onnxbench::opencv_runner;
  Channel::open();
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_WARNING);
  Model model;
  std::string line;
  while (Channel::read_line(line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!handle(line, model)) break;
  }
  return 0;
}
