// What a probe says of an Arm board's CPU, from the /proc/cpuinfo an aarch64 kernel writes.
#include "devices/arm_cpu.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/test_paths.h"

namespace onnxbench {
namespace {

std::string core(const std::string& implementer, const std::string& part) {
  return "processor\t: 0\nBogoMIPS\t: 48.00\nCPU implementer\t: " + implementer +
         "\nCPU architecture: 8\nCPU variant\t: 0x2\nCPU part\t: " + part + "\n\n";
}

TEST(ArmCpu, ARaspberryPi4IsFourCortexA72) {
  std::ifstream file(testing::source_dir() + "/tests/support/emulated_arm_board/cpuinfo");
  std::stringstream cpuinfo;
  cpuinfo << file.rdbuf();
  EXPECT_EQ(arm_cores_summary(cpuinfo.str()), "4x Cortex-A72");
  EXPECT_EQ(arm_cpu_description("Raspberry Pi 4 Model B Rev 1.4", cpuinfo.str()),
            "Raspberry Pi 4 Model B Rev 1.4 (4x Cortex-A72)");
}

TEST(ArmCpu, BigLittleClustersAreCountedInTheOrderTheyAppear) {
  std::string cpuinfo;
  for (int i = 0; i < 4; ++i) cpuinfo += core("0x41", "0xd05");
  for (int i = 0; i < 4; ++i) cpuinfo += core("0x41", "0xd0b");
  EXPECT_EQ(arm_cores_summary(cpuinfo), "4x Cortex-A55 + 4x Cortex-A76");
  EXPECT_EQ(arm_cpu_description("", cpuinfo), "4x Cortex-A55 + 4x Cortex-A76");
}

TEST(ArmCpu, AnUnknownCoreIsNamedByItsCodes) {
  EXPECT_EQ(arm_core_name("0x41", "0xD08"), "Cortex-A72");
  EXPECT_EQ(arm_core_name("0x48", "0xd01"), "implementer 0x48 part 0xd01");
  EXPECT_EQ(arm_cores_summary(core("0x48", "0xd01") + core("0x48", "0xd01")),
            "2x implementer 0x48 part 0xd01");
}

TEST(ArmCpu, AnX86CpuinfoHasNoArmCores) {
  const std::string x86 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n";
  EXPECT_EQ(arm_cores_summary(x86), "");
  EXPECT_EQ(arm_cpu_description("Some board", x86), "");
}

}  // namespace
}  // namespace onnxbench
