// Calibration methods: the range of a tensor to quantize, chosen from the histogram of the values
// it took on the calibration data.
#pragma once

#include <string>

#include "quant/histogram.h"
#include "quant/qparams.h"

namespace onnxbench::quant {

enum class CalibrationMethod {
  kMinMax,      // the exact minimum and maximum seen
  kPercentile,  // the tails beyond the p-th percentile clipped
  kEntropy,     // the clipping threshold whose quantized distribution diverges least (KL)
  kMse,         // the clipping threshold with the least expected squared quantization error
};

struct CalibrationOptions {
  CalibrationMethod method = CalibrationMethod::kMinMax;
  double percentile = 99.999;  // kPercentile: the share of values kept, in percent
  QuantType type{8, false};    // the activations' integer type
  bool symmetric = false;
};

// "minmax", "percentile", "entropy", "mse"; throws InputError for any other name.
CalibrationMethod calibration_method_from_name(const std::string& name);
std::string calibration_method_name(CalibrationMethod method);

// The range to quantize to. It always lies within [min, max] of what was seen, widened to hold 0
// (choose_params does that), and is [0, 0] for an empty histogram.
Range calibrate_range(const Histogram& histogram, const CalibrationOptions& options);

}  // namespace onnxbench::quant
