#include "common/mapped_inputs.h"

#include <algorithm>
#include <new>

#include "core/error.h"
#include "core/text.h"

namespace onnxbench::runner {

std::vector<MappedInput> map_inputs(const json& inputs, const std::vector<std::string>& names) {
  if (!inputs.is_object())
    throw RunnerError("bad_request", "field 'inputs' is not an object of input name to .npy path");
  for (const auto& [name, path] : inputs.items())
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw RunnerError("bad_request",
                        "model has no input '" + name + "'; its inputs are " + join_quoted(names));
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
    try {
      mapped.push_back({name, MappedNpy(path.get<std::string>())});
    } catch (const Error& e) {
      throw RunnerError("io", e.what());
    } catch (const std::bad_alloc&) {  // a misaligned file's copy
      throw RunnerError("io", path.get<std::string>() + ": cannot read: out of memory");
    }
  }
  return mapped;
}

}  // namespace onnxbench::runner
