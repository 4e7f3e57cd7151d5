// Small text helpers for messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace onnxbench {

// "a, b, c"; `empty` when there are none.
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ",
                 const std::string& empty = "");
// "'a', 'b'"; `empty` when there are none.
std::string join_quoted(const std::vector<std::string>& items, const std::string& empty = "none");

// Up to `limit` candidates closest to `name`, closest first; case, '-' and '_' are ignored, so
// resnet-18 finds resnet18. Empty when nothing is near.
std::vector<std::string> close_matches(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit = 5);

}  // namespace onnxbench
