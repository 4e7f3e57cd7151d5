// The client side of the runner protocol (docs/runner-protocol.md): sends one request at a time
// and reads events until the final reply. Whatever happens to the runner process becomes a
// RunnerError; an engine's own refusal (ok: false) becomes an EngineError.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.h"
#include "engines/subprocess.h"

namespace onnxbench {

struct RunnerLimits {
  // The runner is hung when it sends nothing for this long during a request.
  std::chrono::milliseconds inactivity{std::chrono::seconds(120)};
  std::uint64_t memory_bytes = 0;  // resident memory limit; 0 = none
};

// The runner process failed: it crashed, hung, used too much memory, or broke the protocol.
class RunnerError : public Error {
 public:
  enum class Kind { kCrashed, kHung, kOutOfMemory, kProtocol };
  RunnerError(Kind kind, const std::string& message, std::vector<std::string> stderr_tail);
  Kind kind() const { return kind_; }
  const std::vector<std::string>& stderr_tail() const { return stderr_tail_; }

 private:
  Kind kind_;
  std::vector<std::string> stderr_tail_;
};

// The engine refused or failed a request and said why ({"ok": false, "error": {...}}).
class EngineError : public Error {
 public:
  EngineError(std::string kind, const std::string& message, std::string node);
  const std::string& kind() const { return kind_; }  // model, unsupported, io, engine, ...
  const std::string& node() const { return node_; }  // the failing node, when known

 private:
  std::string kind_, node_;
};

class RunnerClient {
 public:
  using EventHandler = std::function<void(const nlohmann::json& event)>;

  // `name` is used in messages ("runner 'opencv' crashed ...").
  RunnerClient(std::string name, const ProcessSpec& spec, RunnerLimits limits);
  ~RunnerClient();

  // Sends {"id": n, "op": op, ...args}, passes events to on_event, returns the final reply.
  nlohmann::json request(const std::string& op, nlohmann::json args = nlohmann::json::object(),
                         const EventHandler& on_event = {});
  RunnerLimits& limits() { return limits_; }
  pid_t pid() const { return process_->pid(); }

 private:
  [[noreturn]] void fail(RunnerError::Kind kind, const std::string& op, const std::string& what);

  std::string name_;
  RunnerLimits limits_;
  std::unique_ptr<Subprocess> process_;
  std::int64_t next_id_ = 1;
};

}  // namespace onnxbench
