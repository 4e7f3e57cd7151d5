// A runner's main loop (docs/runner-protocol.md): reads one request line at a time, hands the op to
// the engine and writes the final reply; every failure becomes an error reply of its kind.
#pragma once

#include <exception>
#include <string>
#include <vector>

#include "common/protocol.h"

namespace onnxbench::runner {

struct Request {
  json body;       // the whole request object
  std::string op;  // hello, load, infer, bench, profile, quit
};

// A JSON object with an integer "id" and a string "op". `id` is set as soon as the line shows it,
// so that an error reply carries it. Throws RunnerError.
Request read_request(const std::string& line, json& id);

// The arguments of `load`; `options` are the engine's knob values, parsed by the engine.
struct LoadArgs {
  std::string model;
  int instances = 1;
  json options = json::object();
};
LoadArgs read_load_args(const json& request);

// What hello says about an engine; serve() adds the protocol and runner versions.
struct EngineHello {
  std::string engine, engine_version;
  json knobs;
  std::vector<std::string> input_dtypes, stages;
  bool profile = true, intermediate_outputs = true;
  bool split = false;     // infer takes `split`: several engine calls in one request
  int max_instances = 0;  // > 0: the engine's device, not this host, bounds `instances`
};

// What an engine answers. Each op returns the final reply's results and may send events for `id`;
// it throws RunnerError, or another exception that engine_error() turns into one.
class RunnerOps {
 public:
  virtual ~RunnerOps() = default;
  virtual EngineHello hello() = 0;
  // Loads the model (serve() times it); returns the intra-op threads each session really uses
  // (0: unknown).
  virtual int load(const LoadArgs& args) = 0;
  virtual bool loaded() const = 0;
  virtual json infer(const json& request) = 0;
  virtual json bench(const json& id, const json& request) = 0;
  virtual json profile(const json& id, const json& request) = 0;
  // An exception of the engine's own library, as the protocol's error.
  virtual RunnerError engine_error(const std::exception& e) const {
    return RunnerError("engine", e.what());
  }
};

// Answers requests from stdin until `quit` or the end of input; returns the exit status (0).
// Channel::open() must have run.
int serve(RunnerOps& ops);

}  // namespace onnxbench::runner
