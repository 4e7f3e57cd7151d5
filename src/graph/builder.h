// Building small ONNX models in C++, for tests and demos, and writing models to files.
#pragma once

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"
#include "graph/dims.h"

namespace onnxbench::model {

onnx::AttributeProto attr_int(const std::string& name, std::int64_t value);
onnx::AttributeProto attr_float(const std::string& name, float value);
onnx::AttributeProto attr_string(const std::string& name, const std::string& value);
onnx::AttributeProto attr_ints(const std::string& name, const std::vector<std::int64_t>& values);
onnx::AttributeProto attr_floats(const std::string& name, const std::vector<float>& values);
onnx::AttributeProto attr_tensor(const std::string& name, const Tensor& value);

// A core tensor as an ONNX TensorProto (raw_data, little-endian).
onnx::TensorProto tensor_to_proto(const Tensor& tensor, const std::string& name);

// The IR version ONNX released together with an opset of the default domain (13 -> 7).
std::int64_t ir_version_for_opset(std::int64_t opset);

// Builds one model, in call order. Example:
//   ModelBuilder b(13);
//   b.input("x", DType::kFloat32, {"N", 3, 32, 32})
//       .random_initializer("w", {8, 3, 3, 3}, 1)
//       .node("Conv", {"x", "w"}, {"y"}, {attr_ints("pads", {1, 1, 1, 1})})
//       .output("y", DType::kFloat32);
//   onnx::ModelProto m = b.build();
class ModelBuilder {
 public:
  explicit ModelBuilder(std::int64_t opset = 13, std::string graph_name = "onnxbench");

  ModelBuilder& input(const std::string& name, DType type, const Dims& shape);
  ModelBuilder& output(const std::string& name, DType type, const Dims& shape);
  // An output whose shape is left to shape inference.
  ModelBuilder& output(const std::string& name, DType type);
  ModelBuilder& initializer(const std::string& name, const Tensor& value);
  // Seeded random values (core's random_tensor); floats are uniform in [-scale, scale).
  ModelBuilder& random_initializer(const std::string& name, const Shape& shape, std::uint64_t seed,
                                   float scale = 1.0f, DType type = DType::kFloat32);
  // A node; an empty name becomes "<op>_<index>".
  ModelBuilder& node(const std::string& op_type, const std::vector<std::string>& inputs,
                     const std::vector<std::string>& outputs,
                     const std::vector<onnx::AttributeProto>& attributes = {},
                     const std::string& name = "", const std::string& domain = "");
  // Imports another domain (or changes the default domain's version when domain is "").
  ModelBuilder& opset(const std::string& domain, std::int64_t version);

  onnx::ModelProto build() const { return model_; }
  // The model under construction, for tests that need something the helpers do not offer.
  onnx::ModelProto& proto() { return model_; }

 private:
  onnx::ModelProto model_;
};

// A small CNN that OpenCV DNN (4.6) and ONNX Runtime both run, a few milliseconds per image on
// one core (93.9 M MACs; about 2-3 ms in OpenCV, 1.5 ms in ONNX Runtime on one core here):
// input "input" [N,3,96,96] float32 ->
// Conv3x3(32)-Relu-MaxPool2 - Conv3x3(64)-Relu-MaxPool2 - Conv3x3(128)-Relu - GlobalAveragePool -
// Flatten - Gemm(10) -> output "logits" [N,10]. Opset 13; N is 1, or the symbol "N" when
// dynamic_batch. Weights are seeded random (He-uniform scale), the same for the same seed.
onnx::ModelProto demo_cnn(std::uint64_t seed, bool dynamic_batch);

// Writes the model as one protobuf file. Throws Error when it cannot be serialised (2 GiB or
// more) or written.
void save_model(const onnx::ModelProto& model, const std::string& path);

}  // namespace onnxbench::model
