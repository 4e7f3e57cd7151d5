// The calibration table: each tensor's calibrated range, saved as JSON so that a later quantize
// run (other bitwidths, other nodes in float) reuses it without running the calibration again.
//   {"format": "onnxbench-calibration-table", "version": 1, "method": "entropy",
//    "samples": 300, "model_sha256": "...",
//    "tensors": {"conv1_out": {"lo": -1.5, "hi": 6.0, "min": -2.1, "max": 9.3, "count": 1000}}}
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "quant/calibration.h"
#include "quant/histogram.h"
#include "quant/qparams.h"

namespace onnxbench::quant {

struct TensorRange {
  Range range;              // what quantization uses
  double min = 0, max = 0;  // what was seen
  std::int64_t count = 0;   // values seen
};

struct CalibrationTable {
  std::string method;  // calibration_method_name()
  std::int64_t samples = 0;
  std::string model_sha256;
  std::map<std::string, TensorRange> tensors;

  std::map<std::string, Range> ranges() const;
};

// Every histogram's range by `options`' method.
CalibrationTable calibration_table(const TensorHistograms& histograms,
                                   const CalibrationOptions& options);

void write_calibration_table(const std::string& path, const CalibrationTable& table);
// Throws InputError naming the file and the field that is not as described above.
CalibrationTable read_calibration_table(const std::string& path);
// The same, on the file's text (`name` starts every error).
CalibrationTable parse_calibration_table(const std::string& text, const std::string& name);

}  // namespace onnxbench::quant
