// The `bench` operation of every runner: warm-up and timed requests on every instance, each on its
// own thread, with progress events while it runs and the raw samples after (runner-protocol.md).
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "common/fifo.h"
#include "common/protocol.h"

namespace onnxbench::runner {

struct BenchSettings {
  std::int64_t warmup_iterations = 0;
  double warmup_ms = 0;
  std::int64_t run_iterations = 0;
  double run_seconds = 0;
  int set_size = 1;
  int progress_ms = 500;
};

// The request's warmup, run, set_size and progress_ms. Throws RunnerError (bad_request).
BenchSettings parse_bench_settings(const json& request);

// The `profile` request's counts (it runs on the calling thread; common/progress.h). Warm-up
// runs `warmup` requests and goes on until `warmup_ms` have passed, as a bench's does.
struct ProfileSettings {
  std::int64_t warmup = 3, iterations = 10, progress_ms = 500;
  double warmup_ms = 0;
  // Whether warm-up goes on after `done` requests, it having started at `start`.
  bool warming(std::int64_t done, Clock::time_point start) const {
    return done < warmup ||
           Clock::now() - start < std::chrono::duration<double, std::milli>(warmup_ms);
  }
};
ProfileSettings parse_profile_settings(const json& request);

// A stage of the samples event: its name and the column of Samples::Entry it reads.
struct Stage {
  const char* name;
  std::int64_t Samples::Entry::*column;
};

// The engine's side of a bench.
class BenchTarget {
 public:
  virtual ~BenchTarget() = default;
  virtual int instances() const = 0;
  // Runs one request on `instance`, called on that instance's thread between two clock reads;
  // returns when its inputs were set (`t0`, read just before, when the engine sets none).
  virtual Clock::time_point step(int instance, Clock::time_point t0) = 0;
  // An exception from step() during `phase` ("warm-up", "inference") as one line.
  virtual std::string failure(const char* phase, const std::exception& e) const {
    return std::string(phase) + ": " + e.what();
  }
};

// Sends progress and samples events for request `id`, then returns the final reply's results.
// Throws RunnerError.
json run_bench(const json& id, const BenchSettings& settings, BenchTarget& target,
               const std::vector<Stage>& stages);

}  // namespace onnxbench::runner
