// The emulated Qualcomm SDK of the tests (tests/support/emulated_qualcomm_sdk: programs named like
// Qualcomm's tools that compute with onnxbench's OpenCV runner on this CPU) and the model the
// tests run on it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "graph/builder.h"
#include "support/test_paths.h"

namespace onnxbench::testing {

// Lays the emulated SDKs out in <dir>/sdk (snpe: SNPE and QNN; qti-aic: Cloud AI 100) with the
// runtimes its emulated device has, and points SNPE_ROOT, QNN_SDK_ROOT, QAIC_ROOT and
// ONNXBENCH_QUALCOMM_CACHE (<dir>/cache) at them, for this process and the onnxbench it runs.
inline void make_emulated_qualcomm_sdk(const std::string& dir, const std::string& runtimes) {
  const std::string command = "bash " + source_dir() +
                              "/tests/support/emulated_qualcomm_sdk/make_emulated_sdk.sh " + dir +
                              "/sdk " + build_dir() + "/onnxbench " + build_dir() +
                              "/runners/opencv/onnxbench-runner-opencv " + runtimes;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  ::setenv("SNPE_ROOT", (dir + "/sdk/snpe").c_str(), 1);
  ::setenv("QNN_SDK_ROOT", (dir + "/sdk/snpe").c_str(), 1);  // one QAIRT SDK holds both
  ::setenv("QAIC_ROOT", (dir + "/sdk/qti-aic").c_str(), 1);
  ::setenv("ONNXBENCH_QUALCOMM_CACHE", (dir + "/cache").c_str(), 1);
}

inline void unset_emulated_qualcomm_sdk() {
  for (const char* v : {"SNPE_ROOT", "QNN_SDK_ROOT", "QAIC_ROOT", "ONNXBENCH_QUALCOMM_CACHE"})
    ::unsetenv(v);
}

// A convolution with an image-shaped output, so that NCHW<->NHWC matters both ways:
// images [1,3,5,6] -> conv1 -> relu1 -> activations [1,4,5,6].
inline void write_conv_model(const std::string& path) {
  model::ModelBuilder b;
  b.input("images", DType::kFloat32, {1, 3, 5, 6})
      .random_initializer("w", {4, 3, 3, 3}, 7)
      .node("Conv", {"images", "w"}, {"features"},
            {model::attr_ints("kernel_shape", {3, 3}), model::attr_ints("pads", {1, 1, 1, 1})},
            "conv1")
      .node("Relu", {"features"}, {"activations"}, {}, "relu1")
      .output("activations", DType::kFloat32, {1, 4, 5, 6});
  model::save_model(b.build(), path);
}

}  // namespace onnxbench::testing
