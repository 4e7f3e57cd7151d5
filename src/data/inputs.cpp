#include "data/inputs.h"

#include <algorithm>
#include <filesystem>

#include "core/error.h"
#include "core/npy.h"
#include "core/tensor_pb.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

struct GivenTensor {
  std::string name;  // from "NAME=FILE", the .pb's own name or the file's stem; may be empty
  std::string path;
  Tensor tensor;
  bool explicit_name = false;  // NAME=FILE: the name must be one of the model's inputs
};

bool has_extension(const fs::path& p, const char* ext) { return p.extension() == ext; }

GivenTensor read_given(const std::string& name, const std::string& path) {
  const bool named = !name.empty();
  if (has_extension(path, ".npy")) return {name, path, read_npy(path), named};
  if (has_extension(path, ".pb")) {
    NamedTensor t = read_tensor_pb(path);
    return {named ? name : t.name, path, std::move(t.tensor), named};
  }
  throw InputError(path + ": unknown tensor file type, expected .npy or .pb");
}

// An ONNX test-data folder holds the expected outputs beside the inputs: output_0.pb, ...
bool is_expected_output(const fs::path& p) {
  return p.filename().string().rfind("output_", 0) == 0 && has_extension(p, ".pb");
}

bool is_test_data_set_of_no_inputs(const std::string& folder) {
  for (const auto& e : fs::directory_iterator(folder))
    if (is_expected_output(e.path())) return true;
  return false;
}

// Expands folders: their .npy and .pb files sorted by name (input_0.pb, input_1.pb, ...), the
// expected outputs of a test-data folder left out. A folder's .npy file is named by its stem.
std::vector<GivenTensor> read_all(const std::vector<std::string>& args) {
  std::vector<GivenTensor> out;
  for (const auto& arg : args) {
    const auto eq = arg.find('=');
    const bool named = eq != std::string::npos && !fs::exists(arg);
    const std::string name = named ? arg.substr(0, eq) : "";
    const std::string path = named ? arg.substr(eq + 1) : arg;
    if (!fs::is_directory(path)) {
      out.push_back(read_given(name, path));
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(path))
      if ((has_extension(e.path(), ".npy") || has_extension(e.path(), ".pb")) &&
          !is_expected_output(e.path()))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty() && is_test_data_set_of_no_inputs(path)) continue;  // a model without inputs
    if (files.empty()) throw InputError(path + ": folder has no .npy or .pb input tensor files");
    for (const auto& f : files) {
      GivenTensor g = read_given("", f.string());
      if (g.name.empty() && has_extension(f, ".npy")) g.name = f.stem().string();
      out.push_back(std::move(g));
    }
  }
  return out;
}

std::string input_names(const std::vector<InputSpec>& specs) {
  std::string names;
  for (const auto& s : specs) names += (names.empty() ? "" : ", ") + s.name;
  return names;
}

bool is_input(const std::vector<InputSpec>& specs, const std::string& name) {
  return std::any_of(specs.begin(), specs.end(),
                     [&](const InputSpec& s) { return s.name == name; });
}

// For each model input, the given tensor it takes: the one of its name, else the next one in
// order whose name is no input's (input_0.pb, x.npy for a one-input model, a bare FILE).
std::vector<const GivenTensor*> match_given(const std::vector<InputSpec>& specs,
                                            const std::vector<GivenTensor>& given) {
  for (const auto& g : given)
    if (g.explicit_name && !is_input(specs, g.name))
      throw InputError("--input " + g.name + "=" + g.path + ": the model has no input '" + g.name +
                       "' (its inputs: " + input_names(specs) + ")");
  std::vector<const GivenTensor*> matched;
  std::vector<bool> used(given.size(), false);
  for (const auto& spec : specs) {
    std::size_t pick = given.size();
    for (std::size_t j = 0; j < given.size() && pick == given.size(); ++j)
      if (!used[j] && given[j].name == spec.name) pick = j;
    for (std::size_t j = 0; j < given.size() && pick == given.size(); ++j)
      if (!used[j] && !is_input(specs, given[j].name)) pick = j;
    if (pick == given.size())
      throw InputError("no input file for model input '" + spec.name +
                       "': the files are named after other inputs (the model's inputs: " +
                       input_names(specs) + ")");
    used[pick] = true;
    matched.push_back(&given[pick]);
  }
  return matched;
}

void check_given(const InputSpec& spec, const GivenTensor& g, const InputRequest& request) {
  const std::string where = g.path + ": for model input '" + spec.name + "': ";
  if (std::string(dtype_name(g.tensor.dtype)) != spec.dtype)
    throw InputError(where + "dtype is " + std::string(dtype_name(g.tensor.dtype)) + ", expected " +
                     spec.dtype);
  if (g.tensor.shape.size() != spec.dims.size())
    throw InputError(where + "shape is " + shape_to_string(g.tensor.shape) + ", expected " +
                     model::dims_to_string(spec.dims));
  for (std::size_t i = 0; i < spec.dims.size(); ++i) {
    const bool fixed_mismatch = spec.dims[i].known() && spec.dims[i].value != g.tensor.shape[i];
    const bool batch_mismatch = i == 0 && request.batch > 0 && g.tensor.shape[0] != request.batch;
    if (fixed_mismatch || batch_mismatch)
      throw InputError(where + "shape is " + shape_to_string(g.tensor.shape) + ", expected " +
                       model::dims_to_string(spec.dims) +
                       (batch_mismatch ? " with batch " + std::to_string(request.batch) : ""));
  }
}

}  // namespace

Shape concrete_shape(const InputSpec& spec, const InputRequest& request) {
  Shape shape;
  for (std::size_t i = 0; i < spec.dims.size(); ++i) {
    const model::Dim& d = spec.dims[i];
    if (d.known()) {
      if (i == 0 && request.batch > 0 && d.value != request.batch)
        throw InputError("model input '" + spec.name + "' has a fixed batch of " +
                         std::to_string(d.value) + ", so --batch " + std::to_string(request.batch) +
                         " cannot apply; export the model with a symbolic batch dimension");
      shape.push_back(d.value);
    } else if (i == 0 && request.batch > 0) {
      shape.push_back(request.batch);
    } else if (auto it = request.dims.find(d.symbol);
               !d.symbol.empty() && it != request.dims.end()) {
      shape.push_back(it->second);
    } else if (i == 0) {
      shape.push_back(1);  // a symbolic batch without --batch: one
    } else {
      throw InputError("model input '" + spec.name + "' dimension " + std::to_string(i) + " ('" +
                       (d.symbol.empty() ? "?" : d.symbol) +
                       "') has no size; give one with --dim " +
                       (d.symbol.empty() ? "NAME" : d.symbol) + "=N or pass input files");
    }
  }
  return shape;
}

PreparedInputs prepare_inputs(const std::vector<InputSpec>& specs, const InputRequest& request,
                              const std::string& work_dir) {
  PreparedInputs out;
  const auto given = read_all(request.files);
  if (!given.empty() && given.size() != specs.size())
    throw InputError(std::to_string(given.size()) + " input file(s) given, the model has " +
                     std::to_string(specs.size()) + " input(s): " + input_names(specs));
  const auto matched =
      given.empty() ? std::vector<const GivenTensor*>{} : match_given(specs, given);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const InputSpec& spec = specs[i];
    Tensor tensor;
    if (given.empty()) {
      const auto type = dtype_from_name(spec.dtype);
      if (!type)
        throw InputError("model input '" + spec.name + "' has dtype " + spec.dtype +
                         ", which onnxbench cannot generate");
      tensor = random_tensor(*type, concrete_shape(spec, request), request.seed + i);
    } else {
      const GivenTensor& g = *matched[i];
      check_given(spec, g, request);
      tensor = g.tensor;
      out.description += (out.description.empty() ? "" : ", ") + spec.name + "=" + g.path;
    }
    const std::string path = work_dir + "/input_" + std::to_string(i) + ".npy";
    write_npy(path, tensor);
    out.files[spec.name] = path;
    out.shapes[spec.name] = tensor.shape;
    if (i == 0 && !tensor.shape.empty()) out.batch = tensor.shape[0];
  }
  if (given.empty()) out.description = "random (seed " + std::to_string(request.seed) + ")";
  return out;
}

}  // namespace onnxbench
