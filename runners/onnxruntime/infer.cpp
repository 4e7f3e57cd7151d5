#include <algorithm>

#include "common/fifo.h"
#include "common/output_files.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/tensor.h"
#include "core/text.h"
#include "ops.h"

namespace onnxbench::runner::ort {
namespace {

// The request's `outputs` (default: every graph output), each a graph output .npy can carry.
std::vector<const char*> requested_outputs(const Model& model, const json& request) {
  std::vector<std::string> names;
  for (const auto& t : model.outputs()) names.push_back(t.name);
  if (!request.contains("outputs") || request["outputs"].is_null()) return model.output_names();
  const json& list = request["outputs"];
  if (!list.is_array() || list.empty())
    throw RunnerError("bad_request", "field 'outputs' is not a non-empty array of output names");
  std::vector<const char*> fetch;
  for (const auto& name : list) {
    if (!name.is_string())
      throw RunnerError("bad_request", "field 'outputs' holds " + brief(name) + ", not a name");
    const auto it = std::find(names.begin(), names.end(), name.get<std::string>());
    if (it == names.end())
      throw RunnerError("bad_request", "model has no output '" + name.get<std::string>() +
                                           "'; its outputs are " + join_quoted(names));
    fetch.push_back(model.output_names()[static_cast<std::size_t>(it - names.begin())]);
  }
  return fetch;
}

}  // namespace

json run_infer(Model& model, const json& request) {
  const std::string dir = get_string(request, "output_dir");
  const std::vector<const char*> fetch = requested_outputs(model, request);
  for (const char* name : fetch)
    for (const auto& t : model.outputs())
      if (t.name == name && (!t.is_tensor || !t.dtype))
        throw RunnerError("unsupported", "output '" + t.name + "' is " + t.describe() +
                                             ", which a .npy file cannot carry");
  PreparedInputs inputs = model.prepare_inputs(require(request, "inputs"));
  const Ort::RunOptions options;
  std::vector<Ort::Value> results;
  Clock::duration took{};
  try {
    const Clock::time_point t0 = Clock::now();
    results = model.session(0).Run(options, model.input_names().data(), inputs.values.data(),
                                   inputs.values.size(), fetch.data(), fetch.size());
    took = Clock::now() - t0;
  } catch (const Ort::Exception& e) {
    throw ort_error("engine", "inference", e);
  }

  make_output_dir(dir);
  OutputNames files(dir);
  json outputs = json::array();
  for (std::size_t i = 0; i < fetch.size(); ++i) {
    const auto info = results[i].GetTensorTypeAndShapeInfo();
    const auto dtype = dtype_from_onnx_code(static_cast<int>(info.GetElementType()));
    if (!dtype)
      throw RunnerError("unsupported", std::string("output '") + fetch[i] +
                                           "' holds an ONNX type a .npy file cannot carry");
    const Shape shape = info.GetShape();
    const std::string path = files.path_for(fetch[i]);
    try {
      write_npy(path, *dtype, shape, results[i].GetTensorRawData(),
                info.GetElementCount() * dtype_size(*dtype));
    } catch (const Error& e) {
      throw RunnerError("io", e.what());
    }
    outputs.push_back({{"name", fetch[i]},
                       {"path", path},
                       {"dtype", std::string(dtype_name(*dtype))},
                       {"shape", shape}});
  }
  return {{"outputs", std::move(outputs)},
          {"latency_us", std::chrono::duration<double, std::micro>(took).count()}};
}

}  // namespace onnxbench::runner::ort
