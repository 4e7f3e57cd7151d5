// Ctrl-C and SIGTERM: the runners' process groups are killed from the signal handler at once (a
// runner sits in its own group, so the terminal's SIGINT never reaches it), and the command then
// unwinds through an Interrupted exception so that work folders are removed and what was measured
// is written. A second signal, or one that arrives while no runner is alive, ends onnxbench at
// once with the same one-line message.
#pragma once

#include <sys/types.h>

#include <string>

#include "core/error.h"

namespace onnxbench {

class Interrupted : public Error {
 public:
  explicit Interrupted(int signal);
  int signal() const { return signal_; }
  int exit_code() const { return 128 + signal_; }  // 130 for SIGINT, 143 for SIGTERM

 private:
  int signal_;
};

// Installs the SIGINT and SIGTERM handlers; main calls it once.
void install_interrupt_handlers();
// The signal that interrupted us, or 0.
int interrupt_signal();
// Throws Interrupted when a signal came.
void throw_if_interrupted();

// A runner's process group, killed by the handler while it is watched.
void watch_process_group(pid_t group);
void unwatch_process_group(pid_t group);

}  // namespace onnxbench
