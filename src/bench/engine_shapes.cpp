#include "bench/engine_shapes.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "bench/model_under_test.h"
#include "core/dtype.h"
#include "engines/engine.h"
#include "graph/builder.h"
#include "graph/dims.h"

namespace onnxbench {
namespace {

using SizesOf = std::map<std::string, std::pair<std::int64_t, std::int64_t>>;  // symbol -> runs

// The node outputs of the top-level graph that are not graph outputs, in graph order.
std::vector<std::string> inner_tensors(const onnx::GraphProto& g) {
  std::set<std::string> outputs;
  for (const auto& v : g.output()) outputs.insert(v.name());
  std::vector<std::string> names;
  for (const auto& n : g.node())
    for (const auto& o : n.output())
      if (!o.empty() && !outputs.count(o)) names.push_back(o);
  return names;
}

// A copy of `model` in which every tensor is a graph output. A name-only output is enough: the
// engine infers its type and shape with its own, current, ONNX.
onnx::ModelProto everything_exposed(const onnx::ModelProto& model) {
  onnx::ModelProto exposed = model;
  for (const auto& name : inner_tensors(model.graph()))
    exposed.mutable_graph()->add_output()->set_name(name);
  return exposed;
}

// Every symbol of the inputs gets a size: the request's, else 1.
InputRequest with_every_symbol(const std::vector<InputSpec>& specs, InputRequest request) {
  request.files.clear();
  for (const auto& s : specs)
    for (std::size_t i = 0; i < s.dims.size(); ++i)
      if (!s.dims[i].known() && !s.dims[i].symbol.empty() && !(i == 0 && request.batch > 0))
        request.dims.emplace(s.dims[i].symbol, 1);
  return request;
}

// The same request with each symbol larger by a different step.
InputRequest grown(const InputRequest& request) {
  InputRequest g = request;
  std::int64_t step = 1;
  if (g.batch > 0) g.batch += step++;
  for (auto& [symbol, size] : g.dims) size += step++;
  return g;
}

std::map<std::string, OutputFile> run(Engine& engine, const std::vector<InputSpec>& specs,
                                      const InputRequest& request, const std::string& folder) {
  const PreparedInputs inputs = prepare_inputs(specs, request, engine.work_dir());
  std::map<std::string, OutputFile> outputs;
  for (auto& f : engine.infer(inputs.files, engine.work_dir() + "/" + folder)) {
    std::filesystem::remove(f.path);  // only the type and shape are wanted
    outputs[f.name] = std::move(f);
  }
  return outputs;
}

// Which symbol each input dimension is, with its size in both runs.
SizesOf symbol_sizes(const std::vector<InputSpec>& specs, const InputRequest& first,
                     const InputRequest& second) {
  SizesOf sizes;
  for (const auto& s : specs) {
    const Shape a = concrete_shape(s, first), b = concrete_shape(s, second);
    for (std::size_t i = 0; i < s.dims.size(); ++i)
      if (!s.dims[i].known() && !s.dims[i].symbol.empty()) sizes[s.dims[i].symbol] = {a[i], b[i]};
  }
  return sizes;
}

// The shape of the first run where the second agrees; where it does not, the symbol that changed
// alike, else unknown. `b` is null when there was no second run.
model::Dims combined(const Shape& a, const Shape* b, const SizesOf& sizes) {
  model::Dims dims;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!b || (*b)[i] == a[i]) {
      dims.emplace_back(a[i]);
      continue;
    }
    std::vector<std::string> followed;
    for (const auto& [symbol, runs] : sizes)
      if (runs == std::pair<std::int64_t, std::int64_t>{a[i], (*b)[i]}) followed.push_back(symbol);
    dims.push_back(followed.size() == 1 ? model::Dim(followed[0]) : model::Dim());
  }
  return dims;
}

bool has_symbols(const std::vector<InputSpec>& specs) {
  return std::any_of(specs.begin(), specs.end(), [](const InputSpec& s) {
    return std::any_of(s.dims.begin(), s.dims.end(),
                       [](const model::Dim& d) { return !d.known(); });
  });
}

}  // namespace

EngineShapes add_engine_shapes(onnx::ModelProto& model, const InputRequest& request,
                               const RunnerLimits& limits, const std::string& engine_name) {
  const std::vector<InputSpec> specs = input_specs(model, "the model");
  const InputRequest first = with_every_symbol(specs, request);
  Engine engine(engine_name, limits);
  const std::string path = engine.work_dir() + "/exposed.onnx";
  model::save_model(everything_exposed(model), path);
  engine.load(path, 1, nlohmann::json::object());
  std::filesystem::remove(path);
  const auto a = run(engine, specs, first, "first");
  std::optional<std::map<std::string, OutputFile>> b;
  SizesOf sizes;
  if (has_symbols(specs)) {
    b = run(engine, specs, grown(first), "second");
    sizes = symbol_sizes(specs, first, grown(first));
  }

  EngineShapes result;
  result.engine = engine_name;
  for (const auto& s : specs)
    result.inputs += (result.inputs.empty() ? "" : ", ") + s.name + " " +
                     shape_to_string(concrete_shape(s, first));
  auto shape_of = [&](const OutputFile& f) {
    if (!b) return combined(f.shape, nullptr, sizes);
    const auto it = b->find(f.name);
    const bool same_rank = it != b->end() && it->second.shape.size() == f.shape.size();
    return same_rank ? combined(f.shape, &it->second.shape, sizes)
                     : model::Dims(f.shape.size(), model::Dim());
  };
  auto& g = *model.mutable_graph();
  std::vector<onnx::ValueInfoProto> found;
  for (const auto& name : inner_tensors(g)) {
    const auto it = a.find(name);
    const auto type = it == a.end() ? std::nullopt : dtype_from_name(it->second.dtype);
    if (!type) continue;
    onnx::ValueInfoProto& v = found.emplace_back();
    v.set_name(name);
    v.mutable_type()->mutable_tensor_type()->set_elem_type(dtype_onnx_code(*type));
    model::dims_to_proto(shape_of(it->second),
                         v.mutable_type()->mutable_tensor_type()->mutable_shape());
  }
  std::set<std::string> replaced;
  for (const auto& v : found) replaced.insert(v.name());
  auto* values = g.mutable_value_info();
  values->erase(
      std::remove_if(values->begin(), values->end(),
                     [&](const onnx::ValueInfoProto& v) { return replaced.count(v.name()); }),
      values->end());
  for (auto& v : found) *g.add_value_info() = std::move(v);
  result.values = static_cast<int>(found.size());
  for (auto& v : *g.mutable_output()) {
    const auto it = a.find(v.name());
    if (it == a.end() || !v.type().has_tensor_type() || v.type().tensor_type().has_shape())
      continue;
    model::dims_to_proto(shape_of(it->second),
                         v.mutable_type()->mutable_tensor_type()->mutable_shape());
    ++result.values;
  }
  return result;
}

}  // namespace onnxbench
