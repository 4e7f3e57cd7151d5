// The timed loop of one instance. An engine call is synchronous, so an instance completes one
// request at a time: `set_size` requests in flight form a FIFO queue in front of it. The first
// `set_size` requests are submitted at the phase start; each completion submits the next one.
// Latency = completion - submission of the oldest pending request, so it includes the queueing.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace onnxbench::runner {

using Clock = std::chrono::steady_clock;

// Raw samples of one phase of one instance, in nanoseconds. A request runs from t0 (taken just
// before the engine's step) to t2 (just after); the step itself says when its inputs were set
// (t1). queue = t0 - submission, input = t1 - t0, compute = t2 - t1, `end` = t2 after the phase
// start given to run_fifo. Stored in fixed-size blocks that are allocated before timing
// (reserve); when more are needed, a new block is allocated between two requests, which costs one
// allocation instead of copying everything collected so far.
class Samples {
 public:
  struct Entry {
    std::int64_t latency, queue, input, compute, end;
  };
  static constexpr std::size_t kBlock = std::size_t{1} << 14;

  void reserve(std::size_t n) {
    blocks_.reserve(n / kBlock + 1024);
    while (capacity() < n) add_block();
  }
  void push(const Entry& e) {
    if (size_ == capacity()) add_block();
    blocks_[size_ / kBlock][size_ % kBlock] = e;
    ++size_;
  }
  std::size_t size() const { return size_; }
  const Entry& operator[](std::size_t i) const { return blocks_[i / kBlock][i % kBlock]; }

 private:
  std::size_t capacity() const { return blocks_.size() * kBlock; }
  void add_block() { blocks_.push_back(std::make_unique_for_overwrite<Entry[]>(kBlock)); }

  std::vector<std::unique_ptr<Entry[]>> blocks_;
  std::size_t size_ = 0;
};

// Runs requests until `may_submit(time)` refuses one and the queue is empty; requests already in
// flight always complete. `step(t0)` runs one request and returns t1 (t0 when the engine sets no
// inputs per request). `on_done()` runs after each completion, outside the timed region. `queue`
// holds `set_size` submission times and is allocated by the caller. Returns the last completion
// (`start` when nothing ran).
template <typename Step, typename MaySubmit, typename OnDone>
Clock::time_point run_fifo(Step&& step, Clock::time_point start,
                           std::vector<Clock::time_point>& queue, Samples& samples,
                           MaySubmit&& may_submit, OnDone&& on_done) {
  const std::size_t set_size = queue.size();
  std::size_t head = 0, pending = 0;
  while (pending < set_size && may_submit(start)) queue[(head + pending++) % set_size] = start;
  Clock::time_point end = start;
  while (pending > 0) {
    const Clock::time_point t0 = Clock::now();
    const Clock::time_point t1 = step(t0);
    const Clock::time_point t2 = Clock::now();
    const Clock::time_point submitted = queue[head];
    head = (head + 1) % set_size;
    --pending;
    using std::chrono::nanoseconds;
    samples.push({std::chrono::duration_cast<nanoseconds>(t2 - submitted).count(),
                  std::chrono::duration_cast<nanoseconds>(t0 - submitted).count(),
                  std::chrono::duration_cast<nanoseconds>(t1 - t0).count(),
                  std::chrono::duration_cast<nanoseconds>(t2 - t1).count(),
                  std::chrono::duration_cast<nanoseconds>(t2 - start).count()});
    on_done();
    if (may_submit(t2)) queue[(head + pending++) % set_size] = t2;
    end = t2;
  }
  return end;
}

}  // namespace onnxbench::runner
