#pragma once

#include <string>

namespace onnxbench {

// The current time as ISO 8601 UTC with seconds: "2026-11-21T12:46:25Z".
std::string utc_now_iso8601();

}  // namespace onnxbench
