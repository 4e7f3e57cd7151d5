// A runner that crashes, hangs, writes garbage or eats memory becomes a typed RunnerError with
// its last stderr lines; onnxbench itself carries on.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "engines/engine.h"
#include "engines/process_usage.h"
#include "engines/subprocess.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

ProcessSpec fake(const std::string& script) {
  return {{testing::source_dir() + "/tests/engines/fake_runners/" + script}, "", {}};
}

RunnerLimits short_limits() {
  RunnerLimits l;
  l.inactivity = std::chrono::milliseconds(1500);
  return l;
}

// Runs one `infer` request on the fake runner and returns the error it must end in.
RunnerError failure_of(const std::string& script, RunnerLimits limits = short_limits()) {
  Engine engine("fake", fake(script), limits);
  EXPECT_EQ(engine.info().engine, "fake");
  try {
    engine.infer({{"x", "/nonexistent.npy"}}, testing::scratch_dir());
  } catch (const RunnerError& e) {
    return e;
  }
  ADD_FAILURE() << script << " did not fail";
  return RunnerError(RunnerError::Kind::kProtocol, "none", {});
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Each test runs with its own TMPDIR and memory folder (ONNXBENCH_MEMORY_DIR, where a local
// engine's work folder goes) and must leave no onnxbench-* work folder in either, whatever became
// of the runner.
class RunnerFailures : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = std::getenv("TMPDIR");
    old_tmpdir_ = old ? old : "";
    tmp_ = testing::scratch_dir() + "-tmp";  // beside the scratch folder, which tests renew
    std::filesystem::remove_all(tmp_);
    std::filesystem::create_directories(tmp_);
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    memory_ = "/dev/shm/onnxbench-test-failures-" + std::to_string(::getpid());
    std::filesystem::create_directories(memory_);
    ::setenv("ONNXBENCH_MEMORY_DIR", memory_.c_str(), 1);
  }
  void TearDown() override {
    for (const auto& dir : {tmp_, memory_})
      for (const auto& entry : std::filesystem::directory_iterator(dir))
        ADD_FAILURE() << "left behind: " << entry.path();
    std::filesystem::remove_all(memory_);
    ::unsetenv("ONNXBENCH_MEMORY_DIR");
    if (old_tmpdir_.empty())
      ::unsetenv("TMPDIR");
    else
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
  }
  std::string tmp_, old_tmpdir_, memory_;
};

TEST_F(RunnerFailures, CrashIsReportedWithSignalAndStderr) {
  const RunnerError e = failure_of("crash.sh");
  EXPECT_EQ(e.kind(), RunnerError::Kind::kCrashed);
  EXPECT_TRUE(contains(e.what(), "runner 'fake' died during 'infer'")) << e.what();
  EXPECT_TRUE(contains(e.what(), "signal 11")) << e.what();
  ASSERT_FALSE(e.stderr_tail().empty());
  EXPECT_TRUE(contains(e.stderr_tail().back(), "about to crash")) << e.what();
}

TEST_F(RunnerFailures, HangIsKilledAfterTheInactivityDeadline) {
  const RunnerError e = failure_of("hang.sh");
  EXPECT_EQ(e.kind(), RunnerError::Kind::kHung);
  EXPECT_TRUE(contains(e.what(), "hung")) << e.what();
  EXPECT_TRUE(contains(e.what(), "--runner-timeout")) << e.what();
  EXPECT_TRUE(contains(e.what(), "fake engine: stuck")) << e.what();
}

TEST_F(RunnerFailures, GarbageOnStdoutIsAProtocolError) {
  const RunnerError e = failure_of("garbage.sh");
  EXPECT_EQ(e.kind(), RunnerError::Kind::kProtocol);
  EXPECT_TRUE(contains(e.what(), "not a protocol message")) << e.what();
  EXPECT_TRUE(contains(e.what(), "careless library")) << e.what();
}

TEST_F(RunnerFailures, ReplyWithoutBooleanOkIsAProtocolError) {
  const RunnerError e = failure_of("wrong_reply.sh");
  EXPECT_EQ(e.kind(), RunnerError::Kind::kProtocol);
  EXPECT_TRUE(contains(e.what(), "boolean 'ok'")) << e.what();
}

// A runner (`script`) that grows past a 200 MiB limit ends as out of memory.
void expect_killed_for_memory(const std::string& script) {
  RunnerLimits limits;
  limits.inactivity = std::chrono::seconds(60);
  limits.memory_bytes = 200ull << 20;
  const RunnerError e = failure_of(script, limits);
  EXPECT_EQ(e.kind(), RunnerError::Kind::kOutOfMemory);
  EXPECT_TRUE(contains(e.what(), "memory limit of 200 MiB")) << e.what();
}

TEST_F(RunnerFailures, MemoryLimitKillsTheRunner) { expect_killed_for_memory("memory_hog.sh"); }

TEST_F(RunnerFailures, MemoryLimitCountsTheRunnersWholeProcessGroup) {
  expect_killed_for_memory("memory_hog_child.sh");
}

TEST(Subprocess, ChildGetsTheSpecEnvironmentOverOurs) {
  ::setenv("ONNXBENCH_TEST_INHERITED", "ours", 1);
  ::setenv("ONNXBENCH_TEST_OVERRIDDEN", "ours", 1);
  Subprocess child({{"sh", "-c",
                     "echo \"$ONNXBENCH_TEST_INHERITED $ONNXBENCH_TEST_OVERRIDDEN "
                     "$ONNXBENCH_TEST_ADDED\"; env | grep -c '^ONNXBENCH_TEST_OVERRIDDEN='"},
                    "",
                    {{"ONNXBENCH_TEST_OVERRIDDEN", "spec"}, {"ONNXBENCH_TEST_ADDED", "new"}}});
  std::string values, count;
  ASSERT_EQ(child.read_line(values, std::chrono::seconds(10), 0), Subprocess::ReadStatus::kLine);
  ASSERT_EQ(child.read_line(count, std::chrono::seconds(10), 0), Subprocess::ReadStatus::kLine);
  EXPECT_EQ(values, "ours spec new");
  EXPECT_EQ(count, "1");  // overridden, not listed twice
  ::unsetenv("ONNXBENCH_TEST_INHERITED");
  ::unsetenv("ONNXBENCH_TEST_OVERRIDDEN");
}

TEST(Subprocess, ResidentMemoryIsSummedOverTheProcessGroup) {
  // The shell waits on a child holding 300 MiB; the child's memory is the group's.
  Subprocess child({{"sh", "-c",
                     "/usr/bin/python3 -c \"import time; b = b'x' * (300 << 20); print('held', "
                     "flush=True); time.sleep(100)\" & wait"},
                    "",
                    {}});
  std::string line;
  ASSERT_EQ(child.read_line(line, std::chrono::seconds(30), 0), Subprocess::ReadStatus::kLine);
  EXPECT_EQ(line, "held");
  EXPECT_GT(child.resident_bytes(), 300ull << 20);
  EXPECT_LT(process_usage(child.pid()).peak_rss_bytes, 100ull << 20);  // the shell alone
  child.kill();  // the whole group: the grandchild goes too, within moments
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (group_resident_bytes(child.pid()) > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(group_resident_bytes(child.pid()), 0u);
}

TEST_F(RunnerFailures, RunnerThatExitsBeforeHelloSaysHowItEnded) {
  try {
    Engine engine("fake", fake("silent_exit.sh"), short_limits());
    FAIL() << "expected a RunnerError";
  } catch (const RunnerError& e) {
    EXPECT_EQ(e.kind(), RunnerError::Kind::kCrashed);
    EXPECT_TRUE(contains(e.what(), "exited with status 3")) << e.what();
    EXPECT_TRUE(contains(e.what(), "cannot find my library")) << e.what();
  }
}

TEST_F(RunnerFailures, MissingProgramIsAClearError) {
  try {
    Engine engine("fake", {{"/nonexistent/runner"}, "", {}}, short_limits());
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_TRUE(contains(e.what(), "cannot start /nonexistent/runner")) << e.what();
  }
}

TEST_F(RunnerFailures, OnnxbenchSurvivesManyFailuresInARow) {
  // No leaked processes or descriptors stop the next runner from working.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(failure_of("crash.sh").kind(), RunnerError::Kind::kCrashed);
}

}  // namespace
}  // namespace onnxbench
