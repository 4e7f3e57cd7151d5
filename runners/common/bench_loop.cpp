#include "common/bench_loop.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

namespace onnxbench::runner {
namespace {

constexpr std::size_t kBatch = 4096;  // values per samples event
// Samples reserved up front per phase and instance (128 MiB); more grow a block at a time.
constexpr std::size_t kMaxReserve = std::size_t{1} << 22;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// State shared by the coordinator (the calling thread) and the instance threads.
struct Shared {
  std::atomic<std::int64_t> warmup_done{0}, measure_done{0};
  std::atomic<std::int64_t> remaining{0};  // requests left to submit, with run.iterations
  std::atomic<bool> abort{false};

  std::mutex mutex;  // guards the fields below and pairs with `changed`
  std::condition_variable changed;
  int warmed = 0, finished = 0;
  bool go = false;
  Clock::time_point measure_start, deadline;  // set with `go`
  std::string error;
};

struct Instance {
  int index = 0;
  Samples warmup, measure;
  Clock::time_point warmup_start, warmup_end, measure_start, measure_end;
};

void fail(Shared& shared, const std::string& message) {
  {
    std::lock_guard lock(shared.mutex);
    if (shared.error.empty()) shared.error = message;
  }
  shared.abort = true;
}

void run_instance(Instance& in, const BenchSettings& s, int instances, BenchTarget& target,
                  Shared& shared) {
  std::vector<Clock::time_point> queue(static_cast<std::size_t>(s.set_size));
  const auto step = [&](Clock::time_point t0) { return target.step(in.index, t0); };
  try {
    // Warm-up: this instance alone decides when it is done.
    in.warmup.reserve(static_cast<std::size_t>(
        std::min<std::int64_t>(s.warmup_iterations + s.set_size + 1024, kMaxReserve)));
    in.warmup_start = Clock::now();
    const Clock::time_point warm_until =
        in.warmup_start + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double, std::milli>(s.warmup_ms));
    std::int64_t submitted = 0;
    in.warmup_end = run_fifo(
        step, in.warmup_start, queue, in.warmup,
        [&](Clock::time_point t) {
          if (shared.abort || (submitted >= s.warmup_iterations && t >= warm_until)) return false;
          ++submitted;
          return true;
        },
        [&] { shared.warmup_done.fetch_add(1, std::memory_order_relaxed); });

    // Reserve for the measured phase from the warm-up rate, before anyone starts timing.
    std::size_t expected = 0;
    if (s.run_iterations > 0) {
      // Instances share the iterations; allow for one getting twice its share.
      expected = static_cast<std::size_t>(
          std::min(s.run_iterations, 2 * (s.run_iterations / instances + 1)));
    } else if (in.warmup.size() > 0 && in.warmup_end > in.warmup_start) {
      const double rate = static_cast<double>(in.warmup.size()) /
                          std::chrono::duration<double>(in.warmup_end - in.warmup_start).count();
      expected = static_cast<std::size_t>(std::min(4.0 * rate * s.run_seconds, 1e12));
    }
    in.measure.reserve(
        std::min(expected + static_cast<std::size_t>(s.set_size) + 4096, kMaxReserve));
  } catch (const std::exception& e) {
    fail(shared, target.failure("warm-up", e));
  }

  {
    std::unique_lock lock(shared.mutex);
    ++shared.warmed;
    shared.changed.notify_all();
    shared.changed.wait(lock, [&] { return shared.go; });
  }

  try {
    // The coordinator's common start is a few microseconds earlier: this instance's first
    // requests are submitted when it has woken up, so that their latency holds no wake-up time.
    const Clock::time_point start = Clock::now();
    in.measure_start = start;
    in.measure_end = start;
    if (!shared.abort) {
      if (s.run_iterations > 0) {
        in.measure_end = run_fifo(
            step, start, queue, in.measure,
            [&](Clock::time_point) {
              return !shared.abort && shared.remaining.fetch_sub(1, std::memory_order_relaxed) > 0;
            },
            [&] { shared.measure_done.fetch_add(1, std::memory_order_relaxed); });
      } else {
        const Clock::time_point deadline = shared.deadline;  // set before `go`
        in.measure_end = run_fifo(
            step, start, queue, in.measure,
            [&](Clock::time_point t) { return !shared.abort && t < deadline; },
            [&] { shared.measure_done.fetch_add(1, std::memory_order_relaxed); });
      }
    }
  } catch (const std::exception& e) {
    fail(shared, target.failure("inference", e));
  }
  {
    std::lock_guard lock(shared.mutex);
    ++shared.finished;
  }
  shared.changed.notify_all();
}

// Waits until `done_waiting()` while sending a progress event at most every progress_ms, and
// only when the count has advanced.
template <typename Done>
void report_progress(const json& id, const char* phase, Clock::time_point start,
                     const std::atomic<std::int64_t>& count, int progress_ms, Shared& shared,
                     Done&& done_waiting) {
  const auto period = std::chrono::milliseconds(progress_ms);
  std::int64_t reported = 0;
  Clock::time_point next = start + period;  // no event before this
  std::unique_lock lock(shared.mutex);
  while (!done_waiting()) {
    shared.changed.wait_until(lock, next, done_waiting);
    if (done_waiting()) break;
    const Clock::time_point now = Clock::now();
    if (now < next) continue;  // woken early
    const std::int64_t done = count.load(std::memory_order_relaxed);
    if (done == reported) {
      next = now + period;
      continue;
    }
    reported = done;
    next = now + period;
    lock.unlock();
    send_event(id, "progress",
               {{"phase", phase}, {"done", done}, {"elapsed_ms", ms_between(start, now)}});
    lock.lock();
  }
}

// `offset_ns`: from the phase's common start to this instance's own, so that end_us is after the
// common start.
void send_samples(const json& id, const char* phase, int instance, const Samples& s,
                  std::int64_t offset_ns, const std::vector<Stage>& stages) {
  for (std::size_t begin = 0; begin < s.size(); begin += kBatch) {
    const std::size_t end = std::min(begin + kBatch, s.size());
    json latency = json::array(), end_us = json::array(), stage_values = json::object();
    for (const Stage& stage : stages) stage_values[stage.name] = json::array();
    for (std::size_t i = begin; i < end; ++i) {
      latency.push_back(static_cast<double>(s[i].latency) / 1e3);
      end_us.push_back(static_cast<double>(s[i].end + offset_ns) / 1e3);
      for (const Stage& stage : stages)
        stage_values[stage.name].push_back(static_cast<double>(s[i].*stage.column) / 1e3);
    }
    send_event(id, "samples",
               {{"phase", phase},
                {"instance", instance},
                {"latency_us", std::move(latency)},
                {"end_us", std::move(end_us)},
                {"stages", std::move(stage_values)}});
  }
}

}  // namespace

BenchSettings parse_bench_settings(const json& request) {
  BenchSettings s;
  const json& warmup = get_object(request, "warmup");
  const json& run = get_object(request, "run");
  s.warmup_iterations = get_int(warmup, "iterations", 0, 0, INT64_C(1) << 40);
  s.warmup_ms = get_number(warmup, "ms", 0, 0, 1e9);
  s.run_iterations = get_int(run, "iterations", 0, 0, INT64_C(1) << 40);
  s.run_seconds = get_number(run, "seconds", 0, 0, 1e7);
  if (s.run_iterations == 0 && s.run_seconds <= 0)
    throw RunnerError("bad_request", "field 'run' needs iterations > 0 or seconds > 0");
  s.set_size = static_cast<int>(get_int(request, "set_size", 1, 1, 4096));
  s.progress_ms = static_cast<int>(get_int(request, "progress_ms", 500, 0, 86'400'000));
  s.progress_ms = std::max(s.progress_ms, 10);
  return s;
}

ProfileSettings parse_profile_settings(const json& request) {
  ProfileSettings s;
  s.warmup = get_int(request, "warmup", s.warmup, 0, 1'000'000);
  s.warmup_ms = get_number(request, "warmup_ms", 0, 0, 1e9);
  s.iterations = get_int(request, "iterations", s.iterations, 1, 1'000'000);
  s.progress_ms = std::max<std::int64_t>(get_int(request, "progress_ms", 500, 0, 86'400'000), 10);
  return s;
}

json run_bench(const json& id, const BenchSettings& s, BenchTarget& target,
               const std::vector<Stage>& stages) {
  const int n = target.instances();
  std::vector<Instance> instances(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) instances[static_cast<std::size_t>(i)].index = i;
  Shared shared;
  shared.remaining = s.run_iterations;
  std::vector<std::thread> threads;
  try {
    for (auto& in : instances)
      threads.emplace_back(run_instance, std::ref(in), std::cref(s), n, std::ref(target),
                           std::ref(shared));
  } catch (const std::system_error& e) {
    // Let the threads already started finish at once, then report.
    fail(shared, std::string("cannot start an instance thread: ") + e.what());
    {
      std::lock_guard lock(shared.mutex);
      shared.go = true;
    }
    shared.changed.notify_all();
    for (auto& t : threads) t.join();
    throw RunnerError("engine", shared.error);
  }

  const Clock::time_point warmup_start = Clock::now();
  report_progress(id, "warmup", warmup_start, shared.warmup_done, s.progress_ms, shared,
                  [&] { return shared.warmed == n; });
  {
    std::lock_guard lock(shared.mutex);
    shared.measure_start = Clock::now();
    shared.deadline = shared.measure_start + std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(s.run_seconds));
    shared.go = true;
  }
  shared.changed.notify_all();
  report_progress(id, "measure", shared.measure_start, shared.measure_done, s.progress_ms, shared,
                  [&] { return shared.finished == n; });
  for (auto& t : threads) t.join();

  if (!shared.error.empty()) throw RunnerError("engine", shared.error);

  std::int64_t warmup_count = 0, measure_count = 0;
  Clock::time_point first_warmup = Clock::time_point::max(), last_warmup = {};
  Clock::time_point last_measure = shared.measure_start;
  for (const auto& in : instances) {
    warmup_count += static_cast<std::int64_t>(in.warmup.size());
    measure_count += static_cast<std::int64_t>(in.measure.size());
    first_warmup = std::min(first_warmup, in.warmup_start);
    last_warmup = std::max(last_warmup, in.warmup_end);
    last_measure = std::max(last_measure, in.measure_end);
  }
  using std::chrono::nanoseconds;
  for (const auto& in : instances)  // each instance warms up on its own clock: no common start
    send_samples(id, "warmup", in.index, in.warmup, 0, stages);
  for (const auto& in : instances)
    send_samples(
        id, "measure", in.index, in.measure,
        std::chrono::duration_cast<nanoseconds>(in.measure_start - shared.measure_start).count(),
        stages);
  const double warmup_ms = warmup_count > 0 ? ms_between(first_warmup, last_warmup) : 0.0;
  return {
      {"warmup", {{"count", warmup_count}, {"wall_ms", warmup_ms}}},
      {"measure",
       {{"count", measure_count}, {"wall_ms", ms_between(shared.measure_start, last_measure)}}}};
}

}  // namespace onnxbench::runner
