// onnxbench's engine commands with --device adb://… : Debian's adb client against the
// EmulatedAdbServer, whose device is a sandbox folder here (emulated: no phone is involved, and
// its timings are this host's). The runner is pushed into the sandbox and runs there.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "support/emulated_adb.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

using testing::run_cli;
namespace fs = std::filesystem;

class AdbDeviceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    model_ = dir_ + "/demo.onnx";
    ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + model_).exit_code, 0);
  }
  void TearDown() override { testing::remove_scratch_dir(); }

  testing::EmulatedAdbServer adb_;
  std::string dir_, model_;
};

TEST_F(AdbDeviceCli, RunOutputsAreBitIdenticalToALocalRun) {
  ASSERT_EQ(run_cli("run " + model_ + " --engine opencv -o " + dir_ + "/local").exit_code, 0);
  const auto remote =
      run_cli("run " + model_ + " --engine opencv --device " + adb_.url() + " -o " + dir_ + "/adb");
  ASSERT_EQ(remote.exit_code, 0) << remote.output;
  int compared = 0;
  for (const auto& f : fs::directory_iterator(dir_ + "/local")) {
    const fs::path twin = dir_ + "/adb/" + f.path().filename().string();
    ASSERT_TRUE(fs::exists(twin)) << twin;
    EXPECT_EQ(read_file(f.path().string()), read_file(twin.string())) << twin;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST_F(AdbDeviceCli, BenchRecordNamesTheEmulatedDeviceAndKeepsTheRunnerCached) {
  for (int round = 0; round < 2; ++round) {
    const auto r = run_cli("bench " + model_ + " --engine opencv -r 10 -w 1 --device " +
                           adb_.url() + " --json " + dir_ + "/bench.json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  const auto record = nlohmann::json::parse(read_file(dir_ + "/bench.json"));
  EXPECT_EQ(record["device"]["transport"], "adb");
  EXPECT_EQ(record["device"]["probe"]["os"], "Android 14");
  EXPECT_EQ(record["device"]["probe"]["cpu"], "Emulated EmulatedSoC");
  // One runner bundle and one model in the device's cache, kept between sessions; no session
  // folder left behind.
  const std::string root = adb_.sandbox() + "/data/local/tmp/onnxbench";
  int runners = 0, models = 0, sessions = 0;
  for (const auto& e : fs::directory_iterator(root + "/runners")) runners += e.is_directory();
  for (const auto& e : fs::directory_iterator(root + "/models")) models += e.is_regular_file();
  for (const auto& e : fs::directory_iterator(root))
    sessions += e.path().filename().string().rfind("onnxbench-session-", 0) == 0;
  EXPECT_EQ(runners, 1);
  EXPECT_EQ(models, 1);
  EXPECT_EQ(sessions, 0);
}

TEST_F(AdbDeviceCli, AnUnknownSerialIsOneLineNamingTheDevice) {
  const std::string url = "adb://no-such-serial@127.0.0.1:" + std::to_string(adb_.port());
  const auto r = run_cli("bench " + model_ + " --engine opencv -r 1 --device " + url);
  EXPECT_TRUE(testing::is_one_line_error(r, {"device '" + url + "'", "not found"})) << r.output;
}

}  // namespace
}  // namespace onnxbench
