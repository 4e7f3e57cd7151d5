// A device as the place where a DLC runs (snpe, qnn on a phone over adb or a board over ssh):
// the runner stays on this host, where the SDK's conversion tools are, and drives the SDK's
// device binaries on the device through onnxbench's transport (devices/transport.h). The
// binaries and libraries for the device's OS and architecture, and the Hexagon DSP libraries of
// its SoC when a DSP runtime is asked for, are pushed once and kept there by sha256 like runner
// bundles; DLCs are kept by content; each run's inputs go into the session's folder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "net_run_place.h"

namespace onnxbench::qualcomm_runner {

// `tools`: the SDK's device binaries the engine runs, the first one required (snpe-net-run),
// the others pushed where the SDK has them. `url` and `name` are those of --device.
std::unique_ptr<NetRunPlace> device_place(const qualcomm::Sdk& sdk, std::vector<std::string> tools,
                                          const std::string& url, const std::string& name);

}  // namespace onnxbench::qualcomm_runner
