#include <gtest/gtest.h>
#include <sys/utsname.h>

#include <filesystem>

#include "core/file_io.h"
#include "devices/transport.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

std::unique_ptr<Transport> local() { return open_transport("local", DeviceUrl::parse("local")); }

TEST(LocalTransport, RunReturnsStatusStdoutAndStderrWhole) {
  const auto t = local();
  const CommandResult r = t->run("printf 'a\\nb'; printf 'oops' >&2; exit 7", seconds(10));
  EXPECT_EQ(r.exit_status, 7);
  EXPECT_EQ(r.out, "a\nb");
  EXPECT_EQ(r.err, "oops");
}

TEST(LocalTransport, ACommandPastItsTimeoutIsKilledAndNamesTheDevice) {
  const auto t = local();
  try {
    t->run("sleep 30", milliseconds(300));
    FAIL() << "no timeout";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("device 'local'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("did not end"), std::string::npos) << e.what();
  }
}

TEST(LocalTransport, WorkFolderPushPullAndRemoval) {
  const auto t = local();
  const std::string folder = t->make_work_folder("transport-test");
  ASSERT_TRUE(fs::is_directory(folder)) << folder;
  const std::string source = folder + "/source.bin";
  std::string bytes(100000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  write_file(source, bytes);
  t->push(source, folder + "/pushed.bin");
  t->pull(folder + "/pushed.bin", folder + "/pulled.bin");
  EXPECT_EQ(read_file(folder + "/pulled.bin"), bytes);
  t->remove_work_folder(folder);
  EXPECT_FALSE(fs::exists(folder));
}

TEST(LocalTransport, PullingAMissingFileNamesIt) {
  const auto t = local();
  try {
    t->pull("/nonexistent/onnxbench-file", "/dev/null");
    FAIL() << "pulled nothing";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/onnxbench-file does not exist"),
              std::string::npos)
        << e.what();
  }
}

TEST(LocalTransport, InteractiveSpeaksThroughStdinAndStdout) {
  const auto t = local();
  Subprocess p(t->interactive("head -n 1", "/"));
  ASSERT_TRUE(p.write_line("hello"));
  std::string line;
  ASSERT_EQ(p.read_line(line, seconds(10), 0), Subprocess::ReadStatus::kLine);
  EXPECT_EQ(line, "hello");
}

TEST(LocalTransport, ProbeReadsThisHost) {
  const DeviceProbe p = local()->probe();
  EXPECT_NE(p.os.find("Linux"), std::string::npos) << p.os;
  utsname u{};
  ASSERT_EQ(uname(&u), 0);
  EXPECT_EQ(p.architecture, u.machine);
  EXPECT_GT(p.cores, 0u);
  EXPECT_GT(p.memory_bytes, 0u);
}

}  // namespace
}  // namespace onnxbench
