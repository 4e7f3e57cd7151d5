// Reading a request line before any op runs (docs/runner-protocol.md), apart from main() so that
// the fuzzer reaches it: every malformed request is a bad_request RunnerError.
#pragma once

#include <string>

#include "protocol.h"
#include "session.h"

namespace onnxbench::opencv_runner {

struct Request {
  json body;       // the whole request object
  std::string op;  // hello, load, infer, bench, profile, quit
};

// A JSON object with an integer "id" and a string "op". `id` is set as soon as the line shows it,
// so that an error reply carries it. Throws RunnerError.
Request read_request(const std::string& line, json& id);

// The arguments of `load`.
struct LoadArgs {
  std::string model;
  int instances = 1;
  Options options;
};
LoadArgs read_load_args(const json& request);

}  // namespace onnxbench::opencv_runner
