#pragma once

#include <string_view>

namespace onnxbench {

extern const std::string_view kVersion;

}  // namespace onnxbench
