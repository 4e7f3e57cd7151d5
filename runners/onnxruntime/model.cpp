#include "model.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "core/tensor.h"

namespace onnxbench::runner::ort {
namespace {

// The failing node, where ORT's message names it (ORT words it in several ways).
std::string node_of(const std::string& message) {
  static const std::regex pattern(
      R"re(Node \(([^)]*)\)|node with name '([^']*)'|In Node, \("([^"]*)")re");
  std::smatch m;
  if (!std::regex_search(message, m, pattern)) return {};
  for (std::size_t i = 1; i < m.size(); ++i)
    if (m[i].matched) return m[i].str();
  return {};
}

TensorInfo describe_type(std::string name, const Ort::TypeInfo& type) {
  TensorInfo info;
  info.name = std::move(name);
  if (type.GetONNXType() != ONNX_TYPE_TENSOR) {
    info.is_tensor = false;
    return info;
  }
  const auto tensor = type.GetTensorTypeAndShapeInfo();
  info.element = tensor.GetElementType();
  info.dtype = dtype_from_onnx_code(static_cast<int>(info.element));
  info.shape = tensor.GetShape();
  std::vector<const char*> symbols(info.shape.size(), nullptr);
  tensor.GetSymbolicDimensions(symbols.data(), symbols.size());
  for (const char* s : symbols) info.symbols.emplace_back(s ? s : "");
  return info;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// ORT's default intra-op thread count: one per physical core, as /proc/cpuinfo counts them.
int physical_cores() {
  std::ifstream in("/proc/cpuinfo");
  std::set<std::pair<std::string, std::string>> cores;
  std::string line, physical;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (key == "physical id") physical = value;
    if (key == "core id") cores.emplace(physical, value);
  }
  if (!cores.empty()) return static_cast<int>(cores.size());
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

bool TensorInfo::is_static() const {
  return std::all_of(shape.begin(), shape.end(), [](std::int64_t d) { return d >= 0; });
}

std::string TensorInfo::describe() const {
  std::string dims;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    dims += i ? "," : "";
    dims += shape[i] >= 0 ? std::to_string(shape[i]) : !symbols[i].empty() ? symbols[i] : "?";
  }
  return (dtype ? std::string(dtype_name(*dtype)) : "ONNX type " + std::to_string(element)) + " [" +
         dims + "]";
}

RunnerError ort_error(const std::string& kind, const std::string& context,
                      const std::exception& e) {
  const std::string message = e.what();
  return RunnerError(kind, (context.empty() ? "" : context + ": ") + message, node_of(message));
}

void Model::load(const std::string& path, int instances, const Settings& settings) {
  sessions_.clear();  // a failed load leaves nothing loaded
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw RunnerError("io", path + ": cannot read: no such file");
  if (!std::filesystem::is_regular_file(path, ec))
    throw RunnerError("io", path + ": cannot read: not a regular file");
  std::vector<Ort::Session> sessions;
  try {
    for (int i = 0; i < instances; ++i)
      sessions.emplace_back(env_, path.c_str(), settings.session_options(i == 0));
  } catch (const Ort::Exception& e) {
    throw ort_error("model", "", e);
  }
  Ort::Session& first = sessions.front();
  Ort::AllocatorWithDefaultOptions allocator;
  inputs_.clear();
  outputs_.clear();
  for (std::size_t i = 0; i < first.GetInputCount(); ++i)
    inputs_.push_back(
        describe_type(first.GetInputNameAllocated(i, allocator).get(), first.GetInputTypeInfo(i)));
  for (std::size_t i = 0; i < first.GetOutputCount(); ++i)
    outputs_.push_back(describe_type(first.GetOutputNameAllocated(i, allocator).get(),
                                     first.GetOutputTypeInfo(i)));
  input_names_.clear();
  output_names_.clear();
  for (const auto& t : inputs_) input_names_.push_back(t.name.c_str());
  for (const auto& t : outputs_) output_names_.push_back(t.name.c_str());
  path_ = path;
  settings_ = settings;
  sessions_ = std::move(sessions);
}

int Model::effective_threads() const {
  return settings_.intra_op_threads > 0 ? settings_.intra_op_threads : physical_cores();
}

std::vector<MappedInput> Model::map_inputs(const json& inputs) const {
  std::vector<std::string> names;
  for (const auto& t : inputs_) names.push_back(t.name);
  std::vector<MappedInput> files = input_maps_.map(inputs, names);
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const TensorInfo& want = inputs_[i];
    const MappedNpy& file = *files[i].file;
    if (!want.is_tensor || !want.dtype)
      throw RunnerError("unsupported", "input '" + want.name + "' is " + want.describe() +
                                           ", which a .npy file cannot carry");
    if (file.dtype() != *want.dtype)
      throw RunnerError("bad_request", "input '" + want.name + "': the file holds " +
                                           std::string(dtype_name(file.dtype())) +
                                           ", the model expects " + want.describe());
  }
  return files;
}

void Model::check_shape(std::size_t input, const Shape& shape) const {
  const TensorInfo& want = inputs_.at(input);
  bool fits = shape.size() == want.shape.size();
  for (std::size_t d = 0; fits && d < want.shape.size(); ++d)
    fits = want.shape[d] < 0 || want.shape[d] == shape[d];
  if (!fits)
    throw RunnerError("bad_request", "input '" + want.name + "': the file has shape " +
                                         shape_to_string(shape) + ", the model expects " +
                                         want.describe());
}

PreparedInputs Model::prepare_inputs(const json& inputs) const {
  PreparedInputs prepared;
  prepared.files = map_inputs(inputs);
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeCPU);
  for (std::size_t i = 0; i < inputs_.size(); ++i) {
    const MappedNpy& file = *prepared.files[i].file;
    check_shape(i, file.shape());
    // ORT only reads inputs; the mapping is read-only, so a write would fault, not corrupt.
    prepared.values.push_back(Ort::Value::CreateTensor(memory, const_cast<void*>(file.data()),
                                                       file.byte_size(), file.shape().data(),
                                                       file.shape().size(), inputs_[i].element));
  }
  return prepared;
}

Ort::Session Model::profiling_session(const std::string& prefix) const {
  Ort::SessionOptions options = settings_.session_options(false);
  options.EnableProfiling(prefix.c_str());
  try {
    return Ort::Session(env_, path_.c_str(), options);
  } catch (const Ort::Exception& e) {
    throw ort_error("model", "", e);
  }
}

}  // namespace onnxbench::runner::ort
