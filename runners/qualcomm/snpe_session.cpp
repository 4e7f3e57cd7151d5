// The snpe engine: snpe-net-run on the chosen runtime, timed per execution and per layer by
// snpe-diagview's CSV (as snpe_bench does).
#include "core/file_io.h"
#include "dlc_session.h"

namespace onnxbench::qualcomm_runner {
namespace {

json snpe_knobs() {
  json knobs = json::array({{{"name", "runtime"},
                             {"type", "enum"},
                             {"default", "cpu"},
                             {"values", {"cpu", "gpu", "gpu_fp16", "dsp"}},
                             {"help", "SNPE runtime (--use_<runtime>)"}},
                            {{"name", "userbuffer"},
                             {"type", "enum"},
                             {"default", "off"},
                             {"values", {"off", "float", "tf8"}},
                             {"help", "user-buffer mode (--userbuffer_<mode>)"}}});
  for (auto& knob : shared_dlc_knobs("snpe-net-run", "snpe-dlc-quant")) knobs.push_back(knob);
  return knobs;
}

qualcomm::SnpeDiag snpe_run(const qualcomm::Sdk& sdk, const json& options, const DlcRun& r) {
  std::vector<std::string> args{"--container",
                                r.dlc,
                                "--input_list",
                                r.input_list,
                                "--output_dir",
                                r.output_dir,
                                "--use_" + option_text(options, "runtime", "cpu"),
                                "--perf_profile",
                                option_text(options, "perf_profile", "balanced"),
                                "--profiling_level",
                                r.profiling_level};
  const std::string userbuffer = option_text(options, "userbuffer", "off");
  if (userbuffer != "off") args.push_back("--userbuffer_" + userbuffer);
  run_checked(sdk, "snpe-net-run", args);
  const std::string csv = r.output_dir + "/diag.csv";
  run_checked(sdk, "snpe-diagview",
              {"--input_log", r.output_dir + "/SNPEDiag.log", "--csv_format_version", "2",
               "--output", csv});
  return qualcomm::parse_snpe_diagview_csv(read_file(csv), csv);
}

}  // namespace

std::unique_ptr<Session> make_snpe_session(const qualcomm::Sdk& sdk) {
  return make_dlc_session(sdk, {"snpe", "snpe-onnx-to-dlc", "snpe-dlc-quant", "snpe-net-run",
                                "snpe-net-run", "SNPE v", "--input_dim", snpe_knobs(), snpe_run});
}

}  // namespace onnxbench::qualcomm_runner
