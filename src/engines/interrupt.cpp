#include "engines/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <ctime>

namespace onnxbench {
namespace {

constexpr int kMaxGroups = 64;
std::atomic<pid_t> watched[kMaxGroups];
volatile sig_atomic_t received = 0;
std::atomic<long long> first_signal_ms{0};

// A second signal this soon after the first is the same request delivered twice (timeout(1)
// signals its child and then its own process group; a terminal signals the whole foreground
// group), not a user insisting: it must not cut the orderly stop short.
constexpr long long kSameRequestMs = 1000;

long long monotonic_ms() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

const char* signal_name(int sig) { return sig == SIGTERM ? "SIGTERM" : "SIGINT"; }

void write_stderr(const char* text) { (void)!::write(2, text, std::strlen(text)); }

// Async-signal-safe only: kill, write, clock_gettime, _exit and lock-free atomics.
void on_signal(int sig) {
  const long long now = monotonic_ms();
  if (received != 0 && now - first_signal_ms.load() < kSameRequestMs) return;
  const bool second = received != 0;
  if (!second) first_signal_ms.store(now);
  received = sig;
  bool any_runner = false;
  for (auto& slot : watched) {
    const pid_t group = slot.load();
    if (group > 0) {
      ::kill(-group, SIGKILL);
      any_runner = true;
    }
  }
  if (second || !any_runner) {
    write_stderr("onnxbench: interrupted by ");
    write_stderr(signal_name(sig));
    write_stderr("\n");
    ::_exit(128 + sig);
  }
}

}  // namespace

Interrupted::Interrupted(int signal)
    : Error(std::string("interrupted by ") + signal_name(signal) +
            ": runner stopped, work folder removed"),
      signal_(signal) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked poll returns at once
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return received; }

void throw_if_interrupted() {
  if (const int sig = received) throw Interrupted(sig);
}

void watch_process_group(pid_t group) {
  for (auto& slot : watched) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, group)) return;
  }
}

void unwatch_process_group(pid_t group) {
  for (auto& slot : watched) {
    pid_t expected = group;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

}  // namespace onnxbench
