// CSV fields as RFC 4180 writes them, the one quoting rule every CSV writer uses.
#pragma once

#include <string>

namespace onnxbench {

// A field holding a comma, quote or line break is quoted, its quotes doubled.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace onnxbench
