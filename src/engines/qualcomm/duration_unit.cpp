#include "engines/qualcomm/duration_unit.h"

#include <algorithm>
#include <cctype>

namespace onnxbench::qualcomm {

std::optional<double> microseconds_per(const std::string& unit) {
  std::string u = unit;
  std::transform(u.begin(), u.end(), u.begin(), [](unsigned char c) { return std::tolower(c); });
  if (u == "us" || u == "usec" || u == "µs") return 1.0;
  if (u == "ns" || u == "nsec") return 1e-3;
  if (u == "ms" || u == "msec") return 1e3;
  if (u == "s" || u == "sec") return 1e6;
  return std::nullopt;
}

}  // namespace onnxbench::qualcomm
