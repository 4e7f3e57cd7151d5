// The qnn engine (Qualcomm AI Engine Direct): qnn-net-run runs the DLC on a backend library of the
// SDK (libQnnCpu.so, libQnnGpu.so, libQnnHtp.so), timed per execution and per node by
// qnn-profile-viewer.
#include "dlc_session.h"
#include "engines/qualcomm/qnn_profile_output.h"

namespace onnxbench::qualcomm_runner {
namespace {

json qnn_knobs() {
  return json::array({{{"name", "backend"},
                       {"type", "enum"},
                       {"default", "cpu"},
                       {"values", {"cpu", "gpu", "htp"}},
                       {"help", "QNN backend library (--backend libQnn<Backend>.so)"}},
                      {{"name", "perf_profile"},
                       {"type", "enum"},
                       {"default", "balanced"},
                       {"values",
                        {"balanced", "default", "high_performance", "sustained_high_performance",
                         "burst", "power_saver", "low_balanced", "low_power_saver",
                         "high_power_saver", "extreme_power_saver", "system_settings"}},
                       {"help", "--perf_profile of qnn-net-run (htp)"}},
                      {{"name", "quantize"},
                       {"type", "bool"},
                       {"default", false},
                       {"help", "qairt-quantizer the DLC, calibrated on the request's inputs"}},
                      {{"name", "act_bitwidth"},
                       {"type", "int"},
                       {"default", 8},
                       {"min", 8},
                       {"max", 16},
                       {"help", "qairt-quantizer --act_bitwidth (8 or 16)"}},
                      {{"name", "bias_bitwidth"},
                       {"type", "int"},
                       {"default", 8},
                       {"min", 8},
                       {"max", 32},
                       {"help", "qairt-quantizer --bias_bitwidth (8 or 32)"}},
                      {{"name", "act_quantizer"},
                       {"type", "enum"},
                       {"default", "tf"},
                       {"values", {"tf", "enhanced", "symmetric"}},
                       {"help", "qairt-quantizer --act_quantizer"}},
                      {{"name", "per_channel"},
                       {"type", "bool"},
                       {"default", false},
                       {"help", "qairt-quantizer --use_per_channel_quantization"}}});
}

qualcomm::SnpeDiag qnn_run(const qualcomm::Sdk& sdk, const json& options, const DlcRun& r) {
  const std::string backend = option_text(options, "backend", "cpu");
  const std::string library = backend == "htp" ? "Htp" : backend == "gpu" ? "Gpu" : "Cpu";
  std::vector<std::string> args{
      "--backend",         sdk.root + "/lib/x86_64-linux-clang/libQnn" + library + ".so",
      "--dlc_path",        r.dlc,
      "--input_list",      r.input_list,
      "--output_dir",      r.output_dir,
      "--profiling_level", r.profiling_level};
  if (backend == "htp")
    args.insert(args.end(), {"--perf_profile", option_text(options, "perf_profile", "balanced")});
  run_checked(sdk, "qnn-net-run", args);
  const std::string log = r.output_dir + "/qnn-profiling-data_0.log";
  const qualcomm::ToolRun report = run_checked(sdk, "qnn-profile-viewer", {"--input_log", log});
  const qualcomm::QnnProfile profile = qualcomm::parse_qnn_profile_viewer(report.output, log);
  return {profile.netrun_us, {}, profile.nodes};
}

}  // namespace

std::unique_ptr<Session> make_qnn_session(const qualcomm::Sdk& sdk) {
  return make_dlc_session(
      sdk, {"qnn", "qairt-converter", "qairt-quantizer", "qnn-net-run", "qnn-net-run", "QNN SDK v",
            "--desired_input_shape", qnn_knobs(), qnn_run});
}

}  // namespace onnxbench::qualcomm_runner
