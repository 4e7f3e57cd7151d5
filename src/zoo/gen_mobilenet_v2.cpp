#include <algorithm>
#include <cmath>

#include "zoo/gen_layers.h"
#include "zoo/generators.h"

namespace onnxbench::model {
namespace {

// One inverted-residual block: [1x1 expand, ReLU6], kxk depthwise, ReLU6, 1x1 project, and the
// identity shortcut when the shape allows it. Returns the block's output.
std::string inverted_residual(LayerBuilder& l, const std::string& name, const std::string& x,
                              std::int64_t cin, std::int64_t cout, std::int64_t stride,
                              std::int64_t expansion, std::int64_t kernel) {
  const std::int64_t hidden = cin * expansion;
  std::string y = x;
  if (expansion != 1)
    y = l.relu6(name + ".expand.relu6", l.conv(name + ".expand", y, cin, hidden, 1, 1));
  y = l.relu6(name + ".dw.relu6", l.conv(name + ".dw", y, hidden, hidden, kernel, stride, 0));
  y = l.conv(name + ".project", y, hidden, cout, 1, 1);
  if (stride == 1 && cin == cout) y = l.add(name + ".add", x, y);
  return y;
}

}  // namespace

onnx::ModelProto generate_mobilenet_v2(const MobileNetV2Arch& arch, std::uint64_t seed,
                                       const Dim& batch) {
  ModelBuilder b(kMobileNetV2Opset, "mobilenet_v2");
  b.proto().set_doc_string(
      "onnxbench zoo generate: " + architecture_to_json(Architecture(arch)).dump() + ", seed " +
      std::to_string(seed));
  b.input("input", DType::kFloat32, {batch, 3, arch.input_size, arch.input_size});
  LayerBuilder l(b, seed);
  std::int64_t channels = make_divisible(arch.stem_channels * arch.width_mult);
  std::string x = l.relu6("stem.relu6", l.conv("stem", "input", 3, channels, 3, arch.stem_stride));
  for (std::size_t s = 0; s < arch.stages.size(); ++s) {
    const MobileNetV2Stage& stage = arch.stages[s];
    const std::int64_t cout = make_divisible(static_cast<double>(stage.channels) * arch.width_mult);
    for (std::int64_t i = 0; i < stage.depth; ++i) {
      const std::string name = "s" + std::to_string(s) + ".b" + std::to_string(i);
      x = inverted_residual(l, name, x, channels, cout, i == 0 ? stage.stride : 1, stage.expansion,
                            stage.kernel);
      channels = cout;
    }
  }
  const std::int64_t last =
      make_divisible(static_cast<double>(arch.last_channels) * std::max(1.0, arch.width_mult));
  x = l.relu6("last.relu6", l.conv("last", x, channels, last, 1, 1));
  l.classifier(x, last, arch.num_classes, "logits");
  b.output("logits", DType::kFloat32, {batch, arch.num_classes});
  return b.build();
}

}  // namespace onnxbench::model
