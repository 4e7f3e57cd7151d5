// MobileNetV2 search spaces and seeded sampling from them (seed 001's sample step).
//
// A space is a MobileNetV2 architecture JSON (model/architecture.h) in which "input_size",
// "width_mult" and each stage's "expansion", "kernel" and "depth" may be a list of choices
// instead of one value; "channels" and "stride" stay fixed per stage:
//   {"family": "mobilenet_v2", "input_size": [32], "width_mult": [0.75, 1.0], "num_classes": 10,
//    "stages": [{"expansion": [3, 6], "kernel": [3, 5, 7], "depth": [1, 2, 3, 4],
//                "channels": 24, "stride": 1}, ...]}
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "zoo/architecture.h"

namespace onnxbench::model {

struct MobileNetV2StageSpace {
  std::vector<std::int64_t> expansion, kernel, depth;
  std::int64_t channels = 16;
  std::int64_t stride = 1;
};

struct MobileNetV2Space {
  std::vector<std::int64_t> input_size;
  std::vector<double> width_mult;
  std::int64_t num_classes = 1000;
  std::int64_t stem_channels = 32;
  std::int64_t stem_stride = 2;
  std::int64_t last_channels = 1280;
  std::vector<MobileNetV2StageSpace> stages;
};

// Throws InputError naming `source`, the field and what was expected; every choice is checked.
MobileNetV2Space space_from_json(const nlohmann::json& json, const std::string& source);
MobileNetV2Space read_space(const std::string& path);

// The number of distinct architectures in the space (saturates at UINT64_MAX).
std::uint64_t space_size(const MobileNetV2Space& space);

// `count` architectures drawn independently and uniformly (each field's choice on its own) with
// SplitMix64 from `seed`; a choice among n is next() % n, so every platform draws the same.
std::vector<MobileNetV2Arch> sample_architectures(const MobileNetV2Space& space,
                                                  std::uint64_t count, std::uint64_t seed);

// ResNet search spaces: "block", "input_size" and "width_mult" may be lists of choices, and so may
// each stage's "depth"; a stage's "width" is fixed (scaled by width_mult, rounded to a multiple
// of 8):
//   {"family": "resnet", "block": ["basic", "bottleneck"], "input_size": [32],
//    "width_mult": [0.5, 1.0], "num_classes": 10, "stem_channels": 64,
//    "stages": [{"depth": [1, 2, 3], "width": 64}, ...]}
struct ResNetStageSpace {
  std::vector<std::int64_t> depth;
  std::int64_t width = 64;
};

struct ResNetSpace {
  std::vector<std::string> block;
  std::vector<std::int64_t> input_size;
  std::vector<double> width_mult;
  std::int64_t num_classes = 1000;
  std::int64_t stem_channels = 64;
  std::vector<ResNetStageSpace> stages;
};

ResNetSpace resnet_space_from_json(const nlohmann::json& json, const std::string& source);
// The architecture of the given choices (widths scaled by width_mult).
ResNetArch resnet_of(const ResNetSpace& space, const std::string& block, std::int64_t input_size,
                     double width_mult, const std::vector<std::int64_t>& depths);
// Drawn as sample_architectures draws: block, input_size, width_mult, then each stage's depth.
std::vector<ResNetArch> sample_resnet_architectures(const ResNetSpace& space, std::uint64_t count,
                                                    std::uint64_t seed);

}  // namespace onnxbench::model
