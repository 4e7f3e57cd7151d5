// snpe-diagview --csv_format_version 2 --output FILE: the diagnostic log of one snpe-net-run as
// CSV. Columns are found by their header names, so extra or reordered columns still read:
// Message_Name (required), Message_Value (required), Message_Unit (US, NS or MS; µs without it),
// Layer_Name and Runtime (on per-layer rows). Rows named "Total Inference Time" and "Forward
// Propagate" (snpe_bench's keys) give one sample per execution; rows with a Layer_Name give one
// sample per execution of that layer.
#pragma once

#include <string>
#include <vector>

namespace onnxbench::qualcomm {

struct DiagLayer {
  std::string name, runtime;
  std::vector<double> samples_us;
};

struct SnpeDiag {
  std::vector<double> total_inference_us, forward_propagate_us;
  std::vector<DiagLayer> layers;  // in order of first appearance (execution order)
};

// InputError naming the file and line when the text is not such a CSV or holds no execution.
SnpeDiag parse_snpe_diagview_csv(const std::string& text, const std::string& file_name);

}  // namespace onnxbench::qualcomm
