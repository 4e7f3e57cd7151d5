// The bundle: the runner and libonnxruntime.so.1 side by side in one folder
// (build/runners/onnxruntime/), which can be copied to another machine as it is.
#pragma once

#include <string>

namespace onnxbench::runner::ort {

// onnxruntime-node's libonnxruntime.so.1 carries Microsoft's telemetry SDK, which writes
// mat-debug-<pid>.log and .ses into $TMPDIR as soon as the library starts, whatever
// DisableTelemetryEvents says. This points $TMPDIR at a folder of the runner's own for the
// library's lifetime, in the working folder (onnxbench's work folder, which goes on every way
// out) or, where that is not writable, under $TMPDIR; the folder goes when this object does.
class LibraryTmp {
 public:
  LibraryTmp();
  ~LibraryTmp();
  LibraryTmp(const LibraryTmp&) = delete;
  LibraryTmp& operator=(const LibraryTmp&) = delete;

 private:
  std::string path_;
};

// Loads libonnxruntime.so.1 from `folder` (default: the running program's own) and initializes
// the C++ API with it. Returns the library's version; throws std::runtime_error with one line
// that names the path it tried and what to run.
std::string load_onnxruntime(const std::string& folder = "");

}  // namespace onnxbench::runner::ort
