#include "engines/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "core/error.h"
#include "engines/interrupt.h"
#include "engines/process_usage.h"

namespace onnxbench {
namespace {

constexpr std::size_t kStderrLinesKept = 20;
constexpr auto kMemoryCheckEvery = std::chrono::milliseconds(100);

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

void make_pipe(int fds[2]) {
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw Error(std::string("cannot create a pipe: ") + strerror(errno));
}

// The child's environment: ours with spec.env set over it, built before fork because the child
// may only make async-signal-safe calls (setenv allocates).
std::vector<std::string> child_environment(const ProcessSpec& spec) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string key = entry.substr(0, entry.find('='));
    bool overridden = false;
    for (const auto& [k, v] : spec.env) overridden = overridden || k == key;
    if (!overridden) env.push_back(entry);
  }
  for (const auto& [k, v] : spec.env) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> pointers(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(const ProcessSpec& spec, char* const* argv, char* const* envp, int in,
                             int out, int err, int report) {
  ::setpgid(0, 0);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) {
    const int e = errno;
    (void)!::write(report, &e, sizeof e);
    ::_exit(127);
  }
  ::execvpe(argv[0], argv, envp);
  const int e = errno;
  (void)!::write(report, &e, sizeof e);
  ::_exit(127);
}

}  // namespace

Subprocess::Subprocess(const ProcessSpec& spec) {
  if (spec.argv.empty()) throw Error("cannot start a process: empty command");
  // A runner that dies while we write to it must not take onnxbench down with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  int in[2], out[2], err[2], report[2];
  make_pipe(in);
  make_pipe(out);
  make_pipe(err);
  make_pipe(report);
  const std::vector<char*> argv = pointers(spec.argv);
  const std::vector<std::string> env = child_environment(spec);
  const std::vector<char*> envp = pointers(env);
  pid_ = ::fork();
  if (pid_ < 0) throw Error(std::string("cannot start ") + spec.argv[0] + ": " + strerror(errno));
  if (pid_ == 0) exec_child(spec, argv.data(), envp.data(), in[0], out[1], err[1], report[1]);
  ::setpgid(pid_, pid_);  // also here, so that kill() works even before the child ran
  watch_process_group(pid_);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  ::close(report[1]);
  stdin_fd_ = in[1];
  stdout_fd_ = out[0];
  stderr_fd_ = err[0];
  int child_errno = 0;
  const ssize_t n = ::read(report[0], &child_errno, sizeof child_errno);  // EOF once exec worked
  ::close(report[0]);
  if (n == sizeof child_errno) {
    reap(true);
    close_fd(stdin_fd_);
    close_fd(stdout_fd_);
    close_fd(stderr_fd_);
    throw StartError("cannot start " + spec.argv[0] + ": " + strerror(child_errno) +
                         (spec.cwd.empty() ? "" : " (in folder " + spec.cwd + ")"),
                     child_errno);
  }
}

Subprocess::~Subprocess() {
  kill();
  close_fd(stdin_fd_);
  close_fd(stdout_fd_);
  close_fd(stderr_fd_);
}

bool Subprocess::write_line(const std::string& line) { return write_input(line + "\n"); }

bool Subprocess::write_input(const std::string& data) {
  if (stdin_fd_ < 0) return false;
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

Subprocess::ReadStatus Subprocess::read_line(std::string& line, std::chrono::milliseconds timeout,
                                             std::uint64_t memory_limit_bytes) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + timeout;
  char buf[65536];
  for (;;) {
    throw_if_interrupted();  // the handler has killed the runner already
    if (const auto nl = stdout_buffer_.find('\n'); nl != std::string::npos) {
      line = stdout_buffer_.substr(0, nl);
      stdout_buffer_.erase(0, nl + 1);
      return ReadStatus::kLine;
    }
    if (stdout_fd_ < 0) return ReadStatus::kClosed;
    if (memory_limit_bytes && resident_bytes() > memory_limit_bytes) return ReadStatus::kOverMemory;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0) return ReadStatus::kTimeout;
    pollfd fds[2] = {{stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    const int wait_ms = static_cast<int>(std::min(left, kMemoryCheckEvery).count());
    if (::poll(fds, stderr_fd_ >= 0 ? 2 : 1, wait_ms) < 0 && errno != EINTR)
      throw Error(std::string("poll failed: ") + strerror(errno));
    if (stderr_fd_ >= 0 && (fds[1].revents & (POLLIN | POLLHUP))) drain_stderr();
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
      if (n > 0) {
        stdout_buffer_.append(buf, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close_fd(stdout_fd_);
        while (stderr_fd_ >= 0) drain_stderr();  // the child is gone: keep what it said last
      }
    }
  }
}

Subprocess::ReadStatus Subprocess::read_to_end(std::string& out, std::string& err,
                                               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  out = std::exchange(stdout_buffer_, {});
  err = std::exchange(stderr_buffer_, {});
  int* fds[2] = {&stdout_fd_, &stderr_fd_};
  std::string* sinks[2] = {&out, &err};
  char buf[65536];
  while (stdout_fd_ >= 0 || stderr_fd_ >= 0) {
    throw_if_interrupted();
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ReadStatus::kTimeout;
    pollfd p[2] = {{stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    if (::poll(p, 2, static_cast<int>(std::min(left, kMemoryCheckEvery).count())) < 0 &&
        errno != EINTR)
      throw Error(std::string("poll failed: ") + strerror(errno));
    for (int i = 0; i < 2; ++i) {
      if (*fds[i] < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(*fds[i], buf, sizeof buf);
      if (n > 0)
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR)
        close_fd(*fds[i]);
    }
  }
  while (!reap(false)) {
    if (std::chrono::steady_clock::now() >= deadline) return ReadStatus::kTimeout;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return ReadStatus::kClosed;
}

CompletedProcess run_to_completion(const ProcessSpec& spec, std::chrono::milliseconds timeout,
                                   const std::string& input) {
  Subprocess process(spec);
  if (!input.empty()) process.write_input(input);
  process.close_input();
  CompletedProcess done;
  if (process.read_to_end(done.out, done.err, timeout) == Subprocess::ReadStatus::kTimeout) {
    process.kill();
    done.timed_out = true;
    return done;
  }
  done.exit_status = process.exit_code();
  return done;
}

void Subprocess::drain_stderr() {
  char buf[8192];
  const ssize_t n = ::read(stderr_fd_, buf, sizeof buf);
  if (n <= 0) {
    if (n == 0 || errno != EINTR) close_fd(stderr_fd_);
    if (!stderr_buffer_.empty()) stderr_tail_.push_back(std::exchange(stderr_buffer_, {}));
  } else {
    stderr_buffer_.append(buf, static_cast<std::size_t>(n));
    for (auto nl = stderr_buffer_.find('\n'); nl != std::string::npos;
         nl = stderr_buffer_.find('\n')) {
      stderr_tail_.push_back(stderr_buffer_.substr(0, nl));
      stderr_buffer_.erase(0, nl + 1);
    }
  }
  while (stderr_tail_.size() > kStderrLinesKept) stderr_tail_.pop_front();
}

bool Subprocess::reap(bool block) {
  if (reaped_ || pid_ <= 0) return true;
  int status = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) {
    reaped_ = true;
    wait_status_ = status;
    unwatch_process_group(pid_);
  }
  return reaped_;
}

void Subprocess::kill() {
  if (pid_ <= 0 || reaped_) return;
  ::kill(-pid_, SIGKILL);
  reap(true);
}

void Subprocess::close_input() { close_fd(stdin_fd_); }

void Subprocess::finish(std::chrono::milliseconds grace) {
  close_fd(stdin_fd_);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (!reap(false) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill();
  ::kill(-pid_, SIGKILL);  // anything the runner left behind in its group
  // Keep the child's last words: it may have died before we read a byte of its stderr (a runner
  // that fails at start-up is gone before our first request reaches it).
  const auto drain_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (stderr_fd_ >= 0 && std::chrono::steady_clock::now() < drain_until) {
    pollfd fd{stderr_fd_, POLLIN, 0};
    if (::poll(&fd, 1, 50) > 0) drain_stderr();
  }
}

std::string Subprocess::exit_description() {
  if (!reap(false)) return "running";
  if (WIFEXITED(wait_status_))
    return "exited with status " + std::to_string(WEXITSTATUS(wait_status_));
  if (WIFSIGNALED(wait_status_)) {
    const int sig = WTERMSIG(wait_status_);
    return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
  }
  return "stopped";
}

int Subprocess::exit_code() {
  return reap(false) && WIFEXITED(wait_status_) ? WEXITSTATUS(wait_status_) : -1;
}

std::uint64_t Subprocess::resident_bytes() const { return group_resident_bytes(pid_); }

}  // namespace onnxbench
