#include "zoo/gen_layers.h"
#include "zoo/generators.h"

namespace onnxbench::model {
namespace {

constexpr std::int64_t kBottleneckExpansion = 4;

// One residual block; `cin` is updated to the block's output channels.
std::string residual_block(LayerBuilder& l, const std::string& name, const std::string& x,
                           std::int64_t& cin, std::int64_t width, std::int64_t stride,
                           bool bottleneck) {
  const std::int64_t cout = bottleneck ? width * kBottleneckExpansion : width;
  std::string y;
  if (bottleneck) {
    y = l.relu(name + ".relu1", l.conv(name + ".conv1", x, cin, width, 1, 1));
    y = l.relu(name + ".relu2", l.conv(name + ".conv2", y, width, width, 3, stride));
    y = l.conv(name + ".conv3", y, width, cout, 1, 1);
  } else {
    y = l.relu(name + ".relu1", l.conv(name + ".conv1", x, cin, width, 3, stride));
    y = l.conv(name + ".conv2", y, width, cout, 3, 1);
  }
  const std::string shortcut =
      (stride != 1 || cin != cout) ? l.conv(name + ".downsample", x, cin, cout, 1, stride) : x;
  cin = cout;
  return l.relu(name + ".relu", l.add(name + ".add", y, shortcut));
}

}  // namespace

onnx::ModelProto generate_resnet(const ResNetArch& arch, std::uint64_t seed, const Dim& batch) {
  ModelBuilder b(13, "resnet");
  b.proto().set_doc_string(
      "onnxbench zoo generate: " + architecture_to_json(Architecture(arch)).dump() + ", seed " +
      std::to_string(seed));
  b.input("input", DType::kFloat32, {batch, 3, arch.input_size, arch.input_size});
  LayerBuilder l(b, seed);
  std::string x = l.relu("stem.relu", l.conv("stem", "input", 3, arch.stem_channels, 7, 2));
  b.node("MaxPool", {x}, {"stem.pool"},
         {attr_ints("kernel_shape", {3, 3}), attr_ints("strides", {2, 2}),
          attr_ints("pads", {1, 1, 1, 1})},
         "stem.pool");
  x = "stem.pool";
  std::int64_t channels = arch.stem_channels;
  const bool bottleneck = arch.block == "bottleneck";
  for (std::size_t s = 0; s < arch.depths.size(); ++s)
    for (std::int64_t i = 0; i < arch.depths[s]; ++i)
      x = residual_block(l, "s" + std::to_string(s) + ".b" + std::to_string(i), x, channels,
                         arch.widths[s], i == 0 && s > 0 ? 2 : 1, bottleneck);
  l.classifier(x, channels, arch.num_classes, "logits");
  b.output("logits", DType::kFloat32, {batch, arch.num_classes});
  return b.build();
}

}  // namespace onnxbench::model
