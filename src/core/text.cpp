#include "core/text.h"

namespace onnxbench {

std::string join(const std::vector<std::string>& items, const std::string& separator,
                 const std::string& empty) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return items.empty() ? empty : out;
}

std::string join_quoted(const std::vector<std::string>& items, const std::string& empty) {
  std::vector<std::string> quoted;
  for (const auto& item : items) quoted.push_back("'" + item + "'");
  return join(quoted, ", ", empty);
}

}  // namespace onnxbench
