// The qnn engine (Qualcomm AI Engine Direct): qnn-net-run runs the DLC on a backend library of the
// SDK (libQnnCpu.so, libQnnGpu.so, libQnnHtp.so), timed per execution and per node by
// qnn-profile-viewer.
#include "device_place.h"
#include "dlc_session.h"
#include "engines/qualcomm/qnn_profile_output.h"

namespace onnxbench::qualcomm_runner {
namespace {

json qnn_knobs() {
  json knobs = json::array({{{"name", "backend"},
                             {"type", "enum"},
                             {"default", "cpu"},
                             {"values", {"cpu", "gpu", "htp"}},
                             {"help", "QNN backend library (--backend libQnn<Backend>.so)"}}});
  for (auto& knob : shared_dlc_knobs("qnn-net-run (htp)", "qairt-quantizer")) knobs.push_back(knob);
  return knobs;
}

qualcomm::SnpeDiag qnn_run(NetRunPlace& place, const json& options, const DlcRun& r) {
  const std::string backend = option_text(options, "backend", "cpu");
  const std::string library = backend == "htp" ? "Htp" : backend == "gpu" ? "Gpu" : "Cpu";
  if (backend == "htp") place.require_dsp(backend);
  std::vector<std::string> args{"--backend",         place.library("libQnn" + library + ".so"),
                                "--dlc_path",        r.dlc,
                                "--input_list",      r.input_list,
                                "--output_dir",      r.output_dir,
                                "--profiling_level", r.profiling_level};
  if (backend == "htp")
    args.insert(args.end(), {"--perf_profile", option_text(options, "perf_profile", "balanced")});
  place.run("qnn-net-run", args);
  place.fetch(r, {"qnn-profiling-data_0.log"});
  const std::string log = r.local_output_dir + "/qnn-profiling-data_0.log";
  const qualcomm::ToolRun report =
      run_checked(place.sdk(), "qnn-profile-viewer", {"--input_log", log});
  const qualcomm::QnnProfile profile = qualcomm::parse_qnn_profile_viewer(report.output, log);
  return {profile.netrun_us, {}, profile.nodes};
}

}  // namespace

std::unique_ptr<Session> make_qnn_session(const qualcomm::Sdk& sdk, const RunnerDevice& device) {
  auto place = device.url.empty() ? this_host_place(sdk)
                                  : device_place(sdk, {"qnn-net-run"}, device.url, device.name);
  return make_dlc_session(
      sdk,
      {"qnn", "qairt-converter", "qairt-quantizer", "qnn-net-run", "qnn-net-run", "QNN SDK v",
       "--desired_input_shape", qnn_knobs(), qnn_run},
      std::move(place));
}

}  // namespace onnxbench::qualcomm_runner
