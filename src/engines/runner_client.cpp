#include "engines/runner_client.h"

#include <sstream>

#include "engines/interrupt.h"
#include "engines/runner_replies.h"

namespace onnxbench {
namespace {

std::string tail_text(const std::vector<std::string>& tail) {
  if (tail.empty()) return "; the runner wrote nothing on stderr";  // one line
  std::string out = "\n  last stderr lines of the runner:";
  for (const auto& line : tail) out += "\n  | " + line;
  return out;
}

std::string seconds_text(std::chrono::milliseconds ms) {
  std::ostringstream out;
  out << ms.count() / 1000.0 << " s";
  return out.str();
}

std::string clip(const std::string& s, std::size_t n) {
  return s.size() <= n ? s : s.substr(0, n) + "...";
}

}  // namespace

RunnerError::RunnerError(Kind kind, const std::string& message,
                         std::vector<std::string> stderr_tail)
    : Error(message + tail_text(stderr_tail)), kind_(kind), stderr_tail_(std::move(stderr_tail)) {}

EngineError::EngineError(std::string kind, const std::string& message, std::string node)
    : Error(message), kind_(std::move(kind)), node_(std::move(node)) {}

RunnerClient::RunnerClient(std::string name, const ProcessSpec& spec, RunnerLimits limits)
    : name_(std::move(name)), limits_(limits), process_(std::make_unique<Subprocess>(spec)) {}

RunnerClient::~RunnerClient() {
  if (process_ && process_->write_line(R"({"id":0,"op":"quit"})"))
    process_->finish(std::chrono::seconds(2));
}

void RunnerClient::fail(RunnerError::Kind kind, const std::string& op, const std::string& what) {
  throw_if_interrupted();  // the runner died because we killed it
  if (kind == RunnerError::Kind::kCrashed) {
    process_->finish(std::chrono::seconds(2));  // let it exit on its own to learn why
  } else {
    process_->kill();
  }
  std::vector<std::string> tail(process_->stderr_tail().begin(), process_->stderr_tail().end());
  const std::string status = process_->exit_description();
  throw RunnerError(kind,
                    "runner '" + name_ + "' " + what + " during '" + op + "' (" + status + ")",
                    std::move(tail));
}

nlohmann::json RunnerClient::request(const std::string& op, nlohmann::json args,
                                     const EventHandler& on_event) {
  const std::int64_t id = next_id_++;
  args["id"] = id;
  args["op"] = op;
  if (!process_->write_line(args.dump()))
    fail(RunnerError::Kind::kCrashed, op, "stopped reading its requests");
  std::string line;
  for (;;) {
    switch (process_->read_line(line, limits_.inactivity, limits_.memory_bytes)) {
      case Subprocess::ReadStatus::kClosed:
        fail(RunnerError::Kind::kCrashed, op, "died");
      case Subprocess::ReadStatus::kTimeout:
        fail(RunnerError::Kind::kHung, op,
             "hung: silent for " + seconds_text(limits_.inactivity) +
                 " (limit set by --runner-timeout)");
      case Subprocess::ReadStatus::kOverMemory:
        fail(RunnerError::Kind::kOutOfMemory, op,
             "went over its memory limit of " + std::to_string(limits_.memory_bytes >> 20) +
                 " MiB (set by --memory-limit)");
      case Subprocess::ReadStatus::kLine:
        break;
    }
    RunnerMessage message = read_runner_message(line, id);
    switch (message.kind) {
      case RunnerMessage::Kind::kNotProtocol:
        fail(RunnerError::Kind::kProtocol, op,
             "wrote a line that is not a protocol message: '" + clip(line, 120) + "'");
      case RunnerMessage::Kind::kNoOk:
        fail(RunnerError::Kind::kProtocol, op,
             "replied without a boolean 'ok': '" + clip(line, 120) + "'");
      case RunnerMessage::Kind::kOtherRequest:
        break;
      case RunnerMessage::Kind::kEvent:
        if (on_event) on_event(message.body);
        break;
      case RunnerMessage::Kind::kOk:
        return std::move(message.body);
      case RunnerMessage::Kind::kRefused:
        throw engine_refusal(message.body);
    }
  }
}

}  // namespace onnxbench
