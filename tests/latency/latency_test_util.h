// Spaces and architectures for the latency tests.
#pragma once

#include <string>

#include "core/file_io.h"
#include "latency/space.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

inline std::string mobilenet_space_path() {
  return source_dir() + "/bench/spaces/mobilenet_v2_cifar10.json";
}

// A space of tiny MobileNetV2s (16x16 inputs, a few choices): few modules, fast to measure.
inline std::string write_tiny_space(const std::string& dir) {
  const std::string path = dir + "/tiny_space.json";
  write_file(path, R"({"family": "mobilenet_v2", "input_size": [16], "width_mult": [0.5],
    "num_classes": 10, "stem_channels": 8, "stem_stride": 1, "last_channels": 64,
    "stages": [{"expansion": 1, "kernel": 3, "depth": 1, "channels": 8, "stride": 1},
               {"expansion": [2, 3], "kernel": [3, 5], "depth": [1, 2], "channels": 16,
                "stride": 2}]})");
  return path;
}

}  // namespace onnxbench::testing
