#include "passes/pass.h"

#include <algorithm>

#include "core/error.h"

namespace onnxbench::model {

void PassReport::add(const std::string& kind, int n) {
  const auto it = std::find_if(changes.begin(), changes.end(),
                               [&](const auto& change) { return change.first == kind; });
  if (it == changes.end())
    changes.emplace_back(kind, n);
  else
    it->second += n;
}

int PassReport::count(const std::string& kind) const {
  for (const auto& [k, n] : changes)
    if (k == kind) return n;
  return 0;
}

std::string PassReport::changes_text() const {
  std::string text;
  for (const auto& [kind, n] : changes)
    text += (text.empty() ? "" : ", ") + kind + ": " + std::to_string(n);
  return text;
}

int PassReport::total() const {
  int n = 0;
  for (const auto& change : changes) n += change.second;
  return n;
}

void Pass::refuse(const std::string& why) const { throw InputError(name_ + ": " + why); }

void Pass::nothing_to_do(const std::string& why) const { throw NothingToDo(name_ + ": " + why); }

}  // namespace onnxbench::model
