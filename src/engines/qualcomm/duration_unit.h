// Time units as the Qualcomm tools print them ("US", "us", "NS", "MS", "cycles" is not a time).
#pragma once

#include <optional>
#include <string>

namespace onnxbench::qualcomm {

// Microseconds per one of `unit`; std::nullopt for an unknown unit.
std::optional<double> microseconds_per(const std::string& unit);

}  // namespace onnxbench::qualcomm
