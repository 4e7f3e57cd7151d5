// A bounded queue that hands items out in index order, whichever thread finished its item first:
// producers push items 0 .. count-1 in any order, the consumer pops them in order. A producer
// waits while its item is `capacity` or more ahead of the consumer, so memory stays bounded and
// the producer of the next item the consumer needs never waits. stop() releases everyone (an
// error elsewhere): push returns false and pop returns nothing.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>

namespace onnxbench::eval {

template <typename T>
class OrderedQueue {
 public:
  OrderedQueue(std::size_t count, std::size_t capacity) : count_(count), capacity_(capacity) {}

  bool push(std::size_t index, T item) {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return index < next_ + capacity_ || stopped_; });
    if (stopped_) return false;
    items_.emplace(index, std::move(item));
    cv_.notify_all();
    return true;
  }

  // The next item in order; nothing once all `count` items were popped or after stop().
  std::optional<T> pop() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return next_ == count_ || stopped_ || items_.count(next_); });
    if (next_ == count_ || stopped_) return std::nullopt;
    auto node = items_.extract(next_++);
    cv_.notify_all();
    return std::move(node.mapped());
  }

  void stop() {
    std::lock_guard lock(m_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  const std::size_t count_, capacity_;
  std::size_t next_ = 0;
  bool stopped_ = false;
  std::map<std::size_t, T> items_;
  std::mutex m_;
  std::condition_variable cv_;
};

}  // namespace onnxbench::eval
