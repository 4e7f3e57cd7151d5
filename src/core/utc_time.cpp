#include "core/utc_time.h"

#include <ctime>

namespace onnxbench {
namespace {

std::string iso8601(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string utc_now_iso8601() { return iso8601(std::time(nullptr)); }

std::string utc_iso8601_from_ms(std::int64_t ms) {
  return iso8601(static_cast<std::time_t>(ms / 1000));
}

}  // namespace onnxbench
