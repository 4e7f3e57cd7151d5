#include "devices/probe_script.h"

#include <gtest/gtest.h>

namespace onnxbench {
namespace {

TEST(ProbeScript, ReadsALinuxBoard) {
  const DeviceProbe p = parse_probe(
      "kernel=Linux 6.1.0\narch=aarch64\ncpu= Cortex-A78\ncores=8\nmem_kb=7819204\n"
      "governor=schedutil\nthermal=cpu-thermal=48500\nthermal=cpu-thermal=51000\n"
      "thermal=gpu=37\n");
  EXPECT_EQ(p.os, "Linux 6.1.0");
  EXPECT_EQ(p.architecture, "aarch64");
  EXPECT_EQ(p.cpu, "Cortex-A78");
  EXPECT_EQ(p.cores, 8u);
  EXPECT_EQ(p.memory_bytes, 7819204ull * 1024);
  EXPECT_EQ(p.governor, "schedutil");
  ASSERT_EQ(p.thermal_c.size(), 3u);
  EXPECT_DOUBLE_EQ(p.thermal_c.at("cpu-thermal"), 48.5);
  EXPECT_DOUBLE_EQ(p.thermal_c.at("cpu-thermal#1"), 51.0);
  EXPECT_DOUBLE_EQ(p.thermal_c.at("gpu"), 37.0);
}

TEST(ProbeScript, AndroidNamesItsReleaseAndSoc) {
  const DeviceProbe p = parse_probe(
      "kernel=Linux 5.4.61\narch=aarch64\nandroid=14\nsoc=QTI SM8350\nplatform=lahaina\n"
      "cpu=\ncores=8\nmem_kb=\ngovernor=\n");
  EXPECT_EQ(p.os, "Android 14");
  EXPECT_EQ(p.cpu, "QTI SM8350");
  EXPECT_EQ(p.memory_bytes, 0u);
}

TEST(ProbeScript, AndroidWithoutSocModelFallsBackToThePlatform) {
  const DeviceProbe p = parse_probe("android=11\nsoc= \nplatform=lahaina\ncpu=\n");
  EXPECT_EQ(p.cpu, "lahaina");
}

TEST(ProbeScript, GarbageLeavesFieldsEmpty) {
  const DeviceProbe p = parse_probe("cores=many\nmem_kb=x\nthermal=zone=hot\nnoise\n");
  EXPECT_EQ(p.cores, 0u);
  EXPECT_EQ(p.memory_bytes, 0u);
  EXPECT_TRUE(p.thermal_c.empty());
}

}  // namespace
}  // namespace onnxbench
