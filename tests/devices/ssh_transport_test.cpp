// SshTransport against a real OpenSSH server on loopback (the test_sshd fixture).
#include <gtest/gtest.h>

#include <filesystem>

#include "core/file_io.h"
#include "devices/transport.h"
#include "support/test_paths.h"
#include "support/test_sshd.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::unique_ptr<Transport> ssh_device() {
  return open_transport("board", DeviceUrl::parse(testing::test_sshd_url()));
}

std::vector<std::string> control_folders(const std::string& tmp) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(tmp))
    if (e.path().filename().string().rfind("onnxbench-ssh-", 0) == 0)
      found.push_back(e.path().string());
  return found;
}

TEST(SshTransport, RunReturnsTheRemoteStatusAndBothStreams) {
  const auto t = ssh_device();
  const CommandResult r = t->run("printf 'one\\ntwo'; echo warning >&2; exit 42", seconds(30));
  EXPECT_EQ(r.exit_status, 42);
  EXPECT_EQ(r.out, "one\ntwo");
  EXPECT_EQ(r.err, "warning\n");
  EXPECT_EQ(t->run("true", seconds(30)).exit_status, 0);
}

TEST(SshTransport, ACommandPastItsTimeoutIsATransportErrorNamingTheDevice) {
  const auto t = ssh_device();
  try {
    t->run("sleep 60", milliseconds(1500));
    FAIL() << "no timeout";
  } catch (const TransportError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("device 'board' (ssh://onnxbench-test-sshd"), std::string::npos) << m;
    EXPECT_NE(m.find("did not end within"), std::string::npos) << m;
  }
}

TEST(SshTransport, PushPullAndWorkFoldersOnTheDevice) {
  const std::string here = testing::scratch_dir();
  std::string bytes(300000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 31 + 7);
  write_file(here + "/payload.bin", bytes);
  // The transport's control socket goes under TMPDIR: one of this test's own, short enough.
  char tmp_name[] = "/tmp/onnxbench-test-XXXXXX";
  ASSERT_TRUE(::mkdtemp(tmp_name));
  const std::string tmp = tmp_name;
  struct RestoreTmpdir {
    std::string folder;
    ~RestoreTmpdir() {
      ::unsetenv("TMPDIR");
      fs::remove_all(folder);
    }
  } restore{tmp};
  ::setenv("TMPDIR", tmp.c_str(), 1);
  {
    const auto t = ssh_device();
    const std::string folder = t->make_work_folder("ssh-test");
    EXPECT_EQ(t->run("test -d " + folder, seconds(30)).exit_status, 0) << folder;
    t->push(here + "/payload.bin", folder + "/payload.bin");
    t->pull(folder + "/payload.bin", here + "/back.bin");
    EXPECT_EQ(read_file(here + "/back.bin"), bytes);
    t->remove_work_folder(folder);
    EXPECT_NE(t->run("test -e " + folder, seconds(30)).exit_status, 0);
    EXPECT_EQ(control_folders(tmp).size(), 1u) << "one private control folder while connected";
  }
  EXPECT_TRUE(control_folders(tmp).empty()) << "the control folder goes with the transport";
  testing::remove_scratch_dir();
}

TEST(SshTransport, InteractiveCarriesLinesBothWays) {
  const auto t = ssh_device();
  Subprocess p(t->interactive("sed -u s/^/echo:/", "/"));
  for (const char* word : {"first", "second"}) {
    ASSERT_TRUE(p.write_line(word));
    std::string line;
    ASSERT_EQ(p.read_line(line, seconds(30), 0), Subprocess::ReadStatus::kLine);
    EXPECT_EQ(line, std::string("echo:") + word);
  }
}

TEST(SshTransport, ProbeReadsTheDevice) {
  const DeviceProbe p = ssh_device()->probe();
  EXPECT_NE(p.os.find("Linux"), std::string::npos) << p.os;
  EXPECT_FALSE(p.architecture.empty());
  EXPECT_GT(p.cores, 0u);
  EXPECT_GT(p.memory_bytes, 0u);
}

TEST(SshTransport, AServerThatIsGoneIsATransportErrorNotAHang) {
  testing::PrivateSshd sshd;
  sshd.kill_server();
  const auto t = open_transport("gone", DeviceUrl::parse(sshd.url()));
  try {
    t->run("true", seconds(30));
    FAIL() << "ran on a stopped server";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("device 'gone'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("cannot connect"), std::string::npos) << e.what();
  }
  testing::test_sshd_url();  // the shared server's config again, for the tests after this one
}

}  // namespace
}  // namespace onnxbench
