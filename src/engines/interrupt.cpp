#include "engines/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace onnxbench {
namespace {

constexpr int kMaxGroups = 64;
std::atomic<pid_t> watched[kMaxGroups];
volatile sig_atomic_t received = 0;

const char* signal_name(int sig) { return sig == SIGTERM ? "SIGTERM" : "SIGINT"; }

void write_stderr(const char* text) { (void)!::write(2, text, std::strlen(text)); }

// Async-signal-safe only: kill, write, _exit and lock-free atomics.
void on_signal(int sig) {
  const bool second = received != 0;
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
