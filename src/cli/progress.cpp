#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace onnxbench::cli {
namespace {

constexpr auto kShowAfter = std::chrono::seconds(2);

}  // namespace

ProgressLine::ProgressLine(long long total_requests, double total_seconds)
    : enabled_(::isatty(STDERR_FILENO)),
      total_requests_(total_requests),
      total_seconds_(total_seconds),
      start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
}

ProgressHandler ProgressLine::handler() {
  return [this](const BenchProgress& p) { show(p); };
}

void ProgressLine::show(const BenchProgress& p) {
  if (!enabled_ || std::chrono::steady_clock::now() - start_ < kShowAfter) return;
  shown_ = true;
  const double s = p.elapsed_ms / 1000.0;
  if (p.phase != "measure") {
    std::fprintf(stderr, "\r\033[K%s: %lld requests, %.1f s", p.phase.c_str(), p.done, s);
  } else if (total_requests_ > 0) {
    std::fprintf(stderr, "\r\033[Kmeasure: %lld / %lld requests (%.0f%%), %.1f s", p.done,
                 total_requests_,
                 100.0 * static_cast<double>(p.done) / static_cast<double>(total_requests_), s);
  } else {
    std::fprintf(stderr, "\r\033[Kmeasure: %.1f / %.1f s, %lld requests", s, total_seconds_,
                 p.done);
  }
  std::fflush(stderr);
}

}  // namespace onnxbench::cli
