// The Qualcomm runner's rules for a device: which of the SDK's target folders serve it, and
// which Hexagon DSP version its SoC has (runners/qualcomm/device_sdk_layout.h).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "device_sdk_layout.h"
#include "support/test_paths.h"

namespace onnxbench::qualcomm_runner {
namespace {

namespace fs = std::filesystem;

TEST(QualcommDeviceLayout, HexagonVersionFromTheSocAsDevicesNameIt) {
  EXPECT_EQ(hexagon_arch("QTI SM8350"), "v68");  // ro.soc.model
  EXPECT_EQ(hexagon_arch("lahaina"), "v68");     // ro.board.platform
  EXPECT_EQ(hexagon_arch("qcom,qcm6490-idp qcom,qcm6490 qcom,qcs6490"), "v68");  // device tree
  EXPECT_EQ(hexagon_arch("Qualcomm SM8450"), "v69");
  EXPECT_EQ(hexagon_arch("SM8550P"), "v73");  // a part number with a suffix
  EXPECT_EQ(hexagon_arch("QCS8550"), "v73");
  EXPECT_EQ(hexagon_arch("pineapple"), "v75");
  EXPECT_EQ(hexagon_arch("Raspberry Pi 4 Model B (4x Cortex-A72)"), "");
  EXPECT_EQ(hexagon_arch("AMD EPYC kalamazoo"), "");  // a platform name is a whole word
  EXPECT_EQ(hexagon_arch(""), "");
}

class QualcommSdkTarget : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = testing::scratch_dir();
    for (const char* target :
         {"aarch64-android", "aarch64-ubuntu-gcc9.4", "aarch64-oe-linux-gcc8.2",
          "aarch64-oe-linux-gcc11.2", "x86_64-linux-clang"}) {
      fs::create_directories(fs::path(root_) / "bin" / target);
      fs::create_directories(fs::path(root_) / "lib" / target);
    }
  }
  void TearDown() override { testing::remove_scratch_dir(); }
  std::string target(const std::string& os, const std::string& arch, const std::string& distro) {
    return sdk_target(root_, {os, arch, distro, "", ""}, "device 'd'");
  }
  std::string root_;
};

TEST_F(QualcommSdkTarget, ChosenByTheDevicesOsArchitectureAndDistribution) {
  EXPECT_EQ(target("Android 14", "aarch64", ""), "aarch64-android");
  EXPECT_EQ(target("Linux 5.15.0", "aarch64", "ubuntu"), "aarch64-ubuntu-gcc9.4");
  EXPECT_EQ(target("Linux 5.15.0", "aarch64", "debian"), "aarch64-ubuntu-gcc9.4");
  // Yocto (an RVC4, an RB board's own image): the newest oe-linux toolchain, 11.2 over 8.2.
  EXPECT_EQ(target("Linux 5.15.0", "aarch64", "poky"), "aarch64-oe-linux-gcc11.2");
  EXPECT_EQ(target("Linux 6.1.0", "x86_64", "debian"), "x86_64-linux-clang");
}

TEST_F(QualcommSdkTarget, AFamilyMissingFallsBackToTheOther) {
  fs::remove_all(fs::path(root_) / "bin/aarch64-ubuntu-gcc9.4");
  EXPECT_EQ(target("Linux 5.15.0", "aarch64", "ubuntu"), "aarch64-oe-linux-gcc11.2");
}

TEST_F(QualcommSdkTarget, NoFolderForTheDeviceIsAnErrorNamingItAndWhatWasLookedFor) {
  fs::remove_all(fs::path(root_) / "lib/aarch64-android");
  try {
    target("Android 14", "aarch64", "");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("device 'd' (Android 14, aarch64)"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("bin/aarch64-android"), std::string::npos) << e.what();
  }
  EXPECT_THROW(target("Linux 6.1.0", "armv7l", ""), Error);
  EXPECT_THROW(target("Android 14", "x86_64", ""), Error);
}

}  // namespace
}  // namespace onnxbench::qualcomm_runner
