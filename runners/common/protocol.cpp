#include "protocol.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "core/error.h"
#include "core/json_fields.h"

namespace onnxbench::runner {
namespace {

int g_out_fd = -1;
std::mutex g_out_mutex;

std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

// The protocol's optional fields may be absent or null.
bool given(const json& object, const char* field) {
  return object.is_object() && object.contains(field) && !object[field].is_null();
}

// Reads through the one JSON field reader; what it refuses is the request's fault.
template <typename Read>
decltype(auto) read_field(const json& object, Read read) {
  try {
    return read(JsonFields(object, "request"));
  } catch (const InputError& e) {
    throw RunnerError("bad_request", e.what());
  }
}

}  // namespace

void Channel::open(const char* program) {
  std::fflush(stdout);
  g_out_fd = ::dup(STDOUT_FILENO);
  if (g_out_fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
    std::fprintf(stderr, "%s: cannot set up the protocol stream\n", program);
    std::_Exit(2);
  }
  std::ios::sync_with_stdio(false);
}

bool Channel::read_line(std::string& line) {
  return static_cast<bool>(std::getline(std::cin, line));
}

void Channel::send(const json& message) {
  std::string text = message.dump(-1, ' ', false, json::error_handler_t::replace);
  text += '\n';
  std::lock_guard lock(g_out_mutex);
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(g_out_fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(3);  // onnxbench is gone: nobody to reply to
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void send_ok(const json& id, json results) {
  json reply = {{"id", id}, {"ok", true}};
  for (auto& [key, value] : results.items()) reply[key] = std::move(value);
  Channel::send(reply);
}

void send_error(const json& id, const std::string& kind, const std::string& message,
                const std::string& node) {
  json error = {{"kind", kind}, {"message", one_line(message)}};
  if (!node.empty()) error["node"] = node;
  Channel::send({{"id", id}, {"ok", false}, {"error", std::move(error)}});
}

void send_event(const json& id, const std::string& event, json fields) {
  json message = {{"id", id}, {"event", event}};
  for (auto& [key, value] : fields.items()) message[key] = std::move(value);
  Channel::send(message);
}

std::string brief(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

const json& require(const json& object, const char* field) {
  return read_field(object, [&](const JsonFields& f) -> const json& { return f.value(field); });
}

std::int64_t get_int(const json& object, const char* field, std::int64_t fallback, std::int64_t min,
                     std::int64_t max) {
  if (!given(object, field)) return fallback;
  return read_field(object, [&](const JsonFields& f) { return f.integer(field, min, max); });
}

double get_number(const json& object, const char* field, double fallback, double min, double max) {
  if (!given(object, field)) return fallback;
  return read_field(object, [&](const JsonFields& f) { return f.number(field, min, max); });
}

std::string get_string(const json& object, const char* field) {
  return read_field(object, [&](const JsonFields& f) { return f.text(field); });
}

const json& get_object(const json& object, const char* field) {
  static const json empty = json::object();
  if (!given(object, field)) return empty;
  return read_field(object, [&](const JsonFields& f) -> const json& {
    if (!f.value(field).is_object())
      f.fail(field, "expected a JSON object, got " + brief(f.value(field)));
    return f.value(field);
  });
}

}  // namespace onnxbench::runner
