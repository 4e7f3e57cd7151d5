#include "session.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <new>
#include <stdexcept>

#include "core/error.h"
#include "core/text.h"
#include "cv_util.h"

namespace onnxbench::runner::opencv {
namespace {

constexpr int kMaxThreads = 256;

bool get_bool(const json& value, const std::string& knob) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number_integer() && (value == 0 || value == 1)) return value == 1;
  throw RunnerError("bad_request",
                    "knob '" + knob + "' is " + brief(value) + ", expected true or false");
}

std::string supported_dtypes() {
  std::string s;
  for (DType t : kAllDTypes)
    if (cv_depth(t) >= 0) s += (s.empty() ? "" : ", ") + std::string(dtype_name(t));
  return s;
}

}  // namespace

Options Options::parse(const json& options) {
  Options o;
  if (options.is_null()) return o;
  if (!options.is_object())
    throw RunnerError("bad_request", "field 'options' is not an object of knob values");
  for (const auto& [name, value] : options.items()) {
    if (name == "threads") {
      if (!value.is_number_integer())
        throw RunnerError("bad_request",
                          "knob 'threads' is " + brief(value) + ", expected an integer");
      const auto n = value.get<std::int64_t>();
      if (n < 0 || n > kMaxThreads)
        throw RunnerError("unsupported", "knob 'threads' is " + std::to_string(n) +
                                             ", expected 0.." + std::to_string(kMaxThreads));
      o.threads = static_cast<int>(n);
    } else if (name == "fusion") {
      o.fusion = get_bool(value, name);
    } else if (name == "use_optimized") {
      o.use_optimized = get_bool(value, name);
    } else {
      throw RunnerError("unsupported", "engine 'opencv' has no knob '" + name +
                                           "'; its knobs are: threads, fusion, use_optimized");
    }
  }
  return o;
}

json Options::describe() {
  return json::array(
      {{{"name", "threads"},
        {"type", "int"},
        {"default", 0},
        {"min", 0},
        {"max", kMaxThreads},
        {"help",
         "threads of OpenCV's parallel_for (cv::setNumThreads), 0 = OpenCV default (one per CPU); "
         "process-wide, so it applies to all instances, and OpenCV parallelizes one region at a "
         "time per process: while one instance runs a parallel layer, the others run theirs on "
         "one thread"}},
       {{"name", "fusion"},
        {"type", "bool"},
        {"default", true},
        {"help",
         "layer fusion (cv::dnn::Net::enableFusion): folds batch norm, scale and activations into "
         "the preceding convolution or eltwise layer"}},
       {{"name", "use_optimized"},
        {"type", "bool"},
        {"default", true},
        {"help",
         "SIMD-dispatched code paths (AVX/AVX2/AVX-512, cv::setUseOptimized); false runs the "
         "baseline kernels; process-wide"}}});
}

void Options::apply_global() const {
  cv::setNumThreads(threads == 0 ? -1 : threads);
  cv::setUseOptimized(use_optimized);
}

cv::dnn::Net Model::create_net(const std::string& path) const {
  cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
  net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
  net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
  net.enableFusion(options_.fusion);
  return net;
}

namespace {

// A QDQ model (quantize's int8 output) fails in OpenCV 4.6's importer with a message about a
// missing scale blob that does not say why: say it, and what runs the model instead.
RunnerError with_qdq_hint(const RunnerError& error, const ModelInfo& info) {
  const bool qdq = std::any_of(info.nodes.begin(), info.nodes.end(),
                               [](const NodeInfo& n) { return n.op_type == "DequantizeLinear"; });
  if (!qdq) return error;
  return RunnerError(
      error.kind(),
      std::string(error.what()) +
          "; OpenCV 4.6 cannot run QDQ int8 models: its importer takes DequantizeLinear only on "
          "activations, not on constant weights, and its int8 path (ONNX Runtime's QOperator "
          "form, QLinearConv and the like) runs everything after the first QuantizeLinear in "
          "int8, which float ops such as Gemm cannot take; run this model on onnxruntime",
      error.node());
}

}  // namespace

void Model::load(const std::string& path, int instances, const Options& options) {
  nets_.clear();  // a failed load leaves nothing loaded
  output_names_.clear();
  extra_net_ = cv::dnn::Net();
  extra_outputs_.clear();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw RunnerError("io", path + ": cannot read: no such file");
  if (!std::filesystem::is_regular_file(path, ec))
    throw RunnerError("io", path + ": cannot read: not a regular file");
  info_ = read_model_info(path);
  options_ = options;
  options_.apply_global();
  std::vector<cv::dnn::Net> nets;
  for (int i = 0; i < instances; ++i) {
    try {
      nets.push_back(create_net(path));
    } catch (const cv::Exception& e) {
      throw with_qdq_hint(cv_error("model", "", e, info_), info_);  // the client names the file
    }
  }
  cv::dnn::Net& net = nets.front();
  for (const auto& name : info_.outputs) {
    if (net.getLayerId(name) < 0) {
      std::cerr << "onnxbench-runner-opencv: graph output '" << name
                << "' has no layer of its name; using OpenCV's unconnected outputs\n";
      output_names_ = net.getUnconnectedOutLayersNames();
      break;
    }
    output_names_.push_back(name);
  }
  nets_ = std::move(nets);
}

cv::dnn::Net& Model::net_with_outputs(const std::vector<std::string>& extra) {
  if (!extra_net_.empty() && extra == extra_outputs_) return extra_net_;
  extra_net_ = cv::dnn::Net();
  extra_outputs_.clear();
  const std::string bytes = model_with_outputs(info_.path, extra);
  try {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    net.enableFusion(options_.fusion);
    extra_net_ = net;
    extra_outputs_ = extra;
    return extra_net_;
  } catch (const cv::Exception& e) {
    throw cv_error("unsupported",
                   info_.path + " with " + join_quoted(extra) + " as extra graph outputs", e,
                   info_);
  }
}

PreparedInputs Model::prepare_inputs(const json& inputs) const {
  PreparedInputs prepared;
  prepared.tensors = input_maps_.map(inputs, info_.inputs);
  for (auto& [name, tensor] : prepared.tensors) {
    if (cv_depth(tensor->dtype()) < 0)
      throw RunnerError("unsupported", "input '" + name + "' is " +
                                           std::string(dtype_name(tensor->dtype())) +
                                           "; OpenCV DNN takes " + supported_dtypes());
    prepared.names.push_back(info_.inputs.size() == 1 ? "" : name);
    prepared.blobs.push_back(wrap_tensor(tensor->dtype(), tensor->shape(), tensor->data()));
  }
  return prepared;
}

RunnerError cv_error(const std::string& kind, const std::string& context, const cv::Exception& e,
                     const ModelInfo& info) {
  const std::string prefix =
      (context.empty() ? "" : context + ": ") + "OpenCV " + cv::getVersionString();
  if (const auto failed = parse_node_error(e.what())) {
    std::string first_output;
    std::string node = node_name_of_layer(failed->layer_name, &first_output);
    if (node.empty() && !first_output.empty())
      if (const NodeInfo* n = info.node_producing(first_output)) node = n->name;
    const std::string which =
        !node.empty() ? "node '" + node + "' (" + failed->op_type + ")"
        : !first_output.empty()
            ? "unnamed " + failed->op_type + " node with output '" + first_output + "'"
            : failed->op_type + " node '" + failed->layer_name + "'";
    return RunnerError(kind, prefix + " cannot import " + which + ": " + failed->detail, node);
  }
  std::string message = prefix + ": " + clean_cv_message(e.what());
  if (!e.func.empty()) message += " (in " + short_function_name(e.func) + ")";
  return RunnerError(kind, message);
}

}  // namespace onnxbench::runner::opencv
