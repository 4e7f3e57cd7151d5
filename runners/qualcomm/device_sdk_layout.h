// Which of a Qualcomm SDK's folders serve a device: the device binaries and libraries for its OS
// and architecture (bin/<target>, lib/<target>), and the Hexagon DSP libraries of its SoC
// (lib/hexagon-v<NN>/unsigned), chosen as Qualcomm's own setup steps choose them.
#pragma once

#include <string>

namespace onnxbench::qualcomm_runner {

struct DeviceTraits {
  std::string os;            // the probe's: "Android 14", "Linux 6.1.0"
  std::string architecture;  // uname -m
  std::string distribution;  // /etc/os-release ID: ubuntu, debian, poky…; empty on Android
  std::string soc;           // the SoC as the probe names it (may be empty on a Linux board)
  std::string soc_text;      // whatever names the SoC: getprop, soc0/machine, device-tree
};

// The SDK's target folder name for the device: aarch64-android on an Android phone; on an
// aarch64 Linux board the newest aarch64-ubuntu-gcc* (Ubuntu, Debian) or aarch64-oe-linux-gcc*
// (Yocto: the others) under <root>/bin, falling back to the other family; x86_64-linux-clang on
// an x86-64 Linux machine. Error naming the device's OS and architecture and the folders looked
// for when the SDK has none (`device` names the device in the message).
std::string sdk_target(const std::string& sdk_root, const DeviceTraits& device,
                       const std::string& device_label);

// The Hexagon architecture ("v68") of the SoC named anywhere in `soc_text` (SM8350, lahaina,
// QCS6490, …), or "" when no Snapdragon SoC onnxbench knows is named.
std::string hexagon_arch(const std::string& soc_text);

}  // namespace onnxbench::qualcomm_runner
