// The host of a vendor toolchain's runner for a device (snpe, qnn): the runner runs on this
// host, where the SDK's conversion tools are, and drives the SDK's device binaries on the device
// through a transport of its own (runners/qualcomm/device_place.h). Its files are this host's;
// the device's session says where it measured and whether the device is still there.
#pragma once

#include <memory>
#include <string>

#include "devices/device_session.h"

namespace onnxbench {

// `device` is the command's session on the device (records, reachability).
std::shared_ptr<RunnerHost> device_tool_host(std::shared_ptr<DeviceSession> device);

// The runner's own options that name the device: --device URL --device-name NAME.
inline constexpr const char* kRunnerDeviceOption = "--device";
inline constexpr const char* kRunnerDeviceNameOption = "--device-name";

}  // namespace onnxbench
