// Small text helpers for messages.
#pragma once

#include <string>
#include <vector>

namespace onnxbench {

// "a, b, c"; `empty` when there are none.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ",
                 const std::string& empty = "");
// "'a', 'b'"; `empty` when there are none.
std::string join_quoted(const std::vector<std::string>& items, const std::string& empty = "none");

}  // namespace onnxbench
