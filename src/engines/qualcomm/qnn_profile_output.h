// qnn-profile-viewer --input_log qnn-profiling-data_0.log: the text report. Its "Execute Stats"
// blocks, one per execution ("Execute Stats (Execution 3):") where the report has them, else the
// "Execute Stats (Average):" block (one sample), list
//     NetRun: <t> us                                  the whole execution as qnn-net-run timed it
//     Backend (QNN accelerator (execute) time): <t> us
//     Backend (<node name>): <t> us                   per node at --profiling_level detailed
// Lines in cycles or counts are not times and are skipped.
#pragma once

#include <string>
#include <vector>

#include "engines/qualcomm/snpe_diagview_csv.h"

namespace onnxbench::qualcomm {

struct QnnProfile {
  std::vector<double> netrun_us;       // one per Execute Stats block
  std::vector<double> accelerator_us;  // "QNN accelerator (execute) time", where reported
  std::vector<DiagLayer> nodes;        // runtime left empty; in order of first appearance
};

// InputError naming the file when it holds no Execute Stats with a NetRun time.
QnnProfile parse_qnn_profile_viewer(const std::string& text, const std::string& file_name);

}  // namespace onnxbench::qualcomm
