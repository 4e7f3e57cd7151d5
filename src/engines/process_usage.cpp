#include "engines/process_usage.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace onnxbench {
namespace {

// The fields of /proc/PID/stat after the parenthesised command name (which may hold spaces and
// parentheses). Empty when the process is gone.
std::vector<std::string> stat_fields(const std::string& dir) {
  // One line. getline, unlike an istreambuf_iterator, turns a read that fails because the process
  // exited after the open (ESRCH; /proc is scanned while processes come and go) into an empty
  // line instead of an exception.
  std::ifstream stat_file(dir + "/stat");
  std::string stat;
  std::getline(stat_file, stat);
  std::vector<std::string> fields;
  const auto close = stat.rfind(')');
  if (close == std::string::npos || close + 2 > stat.size()) return fields;
  std::istringstream rest(stat.substr(close + 2));
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;
}

// Field `n` as proc(5) numbers them (the first after the name is 3); 0 when absent.
double stat_field(const std::vector<std::string>& fields, std::size_t n) {
  return n >= 3 && n - 3 < fields.size() ? std::stod(fields[n - 3]) : 0.0;
}

}  // namespace

ProcessUsage process_usage(pid_t pid) {
  ProcessUsage u;
  const std::string dir = "/proc/" + std::to_string(pid);
  std::ifstream status(dir + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) u.peak_rss_bytes = std::stoull(line.substr(6)) * 1024;
  const auto fields = stat_fields(dir);
  double ticks = 0;
  for (std::size_t n = 14; n <= 17; ++n) ticks += stat_field(fields, n);  // utime .. cstime
  u.cpu_s = ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  return u;
}

std::uint64_t group_resident_bytes(pid_t group) {
  std::uint64_t pages = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto fields = stat_fields(entry.path().string());
    if (fields.size() < 22 || stat_field(fields, 5) != group) continue;  // 5: pgrp
    pages += static_cast<std::uint64_t>(stat_field(fields, 24));         // 24: rss, in pages
  }
  return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace onnxbench
