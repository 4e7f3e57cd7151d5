// Progress events of a loop on the calling thread (`profile`): sent at most every progress_ms, and
// only when the count of completed requests has advanced (runner-protocol.md).
#pragma once

#include <cstdint>

#include "common/fifo.h"
#include "common/protocol.h"

namespace onnxbench::runner {

class ProgressTicker {
 public:
  ProgressTicker(json id, const char* phase, std::int64_t progress_ms)
      : id_(std::move(id)), phase_(phase), period_(std::chrono::milliseconds(progress_ms)) {}

  void tick(std::int64_t done) {
    const Clock::time_point now = Clock::now();
    if (now - last_ < period_ || done == reported_) return;
    last_ = now;
    reported_ = done;
    send_event(id_, "progress",
               {{"phase", phase_},
                {"done", done},
                {"elapsed_ms", std::chrono::duration<double, std::milli>(now - start_).count()}});
  }

 private:
  json id_;
  const char* phase_;
  Clock::duration period_;
  Clock::time_point start_ = Clock::now(), last_ = start_;
  std::int64_t reported_ = 0;
};

}  // namespace onnxbench::runner
