#include "common/mapped_inputs.h"

#include <sys/stat.h>

#include <algorithm>
#include <new>

#include "core/error.h"
#include "core/text.h"

namespace onnxbench::runner {

std::shared_ptr<MappedNpy> InputMaps::map_file(const std::string& path) {
  if (kept_.size() >= kKept && !kept_.count(path)) {
    const auto oldest = std::min_element(kept_.begin(), kept_.end(), [](auto& a, auto& b) {
      return a.second.last_used < b.second.last_used;
    });
    if (oldest->second.last_used < requests_) kept_.erase(oldest);
  }
  Kept& kept = kept_[path];
  kept.last_used = requests_;
  struct stat st {};
  if (kept.file && ::stat(path.c_str(), &st) == 0 && kept.file->maps(st) && kept.file->refresh())
    return kept.file;
  kept.file.reset();  // unmapped before the new one is mapped
  try {
    kept.file = std::make_shared<MappedNpy>(path);
  } catch (const Error& e) {
    throw RunnerError("io", e.what());
  } catch (const std::bad_alloc&) {  // a misaligned file's copy
    throw RunnerError("io", path + ": cannot read: out of memory");
  }
  return kept.file;
}

std::vector<MappedInput> InputMaps::map(const json& inputs, const std::vector<std::string>& names) {
  if (!inputs.is_object())
    throw RunnerError("bad_request", "field 'inputs' is not an object of input name to .npy path");
  for (const auto& [name, path] : inputs.items())
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw RunnerError("bad_request",
                        "model has no input '" + name + "'; its inputs are " + join_quoted(names));
  ++requests_;
  std::vector<MappedInput> mapped;
  mapped.reserve(names.size());
  for (const auto& name : names) {
    if (!inputs.contains(name))
      throw RunnerError("bad_request", "input '" + name + "' is missing; the model's inputs are " +
                                           join_quoted(names));
    const json& path = inputs[name];
    if (!path.is_string())
      throw RunnerError("bad_request", "input '" + name + "' is " + brief(path) +
                                           ", expected the path of a .npy file");
    mapped.push_back({name, map_file(path.get<std::string>())});
  }
  return mapped;
}

}  // namespace onnxbench::runner
