// The loaded model: one ONNX Runtime session per instance, the graph's inputs and outputs, and
// input tensors bound to files mapped once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/mapped_inputs.h"
#include "core/dtype.h"
#include "knobs.h"
#include "ort_api.h"

namespace onnxbench::runner::ort {

struct TensorInfo {
  std::string name;
  bool is_tensor = true;
  ONNXTensorElementDataType element = ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED;
  std::optional<DType> dtype;        // empty: a type .npy files cannot carry
  std::vector<std::int64_t> shape;   // -1 for a symbolic or unknown dimension
  std::vector<std::string> symbols;  // the symbolic names, "" where none

  bool is_static() const;
  std::string describe() const;  // "float32 [1,3,224,224]", "float32 [batch,3,?,?]"
};

// Input tensors: mapped files, and an Ort::Value over each one's bytes (no copy).
struct PreparedInputs {
  std::vector<MappedInput> files;
  std::vector<Ort::Value> values;
};

// An Ort::Exception as the protocol's error: `kind`, and the failing node when ORT names it.
RunnerError ort_error(const std::string& kind, const std::string& context, const std::exception& e);

class Model {
 public:
  explicit Model(Ort::Env& env) : env_(env) {}

  // Throws RunnerError (io, model, unsupported).
  void load(const std::string& path, int instances, const Settings& settings);
  bool loaded() const { return !sessions_.empty(); }
  int instances() const { return static_cast<int>(sessions_.size()); }
  Ort::Session& session(int instance) { return sessions_.at(static_cast<std::size_t>(instance)); }
  const std::string& path() const { return path_; }
  const Settings& settings() const { return settings_; }
  // Intra-op threads of each session: the knob, or ORT's default (one per physical core).
  int effective_threads() const;

  const std::vector<TensorInfo>& inputs() const { return inputs_; }
  const std::vector<TensorInfo>& outputs() const { return outputs_; }
  const std::vector<const char*>& input_names() const { return input_names_; }
  const std::vector<const char*>& output_names() const { return output_names_; }

  // Maps {"name": "/path.npy", ...} and checks each file's dtype against the graph input.
  // Throws RunnerError.
  std::vector<MappedInput> map_inputs(const json& inputs) const;
  // Throws RunnerError (bad_request) unless graph input `input` takes a tensor of this shape.
  void check_shape(std::size_t input, const Shape& shape) const;
  // map_inputs, check_shape on each whole file, and an Ort::Value over each.
  PreparedInputs prepare_inputs(const json& inputs) const;
  // A session of the model with ORT's profiler on, writing under `prefix`.
  Ort::Session profiling_session(const std::string& prefix) const;

 private:
  Ort::Env& env_;
  std::string path_;
  Settings settings_;
  std::vector<Ort::Session> sessions_;
  std::vector<TensorInfo> inputs_, outputs_;
  std::vector<const char*> input_names_, output_names_;  // into inputs_, outputs_
  mutable InputMaps input_maps_;
};

}  // namespace onnxbench::runner::ort
