// What goes wrong around the ONNX Runtime runner: a crash mid-bench takes only the runner down,
// a missing library is one line naming where it looked, and no run leaves files in $TMPDIR (the
// telemetry SDK inside onnxruntime-node's library writes mat-debug-<pid>.log and .ses there).
#include <signal.h>
#include <stdlib.h>

#include <filesystem>

#include "engines/engine.h"
#include "engines/registry.h"
#include "engines/subprocess.h"
#include "ort_runner.h"
#include "support/model_test_util.h"
#include "support/run_cli.h"

namespace onnxbench::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> entries_of(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename());
  return out;
}

// Each test gets its own $TMPDIR and memory folder (a tmpfs folder for ONNXBENCH_MEMORY_DIR),
// and checks that both are empty at the end.
class OrtRunnerFailures : public OrtRunnerTest {
 protected:
  void SetUp() override {
    OrtRunnerTest::SetUp();
    tmp_ = dir + "/tmp";
    fs::create_directories(tmp_);
    memory_ = "/dev/shm/onnxbench-test-ort-" + std::to_string(::getpid());
    fs::create_directories(memory_);
    ::setenv("TMPDIR", tmp_.c_str(), 1);
    ::setenv("ONNXBENCH_MEMORY_DIR", memory_.c_str(), 1);
  }
  void TearDown() override {
    EXPECT_EQ(entries_of(tmp_), std::vector<std::string>{}) << "left in $TMPDIR";
    EXPECT_EQ(entries_of(memory_), std::vector<std::string>{}) << "left in the memory folder";
    fs::remove_all(memory_);
    ::unsetenv("TMPDIR");
    ::unsetenv("ONNXBENCH_MEMORY_DIR");
    OrtRunnerTest::TearDown();
  }
  std::string tmp_, memory_;
};

TEST_F(OrtRunnerFailures, EveryOperationLeavesTmpdirEmpty) {
  Engine engine("onnxruntime", RunnerLimits{});
  EXPECT_TRUE(engine.work_dir().starts_with(memory_)) << engine.work_dir();  // tensors in memory
  const std::string cnn = model_file(model::demo_cnn(1, false), "cnn.onnx");
  engine.load(cnn, 1, {{"intra_op_threads", 1}});
  const InputFiles inputs = {
      {"input", npy_file(random_tensor(DType::kFloat32, {1, 3, 96, 96}, 1), "in.npy")}};
  engine.infer(inputs, engine.work_dir() + "/out");
  BenchRequest bench;
  bench.inputs = inputs;
  bench.run_iterations = 5;
  EXPECT_EQ(engine.bench(bench).measure_count, 5);
  EXPECT_FALSE(engine.profile(inputs, 1, 2).layers.empty());
}

TEST_F(OrtRunnerFailures, FilesStorageKeepsTheWorkFolderOnDisk) {
  const Engine engine("onnxruntime", runner_command("onnxruntime"), RunnerLimits{},
                      WorkFolder::Storage::kDisk);
  EXPECT_TRUE(engine.work_dir().starts_with(tmp_)) << engine.work_dir();
}

TEST_F(OrtRunnerFailures, RunnerKilledMidBenchIsARunnerErrorAndNothingStays) {
  RunnerClient client("onnxruntime", {{ort_runner_path()}, memory_, {}}, RunnerLimits{});
  client.request("load", {{"model", model_file(model::demo_cnn(1, false), "cnn.onnx")}});
  const json args = {
      {"inputs", {{"input", npy_file(Tensor(DType::kFloat32, {1, 3, 96, 96}), "in.npy")}}},
      {"run", {{"seconds", 60}}},
      {"progress_ms", 10}};
  const pid_t pid = client.pid();
  try {
    client.request("bench", args, [&](const json& e) {
      if (e["event"] == "progress" && e["phase"] == "measure") ::kill(pid, SIGSEGV);
    });
    ADD_FAILURE() << "the bench survived SIGSEGV";
  } catch (const RunnerError& e) {
    EXPECT_EQ(e.kind(), RunnerError::Kind::kCrashed);
    EXPECT_TRUE(contains(e.what(), "signal 11")) << e.what();
  }
  EXPECT_NE(::kill(pid, 0), 0) << "the runner still runs";
  // Its library folder stays in its working folder, which onnxbench removes with the engine.
  for (const auto& name : entries_of(memory_)) fs::remove_all(memory_ + "/" + name);
}

TEST_F(OrtRunnerFailures, CrashMidBenchEndsTheCommandWithOneLine) {
  ::setenv("ONNXBENCH_RUNNER_ONNXRUNTIME", (source_dir() + "/tests/runners/crash_after.sh").c_str(),
           1);
  ::setenv("ONNXBENCH_TEST_RUNNER", ort_runner_path().c_str(), 1);
  ::setenv("ONNXBENCH_TEST_CRASH_AFTER", "3", 1);
  const std::string cnn = model_file(model::demo_cnn(1, false), "cnn.onnx");
  const CliResult r = run_cli("bench " + cnn + " -e onnxruntime --duration 60");
  ::unsetenv("ONNXBENCH_RUNNER_ONNXRUNTIME");
  ::unsetenv("ONNXBENCH_TEST_RUNNER");
  ::unsetenv("ONNXBENCH_TEST_CRASH_AFTER");
  EXPECT_TRUE(is_one_line_error(r, {"onnxruntime", "signal 11"})) << r.output;
}

TEST_F(OrtRunnerFailures, MissingLibraryNamesThePathAndTheSetupStep) {
  const std::string alone = dir + "/bundle";
  fs::create_directories(alone);
  fs::copy_file(ort_runner_path(), alone + "/onnxbench-runner-onnxruntime");
  Subprocess runner({{alone + "/onnxbench-runner-onnxruntime"}, alone, {}});
  std::string line;
  EXPECT_EQ(runner.read_line(line, std::chrono::seconds(30), 0), Subprocess::ReadStatus::kClosed);
  runner.finish(std::chrono::seconds(30));
  EXPECT_EQ(runner.exit_code(), 1);
  ASSERT_EQ(runner.stderr_tail().size(), 1u);
  EXPECT_TRUE(
      contains(runner.stderr_tail().front(), "cannot find " + alone + "/libonnxruntime.so.1"));
  EXPECT_TRUE(contains(runner.stderr_tail().front(), "scripts/setup.sh"));
}

}  // namespace
}  // namespace onnxbench::testing
