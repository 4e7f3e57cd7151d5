#include "cli/transform_verify.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <sstream>

#include "core/half.h"
#include "core/npy.h"
#include "engines/engine.h"
#include "graph/dims.h"
#include "graph/loader.h"
#include "graph/shapes.h"

namespace onnxbench::cli {
namespace {

double element(const Tensor& t, std::int64_t i) {
  switch (t.dtype) {
    case DType::kFloat32:
      return t.as<float>()[i];
    case DType::kFloat16:
      return half_to_float(t.as<std::uint16_t>()[i]);
    case DType::kFloat64:
      return t.as<double>()[i];
    case DType::kInt8:
      return t.as<std::int8_t>()[i];
    case DType::kUInt8:
    case DType::kBool:
      return t.as<std::uint8_t>()[i];
    case DType::kInt16:
      return t.as<std::int16_t>()[i];
    case DType::kUInt16:
      return t.as<std::uint16_t>()[i];
    case DType::kInt32:
      return t.as<std::int32_t>()[i];
    case DType::kUInt32:
      return t.as<std::uint32_t>()[i];
    case DType::kInt64:
      return static_cast<double>(t.as<std::int64_t>()[i]);
    case DType::kUInt64:
      return static_cast<double>(t.as<std::uint64_t>()[i]);
  }
  return 0;
}

bool is_float(DType t) {
  return t == DType::kFloat16 || t == DType::kFloat32 || t == DType::kFloat64;
}

bool is_float(const std::string& dtype) {
  const auto t = dtype_from_name(dtype);
  return t && is_float(*t);
}

Tensor converted(const Tensor& t, DType to) {
  Tensor c(to, t.shape);
  for (std::int64_t i = 0; i < t.element_count(); ++i) {
    const double v = element(t, i);
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
    if (file == files.end() || !wanted || !is_float(*wanted)) continue;
    const Tensor t = read_npy(file->second);
    if (t.dtype == *wanted || !is_float(t.dtype)) continue;
    std::filesystem::create_directories(dir);
    result[v->name()] = dir + "/input_" + std::to_string(copies++) + ".npy";
    write_npy(result[v->name()], converted(t, *wanted));
  }
  return result;
}

struct Difference {
  double max_abs_error = 0;  // infinity where one is NaN and the other not
  double max_abs_value = 0;  // of the original, for scale
};

Difference difference(const Tensor& original, const Tensor& transformed) {
  Difference d;
  for (std::int64_t i = 0; i < original.element_count(); ++i) {
    const double a = element(original, i), b = element(transformed, i);
    if (std::isnan(a) || std::isnan(b)) {
      if (std::isnan(a) != std::isnan(b)) d.max_abs_error = std::numeric_limits<double>::infinity();
      continue;
    }
    if (a != b) d.max_abs_error = std::max(d.max_abs_error, std::abs(a - b));
    d.max_abs_value = std::max(d.max_abs_value, std::abs(a));
  }
  return d;
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
  engine.load(model, 1, nlohmann::json::object());
  std::map<std::string, OutputFile> outputs;
  for (auto& f : engine.infer(inputs, output_dir)) outputs[f.name] = f;
  return outputs;
}

std::string number(double v) {
  std::ostringstream s;
  s.precision(3);
  s << v;
  return s.str();
}

}  // namespace

bool verify_transform(const std::string& original_path, const std::string& transformed_path,
                      const onnx::ModelProto& transformed, const VerifyRequest& request,
                      std::ostream& out) {
  Engine engine(request.engine, request.limits);
  const PreparedInputs inputs =
      prepare_inputs(input_specs(transformed), request.inputs, engine.work_dir());
  const auto original_inputs = inputs_for(model::load_model(original_path).proto, inputs.files,
                                          engine.work_dir() + "/original_inputs");
  const auto before = run(engine, original_path, original_inputs, engine.work_dir() + "/original");
  const auto after =
      run(engine, transformed_path, inputs.files, engine.work_dir() + "/transformed");

  out << "verify on " << request.engine << ", inputs " << inputs.description << ", tolerance "
      << number(request.tolerance) << " (max abs error)\n";
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
      const Difference d = difference(read_npy(a.path), read_npy(it->second.path));
      out << "max abs error " << number(d.max_abs_error) << " (max |value| "
          << number(d.max_abs_value) << "): ";
      if (!(d.max_abs_error <= request.tolerance)) problem = "over the tolerance";
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
