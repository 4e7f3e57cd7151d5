// A fresh folder for an engine's tensors and files, removed with the object on every way out: a
// runner that crashed, hung, went over its memory limit or was interrupted leaves nothing.
#pragma once

#include <string>

namespace onnxbench {

class WorkFolder {
 public:
  // Where the folder lives. kMemory: in memory_folder_base() when there is one, so that tensors
  // passed to a runner on this host as .npy files never touch a disk (runner-protocol.md,
  // "Tensors"); $TMPDIR otherwise. kDisk: under $TMPDIR.
  enum class Storage { kDisk, kMemory };

  // Creates <base>/onnxbench-<label>-XXXXXX. Throws Error when it cannot.
  explicit WorkFolder(const std::string& label, Storage storage = Storage::kDisk);
  ~WorkFolder();
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// $ONNXBENCH_MEMORY_DIR (default /dev/shm) when it is a writable tmpfs, else empty.
std::string memory_folder_base();

}  // namespace onnxbench
