// A device that goes away mid-bench: sshd killed, or the (emulated) adb device offline. The
// attempt fails with one line naming the device, no partial result is written, onnxbench does
// not hang and leaves nothing in /tmp.
#include <gtest/gtest.h>

#include <filesystem>

#include "engines/subprocess.h"
#include "support/emulated_adb.h"
#include "support/run_cli.h"
#include "support/test_paths.h"
#include "support/test_sshd.h"
#include "support/wait_for_process.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

std::vector<std::string> folders_in(const std::string& folder) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(folder)) found.push_back(e.path().string());
  return found;
}

class DeviceFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    model_ = dir_ + "/demo.onnx";
    ASSERT_EQ(testing::run_cli("zoo generate demo-cnn -o " + model_).exit_code, 0);
    // onnxbench's own TMPDIR (short: ssh's control socket lives there), empty after each test.
    char tmp[] = "/tmp/onnxbench-test-XXXXXX";
    ASSERT_TRUE(::mkdtemp(tmp));
    tmp_ = tmp;
  }
  void TearDown() override {
    EXPECT_TRUE(folders_in(tmp_).empty()) << "work or control folders left in TMPDIR";
    fs::remove_all(tmp_);
    testing::remove_scratch_dir();
  }

  // Starts a 600-second bench on `url`, calls `cut` once its runner runs, and returns what
  // onnxbench said when it ended.
  std::pair<int, std::string> bench_and_cut(const std::string& url, const std::string& runner_path,
                                            const std::function<void()>& cut) {
    Subprocess bench({{testing::build_dir() + "/onnxbench", "bench", model_, "--engine", "opencv",
                       "-t", "600", "--device", url, "--json", dir_ + "/record.json"},
                      "",
                      {{"TMPDIR", tmp_}}});
    EXPECT_TRUE(testing::wait_for_process(runner_path, "onnxbench-runner-opencv"))
        << "the runner never ran on the device";
    cut();
    std::string out, err;
    EXPECT_EQ(bench.read_to_end(out, err, seconds(120)), Subprocess::ReadStatus::kClosed)
        << "onnxbench hung after the device went away";
    return {bench.exit_code(), out + err};
  }

  std::string dir_, model_, tmp_;
};

TEST_F(DeviceFaults, SshdKilledMidBenchIsATransportErrorNamingTheDevice) {
  testing::PrivateSshd sshd;
  const auto [status, output] =
      bench_and_cut(sshd.url(), sshd.url().substr(std::string("ssh://onnxbench-test-sshd").size()),
                    [&] { sshd.kill_server(); });
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("onnxbench: error: device '" + sshd.url() + "'"), std::string::npos)
      << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  EXPECT_FALSE(fs::exists(dir_ + "/record.json")) << "a partial result was written";
  testing::test_sshd_url();
}

TEST_F(DeviceFaults, AdbDeviceOfflineMidBenchIsATransportErrorNamingTheDevice) {
  testing::EmulatedAdbServer adb;
  const auto [status, output] =
      bench_and_cut(adb.url(), "/data/local/tmp/onnxbench/runners/", [&] { adb.go_offline(); });
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("onnxbench: error: device '" + adb.url() + "'"), std::string::npos)
      << output;
  EXPECT_NE(output.find("offline"), std::string::npos) << output;
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  EXPECT_FALSE(fs::exists(dir_ + "/record.json")) << "a partial result was written";
}

}  // namespace
}  // namespace onnxbench
