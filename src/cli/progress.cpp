#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace onnxbench::cli {
namespace {

constexpr auto kShowAfter = std::chrono::seconds(2);

}  // namespace

ProgressLine::ProgressLine(long long total_requests, double total_seconds, std::string unit)
    : enabled_(::isatty(STDERR_FILENO)),
      total_requests_(total_requests),
      total_seconds_(total_seconds),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
}

ProgressHandler ProgressLine::handler() {
  return [this](const BenchProgress& p) { show(p); };
}

void ProgressLine::count(const std::string& phase, long long done) {
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start_;
  show({phase, done, elapsed.count()});
}

void ProgressLine::show(const BenchProgress& p) {
  if (!enabled_ || std::chrono::steady_clock::now() - start_ < kShowAfter) return;
  shown_ = true;
  const double s = p.elapsed_ms / 1000.0;
  const char* phase = p.phase.c_str();
  const char* unit = unit_.c_str();
  if (p.phase != "warmup" && total_requests_ > 0) {
    const double done = static_cast<double>(p.done), total = static_cast<double>(total_requests_);
    std::fprintf(stderr, "\r\033[K%s: %lld / %lld %s (%.0f%%), %.1f s", phase, p.done,
                 total_requests_, unit, 100.0 * done / total, s);
    // The rate so far gives the time left.
    if (p.done > 0 && p.done < total_requests_)
      std::fprintf(stderr, ", ETA %.0f s", s * (total - done) / done);
  } else if (p.phase == "measure") {
    std::fprintf(stderr, "\r\033[Kmeasure: %.1f / %.1f s, %lld %s", s, total_seconds_, p.done,
                 unit);
  } else {
    std::fprintf(stderr, "\r\033[K%s: %lld %s, %.1f s", phase, p.done, unit, s);
  }
  std::fflush(stderr);
}

}  // namespace onnxbench::cli
