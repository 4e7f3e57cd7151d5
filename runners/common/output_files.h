// Where `infer` writes its outputs: one .npy per tensor in the request's output_dir.
#pragma once

#include <set>
#include <string>

namespace onnxbench::runner {

// Output file name: characters outside [A-Za-z0-9._-] become '_'.
std::string sanitize_file_name(const std::string& name);

// Creates `dir` (and its parents). Throws RunnerError (io).
void make_output_dir(const std::string& dir);

// A file in one folder per tensor name; two names that sanitize alike get _2, _3, ...
class OutputNames {
 public:
  explicit OutputNames(std::string dir) : dir_(std::move(dir)) {}
  std::string path_for(const std::string& tensor);

 private:
  std::string dir_;
  std::set<std::string> taken_;
};

}  // namespace onnxbench::runner
