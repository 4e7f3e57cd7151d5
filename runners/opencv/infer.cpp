#include <algorithm>
#include <chrono>

#include "common/output_files.h"
#include "common/row_calls.h"
#include "core/error.h"
#include "core/npy.h"
#include "cv_util.h"
#include "ops.h"

namespace onnxbench::runner::opencv {
namespace {

std::vector<std::string> requested_outputs(const Model& model, const json& request) {
  if (!request.contains("outputs") || request["outputs"].is_null()) return model.info().outputs;
  const json& list = request["outputs"];
  if (!list.is_array())
    throw RunnerError("bad_request", "field 'outputs' is not an array of tensor names");
  std::vector<std::string> names;
  for (const auto& name : list) {
    if (!name.is_string())
      throw RunnerError("bad_request", "field 'outputs' holds " + brief(name) + ", not a name");
    names.push_back(name.get<std::string>());
  }
  if (names.empty()) return model.info().outputs;
  return names;
}

}  // namespace

json run_infer(Model& model, const json& request) {
  const ModelInfo& info = model.info();
  const std::string dir = get_string(request, "output_dir");
  const std::vector<std::string> names = requested_outputs(model, request);
  std::vector<std::string> extra;  // tensors that are not graph outputs
  for (const auto& name : names) {
    if (info.is_output(name)) continue;
    if (info.is_input(name))
      throw RunnerError("unsupported", "'" + name + "' is a graph input, not computed by OpenCV");
    if (!info.node_producing(name))
      throw RunnerError("bad_request", "model has no tensor '" + name + "'");
    if (std::find(extra.begin(), extra.end(), name) == extra.end()) extra.push_back(name);
  }
  const PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));

  // Instance 0 computes the graph outputs; a tensor inside the graph needs a net of its own, where
  // it is a graph output too: OpenCV then keeps it out of layer fusion and names a layer after it.
  cv::dnn::Net& net = extra.empty() ? model.net(0) : model.net_with_outputs(extra);
  std::vector<cv::String> layers;
  for (const auto& name : names) {
    if (net.getLayerId(name) < 0)
      throw RunnerError("unsupported", "tensor '" + name +
                                           "' has no layer in OpenCV's network (folded at import)");
    layers.push_back(name);
  }
  const auto calls = row_calls(inputs.tensors, read_split(request));
  std::vector<StackedOutput> stacked(names.size(), StackedOutput(calls.size()));
  std::vector<Tensor> results;
  std::chrono::steady_clock::duration took{};
  for (const auto& call : calls) {
    PreparedInputs views = inputs;
    for (std::size_t i = 0; i < call.size(); ++i)
      views.blobs[i] = wrap_tensor(inputs.tensors[i].file->dtype(), call[i].shape, call[i].data);
    std::vector<cv::Mat> blobs;
    try {
      const auto t0 = std::chrono::steady_clock::now();
      set_inputs(net, views);
      net.forward(blobs, layers);
      took += std::chrono::steady_clock::now() - t0;
    } catch (const cv::Exception& e) {
      throw cv_error("engine", "inference", e, info);
    }
    results.clear();
    results.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      results.push_back(mat_to_tensor(blobs.at(i), info.declared_shape(names[i])));
      const Tensor& t = results.back();
      stacked[i].append(names[i], t.dtype, t.shape, t.data.data(), t.byte_size());
    }
  }

  make_output_dir(dir);
  json outputs = json::array();
  OutputNames files(dir);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string path = files.path_for(names[i]);
    stacked[i].write(path);
    outputs.push_back({{"name", names[i]},
                       {"path", path},
                       {"dtype", std::string(dtype_name(stacked[i].dtype()))},
                       {"shape", stacked[i].shape()}});
  }
  return {{"outputs", outputs},
          {"latency_us", std::chrono::duration<double, std::micro>(took).count()},
          {"calls", calls.size()}};
}

}  // namespace onnxbench::runner::opencv
