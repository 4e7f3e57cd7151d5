#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace onnxbench {
namespace {

std::string normalized(std::string_view s) {
  std::string out;
  for (const char c : s)
    if (c != '-' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

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

std::vector<std::string> close_matches(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit) {
  const std::string wanted = normalized(name);
  const std::size_t threshold = std::max<std::size_t>(2, wanted.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::string candidate = normalized(c);
    std::size_t score = edit_distance(wanted, candidate);
    // A fragment (resnet, vit-base) is close to every name that contains it.
    const bool contains = wanted.size() >= 3 && (candidate.find(wanted) != std::string::npos ||
                                                 wanted.find(candidate) != std::string::npos);
    if (contains) score = std::min<std::size_t>(score, threshold);
    if (score <= threshold) scored.emplace_back(score, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (const auto& [score, c] : scored) {
    if (out.size() == limit) break;
    out.push_back(c);
  }
  return out;
}

}  // namespace onnxbench
