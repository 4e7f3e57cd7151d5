#include "devices/probe_script.h"

#include <sstream>

namespace onnxbench {

// key=value lines. On Android, getprop names the release and the SoC; elsewhere /proc does.
std::string probe_script() {
  return R"SH(echo "kernel=$(uname -s) $(uname -r)"
echo "arch=$(uname -m)"
if command -v getprop >/dev/null 2>&1; then
  echo "android=$(getprop ro.build.version.release)"
  echo "soc=$(getprop ro.soc.manufacturer) $(getprop ro.soc.model)"
  echo "platform=$(getprop ro.board.platform)"
fi
echo "cpu=$(grep -m1 -E '^(model name|Hardware|Processor)' /proc/cpuinfo | cut -d: -f2-)"
echo "cores=$(grep -c '^processor' /proc/cpuinfo)"
echo "mem_kb=$(grep -m1 MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2)"
echo "governor=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null)"
for z in /sys/class/thermal/thermal_zone*; do
  [ -r "$z/temp" ] && echo "thermal=$(cat "$z/type" 2>/dev/null)=$(cat "$z/temp" 2>/dev/null)"
done
true
)SH";
}

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Thermal zones report milli-degrees (most) or degrees (a few older drivers).
void add_thermal(DeviceProbe& p, const std::string& value) {
  const auto eq = value.rfind('=');
  if (eq == std::string::npos) return;
  try {
    double t = std::stod(value.substr(eq + 1));
    if (t > 1000 || t < -1000) t /= 1000;
    std::string zone = trim(value.substr(0, eq));
    if (zone.empty()) zone = "zone";
    std::string key = zone;
    for (int n = 1; p.thermal_c.count(key); ++n) key = zone + "#" + std::to_string(n);
    p.thermal_c[key] = t;
  } catch (const std::exception&) {
  }
}

}  // namespace

DeviceProbe parse_probe(const std::string& output) {
  DeviceProbe p;
  std::string android, soc, platform, kernel;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = trim(line.substr(eq + 1));
    try {
      if (key == "kernel") kernel = value;
      if (key == "arch") p.architecture = value;
      if (key == "android") android = value;
      if (key == "soc") soc = value;
      if (key == "platform") platform = value;
      if (key == "cpu") p.cpu = value;
      if (key == "cores" && !value.empty()) p.cores = static_cast<unsigned>(std::stoul(value));
      if (key == "mem_kb" && !value.empty()) p.memory_bytes = std::stoull(value) * 1024;
      if (key == "governor") p.governor = value;
      if (key == "thermal") add_thermal(p, value);
    } catch (const std::exception&) {
    }
  }
  p.os = android.empty() ? kernel : "Android " + android;
  if (!trim(soc).empty())
    p.cpu = trim(soc);
  else if (!platform.empty() && !android.empty())
    p.cpu = platform;
  return p;
}

nlohmann::json to_json(const DeviceProbe& p) {
  return {{"os", p.os},
          {"architecture", p.architecture},
          {"cpu", p.cpu},
          {"cores", p.cores},
          {"memory_bytes", p.memory_bytes},
          {"governor", p.governor},
          {"thermal_c", p.thermal_c}};
}

}  // namespace onnxbench
