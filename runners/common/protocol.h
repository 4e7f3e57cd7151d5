// The runner's side of docs/runner-protocol.md, shared by every runner: JSON lines in on stdin,
// out on stdout.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace onnxbench::runner {

using nlohmann::json;

// The protocol version hello reports (docs/runner-protocol.md).
inline constexpr int kProtocolVersion = 2;

// A request that fails with one of the protocol's error kinds: bad_request, unsupported, model,
// io, engine. `node` names the failing graph node when known.
class RunnerError : public std::runtime_error {
 public:
  RunnerError(std::string kind, const std::string& message, std::string node = {})
      : std::runtime_error(message), kind_(std::move(kind)), node_(std::move(node)) {}
  const std::string& kind() const { return kind_; }
  const std::string& node() const { return node_; }

 private:
  std::string kind_, node_;
};

// Owns the protocol stream. open() moves it off file descriptor 1: the original stdout is kept on
// a private descriptor for protocol lines, and descriptor 1 becomes a copy of stderr, so whatever a
// library prints to stdout (std::cout, printf) lands in stderr instead of breaking the protocol.
class Channel {
 public:
  static void open(const char* program);  // program: for the one line before exiting
  // Reads one request line; false at end of input.
  static bool read_line(std::string& line);
  // Writes one message as a line. Thread-safe; messages never interleave.
  static void send(const json& message);
};

void send_ok(const json& id, json results = json::object());
void send_error(const json& id, const std::string& kind, const std::string& message,
                const std::string& node = {});
void send_event(const json& id, const std::string& event, json fields);

// A JSON value for an error message, cut to 60 characters.
std::string brief(const json& value);

// Argument access that fails with bad_request naming the field.
const json& require(const json& object, const char* field);
std::int64_t get_int(const json& object, const char* field, std::int64_t fallback, std::int64_t min,
                     std::int64_t max);
double get_number(const json& object, const char* field, double fallback, double min, double max);
std::string get_string(const json& object, const char* field);
const json& get_object(const json& object, const char* field);  // missing: empty object

}  // namespace onnxbench::runner
