#include <cctype>

#include "devices/transport.h"

namespace onnxbench {
namespace {

const char* const kExpected =
    "expected local, ssh://[user@]host[:port][/workdir] or adb://SERIAL[@HOST:PORT][/workdir]";

// The URL as messages may show it: a password between "user:" and '@' becomes ***.
std::string redacted(const std::string& url) {
  const auto start = url.find("://");
  const auto at = url.find('@', start == std::string::npos ? 0 : start);
  if (start == std::string::npos || at == std::string::npos || url.rfind("adb://", 0) == 0)
    return url;  // an adb serial may hold a colon (HOST:PORT of a device over TCP)
  const auto colon = url.find(':', start + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

[[noreturn]] void refuse(const std::string& url, const std::string& why) {
  throw InputError("device URL '" + redacted(url) + "': " + why + "; " + kExpected);
}

bool all_of_chars(const std::string& s, const std::string& extra) {
  for (unsigned char c : s)
    if (!std::isalnum(c) && extra.find(static_cast<char>(c)) == std::string::npos) return false;
  return !s.empty();
}

int parse_port(const std::string& url, const std::string& text) {
  if (text.empty() || text.size() > 5 || !all_of_chars(text, "") ||
      text.find_first_not_of("0123456789") != std::string::npos)
    refuse(url, "port '" + text + "' is not a number");
  const int port = std::stoi(text);
  if (port < 1 || port > 65535) refuse(url, "port " + text + " is outside 1-65535");
  return port;
}

// "host[:port]" with an optional [IPv6] host.
void parse_host_port(const std::string& url, const std::string& text, std::string& host,
                     int& port) {
  std::string rest = text;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) refuse(url, "unclosed '[' in the host");
    host = rest.substr(1, close - 1);
    rest = rest.substr(close + 1);
    if (!all_of_chars(host, ":.%")) refuse(url, "bad IPv6 address '" + host + "'");
    if (rest.empty()) return;
    if (rest.front() != ':') refuse(url, "unexpected '" + rest + "' after the host");
    port = parse_port(url, rest.substr(1));
    return;
  }
  const auto colon = rest.rfind(':');
  host = rest.substr(0, colon);
  if (colon != std::string::npos) port = parse_port(url, rest.substr(colon + 1));
  if (!all_of_chars(host, ".-_")) refuse(url, "bad host '" + host + "'");
}

// Splits "authority/workdir": the workdir keeps its leading '/'.
std::pair<std::string, std::string> split_path(const std::string& rest) {
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return {rest, ""};
  return {rest.substr(0, slash), rest.substr(slash)};
}

void check_workdir(const std::string& url, const std::string& workdir) {
  for (unsigned char c : workdir)
    if (std::iscntrl(c) || c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`')
      refuse(url, "the work folder '" + workdir + "' holds a character a shell would interpret");
}

DeviceUrl parse_ssh(const std::string& url, const std::string& rest) {
  DeviceUrl d;
  d.kind = DeviceUrl::Kind::kSsh;
  auto [authority, workdir] = split_path(rest);
  if (const auto at = authority.rfind('@'); at != std::string::npos) {
    d.user = authority.substr(0, at);
    if (d.user.find(':') != std::string::npos)
      refuse(url, "a password in a device URL is refused (use keys or an ssh agent)");
    if (!all_of_chars(d.user, ".-_")) refuse(url, "bad user name '" + d.user + "'");
    authority = authority.substr(at + 1);
  }
  parse_host_port(url, authority, d.host, d.port);
  check_workdir(url, workdir);
  d.workdir = workdir.size() > 1 ? workdir : "";
  return d;
}

DeviceUrl parse_adb(const std::string& url, const std::string& rest) {
  DeviceUrl d;
  d.kind = DeviceUrl::Kind::kAdb;
  auto [authority, workdir] = split_path(rest);
  std::string server;
  if (const auto at = authority.find('@'); at != std::string::npos) {
    server = authority.substr(at + 1);
    authority = authority.substr(0, at);
    if (server.empty()) refuse(url, "nothing after '@' (the adb server's HOST:PORT)");
    parse_host_port(url, server, d.host, d.port);
  }
  d.serial = authority;
  if (!all_of_chars(d.serial, ".-_:")) refuse(url, "bad or missing serial '" + d.serial + "'");
  check_workdir(url, workdir);
  d.workdir = workdir.size() > 1 ? workdir : "";
  return d;
}

std::string host_text(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

DeviceUrl DeviceUrl::parse(const std::string& url) {
  if (url == "local") return DeviceUrl{};
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) refuse(url, "no scheme");
  const std::string scheme = url.substr(0, scheme_end);
  const std::string rest = url.substr(scheme_end + 3);
  if (scheme == "ssh") return parse_ssh(url, rest);
  if (scheme == "adb") return parse_adb(url, rest);
  refuse(url, "unknown scheme '" + scheme + "'");
}

std::string DeviceUrl::str() const {
  switch (kind) {
    case Kind::kLocal:
      return "local";
    case Kind::kSsh:
      return "ssh://" + (user.empty() ? "" : user + "@") + host_text(host) +
             (port ? ":" + std::to_string(port) : "") + workdir;
    case Kind::kAdb:
      return "adb://" + serial +
             (host.empty() && !port ? ""
                                    : "@" + host_text(host.empty() ? "localhost" : host) + ":" +
                                          std::to_string(port ? port : 5037)) +
             workdir;
  }
  return "local";
}

std::string DeviceUrl::kind_name() const {
  switch (kind) {
    case Kind::kSsh:
      return "ssh";
    case Kind::kAdb:
      return "adb";
    default:
      return "local";
  }
}

}  // namespace onnxbench
