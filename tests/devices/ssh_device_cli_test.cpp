// onnxbench's engine commands with --device ssh://… against the fixture's real sshd: the runner
// is pushed to the device and runs there; its outputs are bit-identical to a local run's.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "support/run_cli.h"
#include "support/test_paths.h"
#include "support/test_sshd.h"

namespace onnxbench {
namespace {

using testing::run_cli;
namespace fs = std::filesystem;

class SshDeviceCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    url_ = testing::test_sshd_url();
    model_ = dir_ + "/demo.onnx";
    ASSERT_EQ(run_cli("zoo generate demo-cnn -o " + model_).exit_code, 0);
  }
  void TearDown() override { testing::remove_scratch_dir(); }

  std::string dir_, url_, model_;
};

TEST_F(SshDeviceCli, RunOutputsAreBitIdenticalToALocalRun) {
  const auto local = run_cli("run " + model_ + " --engine opencv -o " + dir_ + "/local");
  ASSERT_EQ(local.exit_code, 0) << local.output;
  const auto remote =
      run_cli("run " + model_ + " --engine opencv --device " + url_ + " -o " + dir_ + "/ssh");
  ASSERT_EQ(remote.exit_code, 0) << remote.output;
  int compared = 0;
  for (const auto& f : fs::directory_iterator(dir_ + "/local")) {
    const fs::path twin = dir_ + "/ssh/" + f.path().filename().string();
    ASSERT_TRUE(fs::exists(twin)) << twin;
    EXPECT_EQ(read_file(f.path().string()), read_file(twin.string())) << twin;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST_F(SshDeviceCli, BenchRecordNamesTheDeviceAndItsProbe) {
  const auto r = run_cli("bench " + model_ + " --engine opencv -r 20 -w 2 --device " + url_ +
                         " --json " + dir_ + "/bench.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir_ + "/bench.json"));
  EXPECT_EQ(record["measure"]["requests"], 20);
  const auto& device = record["device"];
  EXPECT_EQ(device["transport"], "ssh");
  EXPECT_EQ(device["url"], url_);
  EXPECT_FALSE(device["probe"]["architecture"].get<std::string>().empty());
  EXPECT_GT(device["probe"]["cores"].get<int>(), 0);
  EXPECT_TRUE(record.contains("host"));
}

TEST_F(SshDeviceCli, ALocalRecordNamesTheLocalDevice) {
  const auto r =
      run_cli("bench " + model_ + " --engine opencv -r 5 -w 1 --json " + dir_ + "/bench.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir_ + "/bench.json"));
  EXPECT_EQ(record["device"]["name"], "local");
  EXPECT_EQ(record["device"]["transport"], "local");
}

TEST_F(SshDeviceCli, ProfileRunsOnTheDevice) {
  const auto r = run_cli("profile " + model_ + " --engine opencv --device " + url_ + " --json " +
                         dir_ + "/profile.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto record = nlohmann::json::parse(read_file(dir_ + "/profile.json"));
  EXPECT_EQ(record["device"]["transport"], "ssh");
  EXPECT_FALSE(record["layers"].empty());
}

TEST_F(SshDeviceCli, ProbeCommandReadsTheDevice) {
  const auto r = run_cli("devices probe " + url_ + " --json " + dir_ + "/probe.json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("architecture"), std::string::npos) << r.output;
  const auto probe = nlohmann::json::parse(read_file(dir_ + "/probe.json"));
  EXPECT_EQ(probe["transport"], "ssh");
  EXPECT_GT(probe["probe"]["memory_bytes"].get<long long>(), 0);
}

TEST_F(SshDeviceCli, APasswordInTheUrlIsRefusedWithoutEchoingIt) {
  const auto r = run_cli("bench " + model_ + " --engine opencv --device ssh://me:s3cret@host");
  EXPECT_TRUE(testing::is_one_line_error(r, {"password", "ssh://me:***@host"})) << r.output;
  EXPECT_EQ(r.output.find("s3cret"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace onnxbench
