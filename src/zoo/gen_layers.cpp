#include "zoo/gen_layers.h"

#include <cmath>

namespace onnxbench::model {

std::uint64_t LayerBuilder::next_seed() {
  // Distinct model seeds give unrelated tensor seeds (a golden-ratio stride, as SplitMix64 uses).
  return seed_ * 0x9E3779B97F4A7C15ULL + ++tensors_;
}

std::string LayerBuilder::weight(const std::string& name, const Shape& shape, std::int64_t fan_in,
                                 float gain) {
  b_.random_initializer(name, shape, next_seed(),
                        gain * static_cast<float>(std::sqrt(6.0 / static_cast<double>(fan_in))));
  return name;
}

std::string LayerBuilder::bias(const std::string& name, std::int64_t size, float gain) {
  b_.random_initializer(name, {size}, next_seed(), gain * 0.1f);
  return name;
}

std::string LayerBuilder::constant(const std::string& name, const Shape& shape, float value) {
  for (const auto& init : b_.proto().graph().initializer())
    if (init.name() == name) return name;
  Tensor t(DType::kFloat32, shape);
  for (std::int64_t i = 0; i < t.element_count(); ++i) t.as<float>()[i] = value;
  b_.initializer(name, t);
  return name;
}

std::string LayerBuilder::conv(const std::string& name, const std::string& x, std::int64_t cin,
                               std::int64_t cout, std::int64_t kernel, std::int64_t stride,
                               std::int64_t group) {
  if (group == 0) group = cin;
  const std::int64_t pad = kernel / 2;
  const std::int64_t fan_in = cin / group * kernel * kernel;
  const std::string w = weight(name + ".weight", {cout, cin / group, kernel, kernel}, fan_in);
  const std::string bias_name = bias(name + ".bias", cout);
  b_.node("Conv", {x, w, bias_name}, {name},
          {attr_ints("kernel_shape", {kernel, kernel}), attr_ints("strides", {stride, stride}),
           attr_ints("pads", {pad, pad, pad, pad}), attr_int("group", group)},
          name);
  return name;
}

std::string LayerBuilder::relu6(const std::string& name, const std::string& x) {
  b_.node("Clip", {x}, {name}, {attr_float("min", 0.0f), attr_float("max", 6.0f)}, name);
  return name;
}

std::string LayerBuilder::relu(const std::string& name, const std::string& x) {
  b_.node("Relu", {x}, {name}, {}, name);
  return name;
}

std::string LayerBuilder::add(const std::string& name, const std::string& a, const std::string& b) {
  b_.node("Add", {a, b}, {name}, {}, name);
  return name;
}

std::string LayerBuilder::classifier(const std::string& x, std::int64_t channels,
                                     std::int64_t classes, const std::string& output) {
  b_.node("GlobalAveragePool", {x}, {"pool"}, {}, "pool");
  b_.node("Flatten", {"pool"}, {"flat"}, {attr_int("axis", 1)}, "flatten");
  const std::string w = weight("fc.weight", {classes, channels}, channels);
  const std::string bias_name = bias("fc.bias", classes);
  b_.node("Gemm", {"flat", w, bias_name}, {output}, {attr_int("transB", 1)}, "fc");
  return output;
}

}  // namespace onnxbench::model
