// The options of the samples quantize and compare run on (batch and other symbolic dimensions,
// seed of random data, image preprocessing), declared once with their defaults and help.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "data/sample_set.h"

namespace onnxbench::cli {

struct SampleCommandOptions {
  long long batch = 1;
  std::uint64_t seed = 1;
  std::vector<std::string> dims;  // SYMBOL=N
  std::vector<float> image_mean{0.485f, 0.456f, 0.406f};
  std::vector<float> image_std{0.229f, 0.224f, 0.225f};

  quant::SampleOptions options() const;
};

// Adds the input options (input_options.h: the batch option under `batch_flag`, --dim, --seed),
// --image-mean and --image-std.
void add_sample_options(CLI::App& cmd, SampleCommandOptions& o, const std::string& batch_flag);

}  // namespace onnxbench::cli
