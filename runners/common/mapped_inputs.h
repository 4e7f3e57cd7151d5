// The `inputs` of infer, bench and profile: graph input name -> .npy path. Each file is mapped,
// not read (docs/runner-protocol.md, "Tensors"): with onnxbench's work folder in /dev/shm the
// tensor goes from onnxbench to the engine without a copy through a disk or a pipe.
#pragma once

#include <string>
#include <vector>

#include "common/protocol.h"
#include "core/npy.h"

namespace onnxbench::runner {

struct MappedInput {
  std::string name;
  MappedNpy file;
};

// Every graph input in `names` must be given, and nothing else; the result is in the order of
// `names`. Throws RunnerError: bad_request for the request's mistakes, io for unreadable files.
std::vector<MappedInput> map_inputs(const json& inputs, const std::vector<std::string>& names);

}  // namespace onnxbench::runner
