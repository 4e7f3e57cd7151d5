// The emulated aarch64 board (tests/support/emulated_arm_board.sh): a real OpenSSH server whose
// sessions run in an aarch64 busybox under qemu, reached with --device like a board. onnxbench
// must find it aarch64, push the aarch64 bundle and get the x86-64 runner's outputs back.
// An emulation, not a board: no timing is read here, and none would mean anything.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/json_fields.h"
#include "core/npy.h"
#include "engines/bundle_manifest.h"
#include "engines/registry.h"
#include "graph/builder.h"
#include "support/emulated_arm.h"
#include "support/model_test_util.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

constexpr float kAbsoluteTolerance = 1e-5f, kRelativeTolerance = 1e-4f;  // as EmulatedArmRunner

class EmulatedArmBoard : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const std::string why = testing::emulated_arm_unavailable("opencv"); !why.empty())
      GTEST_SKIP() << why;
    ASSERT_TRUE(fs::exists(board_ + "/ssh_config"))
        << "the emulated_arm_board fixture is not running (ctest starts it: ctest -R EmulatedArm)";
    ::setenv("ONNXBENCH_SSH_CONFIG", (board_ + "/ssh_config").c_str(), 1);
    url_ = "ssh://onnxbench-test-sshd" + board_ + "/device";
    scratch_ = testing::scratch_dir();
    model_ = scratch_ + "/demo.onnx";
    model::save_model(model::demo_cnn(11, false), model_);
  }
  void TearDown() override { testing::remove_scratch_dir(); }

  const std::string board_ = ONNXBENCH_TEST_ARM_BOARD_DIR;
  std::string url_, scratch_, model_;
};

TEST_F(EmulatedArmBoard, ProbeReadsAnAarch64BoardWithItsCpuCoresAndGovernor) {
  const auto result = testing::run_cli("devices probe " + url_ + " --json " + scratch_ + "/p.json");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json probe = read_json_file(scratch_ + "/p.json").at("probe");
  EXPECT_EQ(probe.at("architecture"), "aarch64");
  EXPECT_EQ(probe.at("cpu"), "Raspberry Pi 4 Model B Rev 1.4 (4x Cortex-A72)");
  EXPECT_EQ(probe.at("cores"), 4);
  EXPECT_EQ(probe.at("governor"), "ondemand");
}

TEST_F(EmulatedArmBoard, RunThereGivesTheX86RunnersOutputsWithinFloatTolerance) {
  for (const std::string engine : {"opencv", "onnxruntime"}) {
    if (!testing::emulated_arm_unavailable(engine).empty()) continue;
    const std::string arm = scratch_ + "/arm-" + engine, x86 = scratch_ + "/x86-" + engine;
    const auto on_board =
        testing::run_cli("run " + model_ + " -e " + engine + " --device " + url_ + " -o " + arm);
    ASSERT_EQ(on_board.exit_code, 0) << on_board.output;
    const auto here = testing::run_cli("run " + model_ + " -e " + engine + " -o " + x86);
    ASSERT_EQ(here.exit_code, 0) << here.output;
    const Tensor a = read_npy(arm + "/logits.npy"), e = read_npy(x86 + "/logits.npy");
    ASSERT_EQ(a.shape, e.shape) << engine;
    for (std::int64_t i = 0; i < e.element_count(); ++i) {
      const float want = e.as<float>()[i];
      EXPECT_NEAR(a.as<float>()[i], want, kAbsoluteTolerance + kRelativeTolerance * std::fabs(want))
          << engine << " logit " << i;
    }
  }
}

TEST_F(EmulatedArmBoard, BenchRecordsTheBoardsCpuAndTheBundleAndPushesItOnce) {
  const BundleManifest manifest = read_bundle_manifest(testing::aarch64_bundle_folder("opencv"));
  for (int run = 0; run < 2; ++run) {
    const std::string record = scratch_ + "/bench" + std::to_string(run) + ".json";
    const auto result = testing::run_cli("bench " + model_ + " -e opencv --device " + url_ +
                                         " --warmup 1 --iterations 3 --json " + record);
    ASSERT_EQ(result.exit_code, 0) << result.output;
    const nlohmann::json r = read_json_file(record);
    EXPECT_EQ(r.at("engine").at("version"), manifest.engine_version);
    EXPECT_EQ(r.at("engine").at("runner_version"), manifest.runner_version);
    const nlohmann::json& device = r.at("device");
    EXPECT_EQ(device.at("probe").at("cpu"), "Raspberry Pi 4 Model B Rev 1.4 (4x Cortex-A72)");
    EXPECT_EQ(device.at("probe").at("cores"), 4);
    EXPECT_EQ(device.at("probe").at("governor"), "ondemand");
    EXPECT_EQ(device.at("bundle").at("architecture"), "aarch64");
    EXPECT_EQ(device.at("bundle").at("engine_version"), manifest.engine_version);
    EXPECT_EQ(device.at("bundle").at("glibc_min"), manifest.glibc_min);
  }
  // Kept on the board by its sha256: the second bench found it there.
  int copies = 0;
  for (const auto& entry : fs::directory_iterator(board_ + "/device/runners"))
    copies += entry.path().filename().string().rfind("opencv-", 0) == 0;
  EXPECT_EQ(copies, 1);
}

TEST_F(EmulatedArmBoard, ProfileRunsThere) {
  const std::string record = scratch_ + "/profile.json";
  const auto result = testing::run_cli("profile " + model_ + " -e opencv --device " + url_ +
                                       " --warmup 0 --iterations 2 --json " + record);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json r = read_json_file(record);
  EXPECT_EQ(r.at("device").at("probe").at("architecture"), "aarch64");
  EXPECT_GE(r.at("layers").size(), 9u);
}

TEST(EmulatedArmBundles, AnArchitectureWithoutABundleGetsOneLineNamingTheBundlesThatExist) {
  if (const std::string why = testing::emulated_arm_unavailable("opencv"); !why.empty())
    GTEST_SKIP() << why;
  const std::string message =
      testing::exception_message_of<Error>([] { runner_bundle("opencv", "armv7l"); });
  EXPECT_TRUE(testing::contains(message, "armv7l"));
  EXPECT_TRUE(testing::contains(message, "opencv/aarch64"));
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

}  // namespace
}  // namespace onnxbench
