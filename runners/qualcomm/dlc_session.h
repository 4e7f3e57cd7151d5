// A session for the toolchains that run a DLC: snpe (snpe-onnx-to-dlc, snpe-dlc-quant,
// snpe-net-run, snpe-diagview) and qnn (qairt-converter, qairt-quantizer, qnn-net-run,
// qnn-profile-viewer). They prepare, feed and read back a DLC the same way; they differ in the
// tools' names, their knobs and how a run is timed.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "engines/qualcomm/snpe_diagview_csv.h"
#include "net_run_place.h"
#include "session.h"

namespace onnxbench::qualcomm_runner {

struct DlcToolchain {
  std::string engine, converter, quantizer, net_run, version_tool, version_marker;
  std::string dim_flag;  // the converter's flag for an input's dimensions
  json knobs;
  // Runs the DLC on the input list at `place` (Result_N/<output>.raw in output_dir) and returns
  // the times of every execution, and of every layer at the detailed level, read here from the
  // profile it fetched. InputError for unreadable timings.
  std::function<qualcomm::SnpeDiag(NetRunPlace& place, const json& options, const DlcRun&)> run;
};

// The knobs both toolchains share: --perf_profile of `net_run`, and the quantizer's flags
// (quantize, per_channel, act_bitwidth, bias_bitwidth, act_quantizer; seed 002's).
json shared_dlc_knobs(const std::string& net_run, const std::string& quantizer);

// The DLC converted here, run at `place` (this host or a device).
std::unique_ptr<Session> make_dlc_session(const qualcomm::Sdk& sdk, DlcToolchain toolchain,
                                          std::unique_ptr<NetRunPlace> place);

}  // namespace onnxbench::qualcomm_runner
