// Parametric architectures that `onnxbench zoo generate --arch` builds and `zoo sample` draws,
// and their JSON form. Every JSON field is documented at its struct (and in docs/zoo-generate.md);
// fields with a default may be left out, and writing always writes every field, so a written
// architecture reads back the same.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace onnxbench::model {

// One stage of inverted-residual blocks (torchvision's t, c, n, s).
struct MobileNetV2Stage {
  std::int64_t expansion = 6;  // "expansion": hidden channels / input channels, >= 1 (1: no 1x1
                               // expand conv)
  std::int64_t kernel = 3;     // "kernel": depthwise kernel size, odd, 1..15
  std::int64_t depth = 1;      // "depth": blocks in the stage, >= 1
  std::int64_t channels = 16;  // "channels": output channels before width_mult, >= 1
  std::int64_t stride = 1;     // "stride": of the stage's first block, 1 or 2
  bool operator==(const MobileNetV2Stage&) const = default;
};

// {"family": "mobilenet_v2", "input_size", "width_mult", "num_classes", "stem_channels",
//  "stem_stride", "last_channels", "stages": [...]}. Channels are scaled by width_mult and
// rounded to a multiple of 8 as torchvision does; last_channels only grows with width_mult > 1.
struct MobileNetV2Arch {
  std::int64_t input_size = 224;         // "input_size": height and width of the RGB input, >= 1
  double width_mult = 1.0;               // "width_mult": in [0.05, 4]
  std::int64_t num_classes = 1000;       // "num_classes": >= 1
  std::int64_t stem_channels = 32;       // "stem_channels": of the first 3x3 conv
  std::int64_t stem_stride = 2;          // "stem_stride": 1 or 2 (1 for CIFAR-sized inputs)
  std::int64_t last_channels = 1280;     // "last_channels": of the final 1x1 conv
  std::vector<MobileNetV2Stage> stages;  // "stages": at least one
  bool operator==(const MobileNetV2Arch&) const = default;
};

// {"family": "resnet", "block": "basic"|"bottleneck", "depths": [2,2,2,2], "widths":
//  [64,128,256,512], "input_size", "num_classes", "stem_channels"}. Stage i has depths[i] blocks
// of width widths[i] (a bottleneck block outputs 4 x width); stages after the first halve the
// resolution. The stem is a 7x7/2 conv and a 3x3/2 max pool, as in torchvision.
struct ResNetArch {
  std::string block = "basic";
  std::vector<std::int64_t> depths;  // each >= 1, as many as widths
  std::vector<std::int64_t> widths;  // each >= 1
  std::int64_t input_size = 224;     // >= 1
  std::int64_t num_classes = 1000;   // >= 1
  std::int64_t stem_channels = 64;   // >= 1
  bool operator==(const ResNetArch&) const = default;
};

// {"family": "transformer_encoder", "layers", "d_model", "heads", "ffn", "seq_len",
//  "num_classes"}: post-norm encoder layers (multi-head self-attention, then a ReLU feed-forward
// of width ffn) on an input of embeddings [batch, seq_len, d_model], the mean over the sequence
// classified into num_classes. d_model must divide by heads.
struct TransformerArch {
  std::int64_t layers = 2;
  std::int64_t d_model = 128;
  std::int64_t heads = 4;
  std::int64_t ffn = 512;
  std::int64_t seq_len = 64;
  std::int64_t num_classes = 10;
  bool operator==(const TransformerArch&) const = default;
};

using Architecture = std::variant<MobileNetV2Arch, ResNetArch, TransformerArch>;

// "mobilenet_v2", "resnet" or "transformer_encoder".
std::string family_name(const Architecture& arch);

// Reads an architecture; `source` (the file name) starts every error. Throws InputError naming
// the field and what was expected.
Architecture architecture_from_json(const nlohmann::json& json, const std::string& source);
Architecture read_architecture(const std::string& path);

// Every field, "family" first and the rest in the order documented above.
nlohmann::ordered_json architecture_to_json(const Architecture& arch);

// The checks of one MobileNetV2 stage field ("expansion", "kernel", "depth", "channels",
// "stride"), shared with search spaces: what is wrong with `value`, or "".
std::string mobilenet_v2_stage_problem(const std::string& field, const nlohmann::json& value);

}  // namespace onnxbench::model
