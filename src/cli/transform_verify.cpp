#include "cli/transform_verify.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

#include "bench/engine_preparation.h"
#include "bench/output_check.h"
#include "cli/open_model.h"
#include "core/half.h"
#include "core/npy.h"
#include "core/tensor_values.h"
#include "engines/engine.h"
#include "graph/dims.h"
#include "graph/loader.h"
#include "graph/shapes.h"

namespace onnxbench::cli {
namespace {

bool is_float(const std::string& dtype) {
  const auto t = dtype_from_name(dtype);
  return t && is_float_dtype(*t);
}

Tensor converted(const Tensor& t, DType to) {
  Tensor c(to, t.shape);
  for (std::int64_t i = 0; i < t.element_count(); ++i) {
    const double v = element_value(t, i);
    if (to == DType::kFloat16)
      c.as<std::uint16_t>()[i] = float_to_half(static_cast<float>(v));
    else if (to == DType::kFloat32)
      c.as<float>()[i] = static_cast<float>(v);
    else
      c.as<double>()[i] = v;
  }
  return c;
}

// `files` as `model` takes them: where it takes a float input in another float type than the files
// hold (fp16-io's float32 and float16), a converted copy in `dir`.
InputFiles inputs_for(const onnx::ModelProto& model, const InputFiles& files,
                      const std::string& dir) {
  InputFiles result = files;
  int copies = 0;
  for (const auto* v : model::fed_inputs(model.graph())) {
    const auto file = files.find(v->name());
    const auto wanted = dtype_from_onnx_code(v->type().tensor_type().elem_type());
    if (file == files.end() || !wanted || !is_float_dtype(*wanted)) continue;
    const Tensor t = read_npy(file->second);
    if (t.dtype == *wanted || !is_float_dtype(t.dtype)) continue;
    std::filesystem::create_directories(dir);
    result[v->name()] = dir + "/input_" + std::to_string(copies++) + ".npy";
    write_npy(result[v->name()], converted(t, *wanted));
  }
  return result;
}

std::vector<InputSpec> input_specs(const onnx::ModelProto& model) {
  std::vector<InputSpec> specs;
  for (const auto* v : model::fed_inputs(model.graph()))
    specs.push_back({v->name(), model::onnx_type_name(v->type().tensor_type().elem_type()),
                     model::dims_of_type(v->type()).value_or(model::Dims{})});
  return specs;
}

std::map<std::string, OutputFile> run(Engine& engine, const std::string& model,
                                      const InputFiles& inputs, const std::string& output_dir) {
  std::filesystem::create_directories(output_dir);
  ModelUnderTest under_test;
  under_test.path = model;
  load_into_engine(engine, under_test, 1, nlohmann::json::object());
  std::map<std::string, OutputFile> outputs;
  for (auto& f : engine.infer(inputs, output_dir)) outputs[f.name] = f;
  return outputs;
}

}  // namespace

Tolerance default_verify_tolerance(const std::vector<std::string>& pass_names) {
  static const std::map<std::string, Tolerance> kOwn{
      {"fuse-affine-into-conv", {1e-3, 1e-5, 0.9999}},
      {"div-to-mul", {1e-3, 1e-5, 0.9999}},
      {"fp16", {1e-2, 1e-3, 0.999}},
      {"fp16-io", {1e-2, 1e-3, 0.999}}};
  Tolerance t{1e-4, 1e-5, 0.99999};  // exact rewrites: simplify, set-dims, expose, ...
  for (const auto& name : pass_names)
    if (const auto it = kOwn.find(name); it != kOwn.end()) {
      t.rtol = std::max(t.rtol, it->second.rtol);
      t.atol = std::max(t.atol, it->second.atol);
      t.min_cosine = std::min(t.min_cosine, it->second.min_cosine);
    }
  return t;
}

bool verify_transform(const std::string& original_path, const std::string& transformed_path,
                      const onnx::ModelProto& transformed, const VerifyRequest& request,
                      std::ostream& out) {
  Engine engine(request.engine, request.limits, request.host);
  const PreparedInputs inputs =
      prepare_inputs(input_specs(transformed), request.inputs, engine.work_dir());
  const auto original_inputs = inputs_for(open_model(original_path).proto, inputs.files,
                                          engine.work_dir() + "/original_inputs");
  const auto before = run(engine, original_path, original_inputs, engine.work_dir() + "/original");
  const auto after =
      run(engine, transformed_path, inputs.files, engine.work_dir() + "/transformed");

  const Tolerance& tol = request.tolerance;
  out << "verify on " << request.engine << ", inputs " << inputs.description << ", tolerance: atol "
      << tol.atol << " + rtol " << tol.rtol
      << " x |original| per element, cosine >= " << tol.min_cosine << "\n";
  bool all_within = true;
  for (const auto& [name, a] : before) {
    out << "  " << name << " " << shape_to_string(a.shape) << ": ";
    const auto it = after.find(name);
    std::string problem;
    if (it == after.end()) {
      problem = "missing from the transformed model";
    } else if ((it->second.dtype != a.dtype &&
                !(is_float(a.dtype) && is_float(it->second.dtype))) ||
               it->second.shape != a.shape) {
      problem = "transformed gives " + it->second.dtype + " " + shape_to_string(it->second.shape) +
                ", original " + a.dtype + " " + shape_to_string(a.shape);
    } else {
      const Tensor original = read_npy(a.path);
      Tensor result = read_npy(it->second.path);
      if (result.dtype != original.dtype) result = converted(result, original.dtype);  // fp16-io
      const OutputVerdict v = compare_tensors(name, result, original, tol);
      out << v.detail << ": ";
      if (!v.pass) problem = "over the tolerance";
    }
    out << (problem.empty() ? "ok" : problem) << "\n";
    all_within = all_within && problem.empty();
  }
  const auto only_after = std::count_if(after.begin(), after.end(),
                                        [&](const auto& o) { return !before.count(o.first); });
  if (only_after)
    out << "  (" << only_after << " output(s) only in the transformed model, not compared)\n";
  return all_within;
}

}  // namespace onnxbench::cli
