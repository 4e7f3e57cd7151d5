#include "engines/qualcomm/dlc_inspect.h"

#include <chrono>

#include "engines/qualcomm/sdk.h"
#include "engines/qualcomm/tool_exec.h"

namespace onnxbench::qualcomm {

DlcInfo inspect_dlc(const std::string& dlc_path) {
  const Sdk sdk = find_sdk("snpe");
  const ToolRun run =
      run_tool({sdk.tool("snpe-dlc-info"), {"-i", dlc_path}, "", {}}, std::chrono::minutes(5));
  check_tool_run(run);
  return parse_snpe_dlc_info(run.output, run.command_line);
}

nlohmann::json dlc_info_to_json(const DlcInfo& info) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : info.layers) {
    nlohmann::json encodings = nlohmann::json::array();
    for (const auto& e : l.encodings)
      encodings.push_back({{"tensor", e.tensor},
                           {"bitwidth", e.bitwidth},
                           {"min", e.min},
                           {"max", e.max},
                           {"scale", e.scale},
                           {"offset", e.offset}});
    layers.push_back({{"id", l.id},
                      {"name", l.name},
                      {"type", l.type},
                      {"out_dims", l.out_dims},
                      {"runtimes", l.runtimes},
                      {"data_types", l.data_types},
                      {"encodings", encodings}});
  }
  return {{"parameters", {{"count", info.total_parameters}}},
          {"macs", {{"total", info.total_macs}}},
          {"layers", layers}};
}

}  // namespace onnxbench::qualcomm
