#pragma once

#include <cstdint>
#include <string>

namespace onnxbench {

// The current time as ISO 8601 UTC with seconds: "2026-11-21T12:46:25Z".
std::string utc_now_iso8601();
// A time given in milliseconds since the Unix epoch, the same way.
std::string utc_iso8601_from_ms(std::int64_t ms);

}  // namespace onnxbench
