// The samples a calibration runs: where they come from, and each as an input request that
// bench's prepare_inputs checks against the model and writes for the engine.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "data/image_samples.h"
#include "data/inputs.h"

namespace onnxbench::quant {

struct CalibrationSet {
  std::vector<InputRequest> samples;
  std::string description;  // for the console: "312 samples from digits.npy"
  bool random = false;      // seeded random data: ranges that say little about real inputs
};

struct SampleOptions {
  long long batch = 1;  // where the model's batch is symbolic
  std::uint64_t seed = 1;
  ImagePreprocessing image;
  std::map<std::string, long long> dims;  // other symbolic dimensions, by symbol
};

// DATA is one of:
// - a .npy file of N samples along its first axis (a model with one input): cut into batches of
//   the model's fixed batch size, or of options.batch where the model's batch is symbolic;
// - a folder of sample folders, each laid out as ONNX's test data sets are (input_0.pb, ... or
//   NAME.npy);
// - a folder of images (a model with one [N,C,H,W] input, C 1 or 3), preprocessed as
//   image_samples.h states and batched as a .npy file is;
// - a folder of .npy / .pb files, each one sample (a model with one input);
// - "random:N": N seeded random samples.
// Batches cut from a file or images are written into `work_dir`. Throws InputError naming DATA
// and what was expected when it is none of these, is empty, or does not fit the model's input.
CalibrationSet calibration_set(const std::string& data, const std::vector<InputSpec>& inputs,
                               const SampleOptions& options, const std::string& work_dir);

}  // namespace onnxbench::quant
