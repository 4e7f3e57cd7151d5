// A fresh folder under the temporary directory ($TMPDIR), removed with the object on every way
// out: a runner that crashed, hung, went over its memory limit or was interrupted leaves nothing.
#pragma once

#include <string>

namespace onnxbench {

class WorkFolder {
 public:
  // Creates $TMPDIR/onnxbench-<label>-XXXXXX. Throws Error when it cannot.
  explicit WorkFolder(const std::string& label);
  ~WorkFolder();
  WorkFolder(const WorkFolder&) = delete;
  WorkFolder& operator=(const WorkFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace onnxbench
