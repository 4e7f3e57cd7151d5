#include "core/version.h"

namespace onnxbench {

const std::string_view kVersion = ONNXBENCH_VERSION;

}  // namespace onnxbench
