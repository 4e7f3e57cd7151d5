// The `inputs` of infer, bench and profile: graph input name -> .npy path. Each file is mapped,
// not read (docs/runner-protocol.md, "Tensors"): with onnxbench's work folder in /dev/shm the
// tensor goes from onnxbench to the engine without a copy through a disk or a pipe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/protocol.h"
#include "core/npy.h"

namespace onnxbench::runner {

struct MappedInput {
  std::string name;
  std::shared_ptr<MappedNpy> file;
};

// The inputs' files stay mapped from one request to the next (the last kKept files): onnxbench
// rewrites a tensor's file in place (write_npy), so a request that names a file again maps nothing
// and faults no page in; only its header is read again. Files in use by the current request are
// never the ones let go.
class InputMaps {
 public:
  // Every graph input in `names` must be given, and nothing else; the result is in the order of
  // `names`. Throws RunnerError: bad_request for the request's mistakes, io for unreadable files.
  std::vector<MappedInput> map(const json& inputs, const std::vector<std::string>& names);

 private:
  static constexpr std::size_t kKept = 16;
  struct Kept {
    std::shared_ptr<MappedNpy> file;
    std::uint64_t last_used = 0;
  };
  std::shared_ptr<MappedNpy> map_file(const std::string& path);

  std::map<std::string, Kept> kept_;  // by path
  std::uint64_t requests_ = 0;
};

}  // namespace onnxbench::runner
