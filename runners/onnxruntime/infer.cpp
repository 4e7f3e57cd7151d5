#include <algorithm>

#include "common/fifo.h"
#include "common/output_files.h"
#include "common/row_calls.h"
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
  const std::vector<MappedInput> inputs = model.map_inputs(require(request, "inputs"));
  const auto calls = row_calls(inputs, read_split(request));
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeCPU);
  const Ort::RunOptions options;
  std::vector<StackedOutput> stacked(fetch.size(), StackedOutput(calls.size()));
  std::vector<Ort::Value> results;
  Clock::duration took{};
  for (const auto& call : calls) {
    std::vector<Ort::Value> values;
    for (std::size_t i = 0; i < call.size(); ++i) {
      model.check_shape(i, call[i].shape);
      // ORT only reads inputs; the mapping is read-only, so a write would fault, not corrupt.
      values.push_back(Ort::Value::CreateTensor(memory, const_cast<void*>(call[i].data),
                                                call[i].bytes, call[i].shape.data(),
                                                call[i].shape.size(), model.inputs()[i].element));
    }
    try {
      const Clock::time_point t0 = Clock::now();
      results = model.session(0).Run(options, model.input_names().data(), values.data(),
                                     values.size(), fetch.data(), fetch.size());
      took += Clock::now() - t0;
    } catch (const Ort::Exception& e) {
      throw ort_error("engine", "inference", e);
    }
    for (std::size_t i = 0; i < fetch.size(); ++i) {
      const auto info = results[i].GetTensorTypeAndShapeInfo();
      const auto dtype = dtype_from_onnx_code(static_cast<int>(info.GetElementType()));
      if (!dtype)
        throw RunnerError("unsupported", std::string("output '") + fetch[i] +
                                             "' holds an ONNX type a .npy file cannot carry");
      stacked[i].append(fetch[i], *dtype, info.GetShape(), results[i].GetTensorRawData(),
                        info.GetElementCount() * dtype_size(*dtype));
    }
  }

  make_output_dir(dir);
  OutputNames files(dir);
  json outputs = json::array();
  for (std::size_t i = 0; i < fetch.size(); ++i) {
    const std::string path = files.path_for(fetch[i]);
    stacked[i].write(path);
    outputs.push_back({{"name", fetch[i]},
                       {"path", path},
                       {"dtype", std::string(dtype_name(stacked[i].dtype()))},
                       {"shape", stacked[i].shape()}});
  }
  return {{"outputs", std::move(outputs)},
          {"latency_us", std::chrono::duration<double, std::micro>(took).count()},
          {"calls", calls.size()}};
}

}  // namespace onnxbench::runner::ort
