// Layers the architecture generators share: seeded He-style weights and the ops both engines run.
#pragma once

#include <cstdint>
#include <string>

#include "graph/builder.h"

namespace onnxbench::model {

// Wraps a ModelBuilder; every layer names its tensors after `name` ("s2.b0.expand") and takes
// its weights from a seed derived from the model's seed and the tensor's index, so the same seed
// gives the same bytes.
class LayerBuilder {
 public:
  LayerBuilder(ModelBuilder& builder, std::uint64_t seed) : b_(builder), seed_(seed) {}

  // Conv with bias (BatchNorm folded into it, as inference graphs have it), "same" padding for
  // odd kernels. group 0 means depthwise (group = cin = cout). Returns the output name.
  std::string conv(const std::string& name, const std::string& x, std::int64_t cin,
                   std::int64_t cout, std::int64_t kernel, std::int64_t stride,
                   std::int64_t group = 1);
  // ReLU6 as Clip with min/max attributes, the form of opsets 6-10: OpenCV 4.6 rejects opset
  // 11's Clip, whose bounds are inputs, so models using this are built at opset 10.
  std::string relu6(const std::string& name, const std::string& x);
  std::string relu(const std::string& name, const std::string& x);
  std::string add(const std::string& name, const std::string& a, const std::string& b);
  // GlobalAveragePool, Flatten, Gemm: [N,C,H,W] -> [N,classes].
  std::string classifier(const std::string& x, std::int64_t channels, std::int64_t classes,
                         const std::string& output);

  // A float32 weight, uniform in +-gain * sqrt(6 / fan_in) (He-uniform), and a small bias
  // (+-gain * 0.1).
  std::string weight(const std::string& name, const Shape& shape, std::int64_t fan_in,
                     float gain = 1.0f);
  std::string bias(const std::string& name, std::int64_t size, float gain = 1.0f);
  // A float32 constant initializer (shared by name).
  std::string constant(const std::string& name, const Shape& shape, float value);

  ModelBuilder& model() { return b_; }

 private:
  std::uint64_t next_seed();

  ModelBuilder& b_;
  std::uint64_t seed_;
  std::uint64_t tensors_ = 0;
};

}  // namespace onnxbench::model
