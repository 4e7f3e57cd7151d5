// Shell-safe single quoting, only where needed: commands printed for a user to paste.
#pragma once

#include <string>

namespace onnxbench {

std::string shell_word(const std::string& s);

}  // namespace onnxbench
