#include "zoo/generators.h"

#include <algorithm>

namespace onnxbench::model {

onnx::ModelProto generate_model(const Architecture& arch, std::uint64_t seed, const Dim& batch) {
  if (const auto* m = std::get_if<MobileNetV2Arch>(&arch))
    return generate_mobilenet_v2(*m, seed, batch);
  if (const auto* r = std::get_if<ResNetArch>(&arch)) return generate_resnet(*r, seed, batch);
  return generate_transformer(std::get<TransformerArch>(arch), seed, batch);
}

std::int64_t make_divisible(double value, std::int64_t divisor) {
  std::int64_t rounded =
      std::max(divisor, static_cast<std::int64_t>(value + static_cast<double>(divisor) / 2) /
                            divisor * divisor);
  if (static_cast<double>(rounded) < 0.9 * value) rounded += divisor;
  return rounded;
}

}  // namespace onnxbench::model
