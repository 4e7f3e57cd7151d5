// Error types shared by every room. Messages are one line and name the file, the field and what
// was expected, so the CLI can print them as they are.
#pragma once

#include <stdexcept>
#include <string>

namespace onnxbench {

// Anything that went wrong; the base of every onnxbench exception.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input (a file, a flag value) is not what was expected.
class InputError : public Error {
 public:
  using Error::Error;
};

}  // namespace onnxbench
