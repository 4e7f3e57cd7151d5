// snpe-dlc-info -i MODEL.dlc: the layer table and the totals.
//   | Id | Name | Type | Inputs | Outputs | Out Dims | Runtimes | Parameters |
//   | 0  | conv1 | Conv2d | input (data type: uFxp_8; ...) | ... | 1x112x112x32 | A D G C | ... |
//   |    |       |        |                                |     |              |         |
//   encoding for conv1: bitwidth 8, min -1.2, max 3.4, scale 0.0180, offset -67 | Total parameters:
//   3505868 (13 MB assuming single precision float) Total MACs per inference: 300M (100%)
// Continuation rows (empty Id) belong to the layer above them. Encodings give seed 002's
// per-layer quantization info.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace onnxbench::qualcomm {

struct QuantEncoding {
  std::string tensor;  // "conv1" in "encoding for conv1: ..."; empty when unnamed
  int bitwidth = 0;
  double min = 0, max = 0, scale = 0;
  long long offset = 0;
};

struct DlcLayer {
  int id = 0;
  std::string name, type, out_dims, runtimes;
  std::vector<std::string> data_types;  // "Float_32", "uFxp_8", as the Inputs/Outputs name them
  std::vector<QuantEncoding> encodings;
};

struct DlcInfo {
  std::vector<DlcLayer> layers;
  std::uint64_t total_parameters = 0;
  std::uint64_t total_macs = 0;  // K, M, G suffixes expanded
};

// InputError naming `source` when there is no layer table or no totals.
DlcInfo parse_snpe_dlc_info(const std::string& text, const std::string& source);

}  // namespace onnxbench::qualcomm
