// A fixture that several test processes share (a trained model in the build folder), built once
// even when ctest -j runs them at the same time: the first takes a lock and builds it, the others
// wait on the lock and then find it built (issue 22: two eval tests trained the same detector at
// once).
#pragma once

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace onnxbench::testing {

// Runs `command` (a shell command that builds the fixture in `dir`) unless `dir`/`marker`
// exists. Returns whether the marker exists afterwards.
inline bool built_once(const std::string& dir, const std::string& marker,
                       const std::string& command) {
  std::filesystem::create_directories(dir);
  // Not O_CLOEXEC: the build command inherits the lock, so a test killed by its timeout does not
  // let the next one start a second build while the first is still running.
  const int lock = ::open((dir + "/.build-lock").c_str(), O_CREAT | O_RDWR, 0644);
  if (lock < 0) return false;
  ::flock(lock, LOCK_EX);  // released once this process and the command have both let go
  if (!std::filesystem::exists(dir + "/" + marker)) {
    const int status = std::system(command.c_str());
    (void)status;  // the marker says whether it worked
  }
  const bool built = std::filesystem::exists(dir + "/" + marker);
  ::close(lock);
  return built;
}

}  // namespace onnxbench::testing
