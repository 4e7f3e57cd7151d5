// What an Arm Linux board's CPU is. An aarch64 kernel's /proc/cpuinfo has no "model name": it
// lists each core's implementer and part numbers (MIDR fields), and the board is named by the
// device tree (/proc/device-tree/model) or, on Raspberry Pi kernels, cpuinfo's "Model" line.
#pragma once

#include <string>

namespace onnxbench {

// "Cortex-A72" for implementer "0x41" and part "0xd08"; "implementer 0x51 part 0x802" when the
// pair is not in the table.
std::string arm_core_name(const std::string& implementer, const std::string& part);

// The cores of /proc/cpuinfo, grouped: "4x Cortex-A72", "4x Cortex-A55 + 4x Cortex-A76" (in
// the order they first appear); "" when cpuinfo lists no Arm cores.
std::string arm_cores_summary(const std::string& cpuinfo);

// "Raspberry Pi 4 Model B Rev 1.4 (4x Cortex-A72)", from the board's model (may be empty) and
// its cpuinfo; "" when cpuinfo lists no Arm cores.
std::string arm_cpu_description(const std::string& board_model, const std::string& cpuinfo);

}  // namespace onnxbench
