// The snpe engine: snpe-net-run on the chosen runtime, timed per execution and per layer by
// snpe-diagview's CSV (as snpe_bench does).
#include "core/file_io.h"
#include "device_place.h"
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

qualcomm::SnpeDiag snpe_run(NetRunPlace& place, const json& options, const DlcRun& r) {
  const std::string runtime = option_text(options, "runtime", "cpu");
  if (runtime == "dsp") place.require_dsp(runtime);
  std::vector<std::string> args{"--container",
                                r.dlc,
                                "--input_list",
                                r.input_list,
                                "--output_dir",
                                r.output_dir,
                                "--use_" + runtime,
                                "--perf_profile",
                                option_text(options, "perf_profile", "balanced"),
                                "--profiling_level",
                                r.profiling_level};
  const std::string userbuffer = option_text(options, "userbuffer", "off");
  if (userbuffer != "off") args.push_back("--userbuffer_" + userbuffer);
  place.run("snpe-net-run", args);
  place.fetch(r, {"SNPEDiag.log"});
  const std::string csv = r.local_output_dir + "/diag.csv";
  run_checked(place.sdk(), "snpe-diagview",
              {"--input_log", r.local_output_dir + "/SNPEDiag.log", "--csv_format_version", "2",
               "--output", csv});
  return qualcomm::parse_snpe_diagview_csv(read_file(csv), csv);
}

}  // namespace

std::unique_ptr<Session> make_snpe_session(const qualcomm::Sdk& sdk, const RunnerDevice& device) {
  auto place = device.url.empty() ? this_host_place(sdk)
                                  : device_place(sdk, {"snpe-net-run", "snpe-throughput-net-run"},
                                                 device.url, device.name);
  return make_dlc_session(sdk,
                          {"snpe", "snpe-onnx-to-dlc", "snpe-dlc-quant", "snpe-net-run",
                           "snpe-net-run", "SNPE v", "--input_dim", snpe_knobs(), snpe_run},
                          std::move(place));
}

}  // namespace onnxbench::qualcomm_runner
