// Ctrl-C and SIGTERM during a bench: the runner stops at once, its work folder goes, the partial
// record is written and says so, and onnxbench exits 130 or 143 with one line.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/file_io.h"
#include "support/run_cli.h"
#include "support/test_paths.h"

namespace onnxbench {
namespace {

namespace fs = std::filesystem;

// Processes whose working folder lies under `dir`: the runners, which run in their work folder.
int processes_working_in(const std::string& dir) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::error_code ec;
    const auto cwd = fs::read_symlink(entry.path() / "cwd", ec);
    if (!ec && cwd.string().rfind(dir, 0) == 0) ++n;
  }
  return n;
}

// CPU seconds used by the processes working under `dir`.
double cpu_of_processes_working_in(const std::string& dir) {
  double ticks = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::error_code ec;
    const auto cwd = fs::read_symlink(entry.path() / "cwd", ec);
    if (ec || cwd.string().rfind(dir, 0) != 0) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream rest(text.substr(text.rfind(')') + 2));
    std::string field;
    for (int i = 3; i <= 15 && rest >> field; ++i)
      if (i >= 14) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

int work_folders_in(const std::string& dir) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    n += entry.path().filename().string().rfind("onnxbench-", 0) == 0;
  return n;
}

struct Interruption {
  int exit_code = -1;
  std::string stderr_text;
};

class InterruptCli : public ::testing::TestWithParam<std::tuple<std::string, int>> {
 protected:
  void SetUp() override {
    dir_ = testing::scratch_dir();
    tmp_ = dir_ + "/tmp";
    fs::create_directories(tmp_);
    model_ = dir_ + "/m.onnx";
    ASSERT_EQ(testing::run_cli("zoo generate demo-cnn -o " + model_).exit_code, 0);
  }

  // Starts a 60 s bench with TMPDIR=tmp_ (and tmp_ its memory folder, where a local runner works),
  // sends `sig` `times` times back to back once the runner is measuring.
  Interruption interrupt_bench(const std::string& engine, int sig, int times = 1) {
    const std::string command = "TMPDIR=" + tmp_ + " ONNXBENCH_MEMORY_DIR=" + tmp_ + " exec " +
                                testing::build_dir() + "/onnxbench bench " + model_ + " --engine " +
                                engine + " --duration 60 --json " + dir_ + "/r.json >" + dir_ +
                                "/out.txt 2>" + dir_ + "/err.txt";
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Wait until the runner is measuring (the progress line goes to stderr only on a terminal):
    // loading and warming up the demo CNN takes well under 2 s of its CPU, on a busy machine too.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (cpu_of_processes_working_in(tmp_) < 2.0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::this_thread::sleep_for(std::chrono::seconds(1));  // a progress report or two
    const auto sent = std::chrono::steady_clock::now();
    for (int i = 0; i < times; ++i) ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const auto took = std::chrono::steady_clock::now() - sent;
    EXPECT_LT(took, std::chrono::seconds(3)) << "onnxbench took long to stop";
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(dir_ + "/err.txt")};
  }

  void expect_an_orderly_stop(const Interruption& r, int sig) {
    EXPECT_EQ(r.exit_code, 128 + sig) << r.stderr_text;
    EXPECT_EQ(r.stderr_text, std::string("onnxbench: interrupted by ") +
                                 (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                                 ": runner stopped, work folder removed\n");
    EXPECT_EQ(work_folders_in(tmp_), 0);
    EXPECT_EQ(processes_working_in(tmp_), 0) << "the runner outlived onnxbench";
    const auto record = nlohmann::json::parse(read_file(dir_ + "/r.json"));
    EXPECT_TRUE(record["interrupted"].get<bool>());
    EXPECT_GT(record["measure"]["requests"].get<long long>(), 0) << record.dump(1);
    EXPECT_NE(read_file(dir_ + "/out.txt").find("INTERRUPTED"), std::string::npos);
  }

  std::string dir_, tmp_, model_;
};

TEST_P(InterruptCli, StopsTheRunnerRemovesItsFolderAndWritesAPartialRecord) {
  const auto& [engine, sig] = GetParam();
  expect_an_orderly_stop(interrupt_bench(engine, sig), sig);
}

// timeout(1) sends its signal to the child and then to its own process group, so onnxbench gets
// it twice at once: that is one request, and the stop stays orderly.
TEST_F(InterruptCli, TheSameSignalTwiceAtOnceIsOneRequest) {
  expect_an_orderly_stop(interrupt_bench("onnxruntime", SIGTERM, 2), SIGTERM);
}

INSTANTIATE_TEST_SUITE_P(EnginesAndSignals, InterruptCli,
                         ::testing::Combine(::testing::Values("onnxruntime", "opencv"),
                                            ::testing::Values(SIGINT, SIGTERM)));

}  // namespace
}  // namespace onnxbench
