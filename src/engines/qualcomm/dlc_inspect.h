// What snpe-dlc-info says about a DLC (layers, MACs, parameters, per-layer quantization
// encodings: seed 002's "quant info"), for `onnxbench inspect MODEL.dlc`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engines/qualcomm/snpe_dlc_info.h"

namespace onnxbench::qualcomm {

// Runs the SNPE SDK's snpe-dlc-info on the file (Error when no SDK is found, ToolError when the
// tool fails, InputError when its output is not the layer table).
DlcInfo inspect_dlc(const std::string& dlc_path);
nlohmann::json dlc_info_to_json(const DlcInfo& info);

}  // namespace onnxbench::qualcomm
