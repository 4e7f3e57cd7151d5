#include "engines/process_usage.h"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace onnxbench {

ProcessUsage process_usage(pid_t pid) {
  ProcessUsage u;
  const std::string dir = "/proc/" + std::to_string(pid);
  std::ifstream status(dir + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) u.peak_rss_bytes = std::stoull(line.substr(6)) * 1024;
  std::ifstream stat_file(dir + "/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  // Fields after the parenthesised command name (which may hold spaces): utime is field 14.
  const auto close = stat.rfind(')');
  if (close == std::string::npos) return u;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 17 && rest >> field; ++i)
    if (i >= 14) ticks += std::stod(field);  // utime, stime, cutime, cstime
  u.cpu_s = ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  return u;
}

}  // namespace onnxbench
