// The record of `quantize --analyze` (kind "sensitivity") that `report` draws: per-layer output
// SQNR with only that layer quantized and with all but it, and the mixed-precision choice.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "quant/sensitivity.h"

namespace onnxbench {

struct SensitivitySubject {
  std::string model_path, model_sha256, engine, samples;  // samples: what the SQNR was measured on
  double target_sqnr_db = 0;
};

nlohmann::json sensitivity_json(const quant::SensitivityResult& result,
                                const SensitivitySubject& subject);

}  // namespace onnxbench
