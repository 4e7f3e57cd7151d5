// A child process with pipes on stdin, stdout and stderr, in its own process group so that it
// and everything it started can be killed together. Reads wait with a deadline and watch the
// resident memory of the child's whole process group; stderr is drained all the while and its
// last lines kept.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace onnxbench {

struct ProcessSpec {
  std::vector<std::string> argv;
  std::string cwd;                                       // empty: inherit
  std::vector<std::pair<std::string, std::string>> env;  // added to the inherited environment
};

// The program could not be started (not found, not executable, bad folder): errno says why.
class StartError : public Error {
 public:
  StartError(const std::string& message, int error_number)
      : Error(message), error_number_(error_number) {}
  int error_number() const { return error_number_; }

 private:
  int error_number_;
};

class Subprocess {
 public:
  enum class ReadStatus { kLine, kClosed, kTimeout, kOverMemory };

  // Throws StartError naming argv[0] when the program cannot be started.
  explicit Subprocess(const ProcessSpec& spec);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // Returns false when the child no longer reads its stdin.
  bool write_line(const std::string& line);
  bool write_input(const std::string& data);
  void close_input();  // the child reads end-of-file
  // Waits for the next stdout line. kTimeout: nothing came for `timeout`. kOverMemory: the
  // resident memory of the child's process group passed memory_limit_bytes (0 = no limit).
  ReadStatus read_line(std::string& line, std::chrono::milliseconds timeout,
                       std::uint64_t memory_limit_bytes);
  // Reads stdout and stderr whole until the child closes both, then reaps it. kTimeout: they were
  // still open after `timeout` (the caller kills). Bytes are kept as they came, newlines too.
  ReadStatus read_to_end(std::string& out, std::string& err, std::chrono::milliseconds timeout);
  // SIGKILL to the whole process group, then reap. Safe to call twice.
  void kill();
  // Closes stdin and waits up to `grace` for a clean exit, then kills.
  void finish(std::chrono::milliseconds grace);
  // "exited with status 3", "killed by signal 11 (Segmentation fault)" or "running".
  std::string exit_description();
  // The exit status of a child that exited; -1 while it runs or when a signal ended it.
  int exit_code();
  const std::deque<std::string>& stderr_tail() const { return stderr_tail_; }
  // Summed over the child's process group: a runner that forks workers is counted whole.
  std::uint64_t resident_bytes() const;
  pid_t pid() const { return pid_; }

 private:
  void drain_stderr();
  bool reap(bool block);

  pid_t pid_ = -1;
  int stdin_fd_ = -1, stdout_fd_ = -1, stderr_fd_ = -1;
  bool reaped_ = false;
  int wait_status_ = 0;
  std::string stdout_buffer_, stderr_buffer_;
  std::deque<std::string> stderr_tail_;
};

// A command run to its end: exit status (-1 when a signal ended it), stdout and stderr whole.
struct CompletedProcess {
  int exit_status = -1;
  std::string out, err;
  bool timed_out = false;  // killed after the timeout: out and err hold what came before
};
// Runs `spec` with `input` on its stdin (then closed) and waits at most `timeout`.
CompletedProcess run_to_completion(const ProcessSpec& spec, std::chrono::milliseconds timeout,
                                   const std::string& input = "");

}  // namespace onnxbench
