// A progress line on stderr while a runner works, shown only on a terminal and only once the work
// has lasted a few seconds; cleared when done.
#pragma once

#include <chrono>
#include <string>

#include "engines/engine.h"

namespace onnxbench::cli {

class ProgressLine {
 public:
  // total_requests or total_seconds (whichever is above 0) gives the end to show progress against;
  // `unit` names what is counted ("requests", "samples").
  ProgressLine(long long total_requests, double total_seconds, std::string unit = "requests");
  ~ProgressLine();
  ProgressHandler handler();
  // Shows `done` units of `phase`, timed from the line's creation.
  void count(const std::string& phase, long long done);

 private:
  void show(const BenchProgress& p);

  bool enabled_;
  bool shown_ = false;
  long long total_requests_;
  double total_seconds_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace onnxbench::cli
