// AdbTransport through Debian's real adb client against the EmulatedAdbServer (a test double of
// the adb server whose device is a sandbox folder here: an emulated device, not a phone).
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "core/file_io.h"
#include "devices/transport.h"
#include "support/emulated_adb.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

class AdbTransportTest : public ::testing::Test {
 protected:
  std::unique_ptr<Transport> device() {
    return open_transport("phone", DeviceUrl::parse(server_.url()));
  }
  testing::EmulatedAdbServer server_;
};

TEST_F(AdbTransportTest, RunReturnsTheShellExitStatusAndBothStreams) {
  const auto t = device();
  const CommandResult r = t->run("printf 'a\\nb'; echo oops >&2; exit 3", seconds(30));
  EXPECT_EQ(r.exit_status, 3);
  EXPECT_EQ(r.out, "a\nb");
  EXPECT_EQ(r.err, "oops\n");
  EXPECT_EQ(t->run("true", seconds(30)).exit_status, 0);
}

TEST_F(AdbTransportTest, PushPullAndWorkFoldersInTheDeviceSandbox) {
  const std::string here = testing::scratch_dir();
  std::string bytes(200000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13 + 1);
  write_file(here + "/payload.bin", bytes);
  const auto t = device();
  const std::string folder = t->make_work_folder("adb-test");
  EXPECT_EQ(folder.rfind("/data/local/tmp/onnxbench/onnxbench-adb-test-", 0), 0u) << folder;
  EXPECT_TRUE(fs::is_directory(server_.sandbox() + folder)) << "the folder is in the sandbox";
  t->push(here + "/payload.bin", folder + "/payload.bin");
  EXPECT_EQ(read_file(server_.sandbox() + folder + "/payload.bin"), bytes);
  t->pull(folder + "/payload.bin", here + "/back.bin");
  EXPECT_EQ(read_file(here + "/back.bin"), bytes);
  t->remove_work_folder(folder);
  EXPECT_FALSE(fs::exists(server_.sandbox() + folder));
  testing::remove_scratch_dir();
}

TEST_F(AdbTransportTest, ProbeReadsGetpropOfTheEmulatedDevice) {
  const DeviceProbe p = device()->probe();
  EXPECT_EQ(p.os, "Android 14");
  EXPECT_EQ(p.cpu, "Emulated EmulatedSoC");
  EXPECT_FALSE(p.architecture.empty());
  EXPECT_GT(p.cores, 0u);
}

TEST_F(AdbTransportTest, InteractiveCarriesLinesBothWays) {
  const auto t = device();
  Subprocess p(t->interactive("sed -u s/^/echo:/", "/data/local/tmp"));
  ASSERT_TRUE(p.write_line("ping"));
  std::string line;
  ASSERT_EQ(p.read_line(line, seconds(30), 0), Subprocess::ReadStatus::kLine);
  EXPECT_EQ(line, "echo:ping");
}

TEST_F(AdbTransportTest, AnOfflineDeviceIsATransportErrorNamingIt) {
  const auto t = device();
  server_.go_offline();
  try {
    t->run("true", seconds(30));
    FAIL() << "ran on an offline device";
  } catch (const TransportError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("device 'phone' (adb://emulated-0@127.0.0.1:"), std::string::npos) << m;
    EXPECT_NE(m.find("offline"), std::string::npos) << m;
  }
}

TEST_F(AdbTransportTest, ADeviceGoingOfflineMidCommandIsNotASuccess) {
  const auto t = device();
  std::thread cut([&] {
    // Offline once the command runs on the device: its marker file appears in the sandbox.
    const fs::path started = server_.sandbox() + "/data/local/tmp/started";
    while (!fs::exists(started)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server_.go_offline();
  });
  try {
    t->run("touch /data/local/tmp/started; sleep 30; echo done", seconds(60));
    ADD_FAILURE() << "a cut stream counted as a finished command";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("ended before the command did"), std::string::npos)
        << e.what();
  }
  cut.join();
}

}  // namespace
}  // namespace onnxbench
