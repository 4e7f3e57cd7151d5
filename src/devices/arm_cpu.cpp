#include "devices/arm_cpu.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

namespace onnxbench {
namespace {

// Arm's own cores and the few others common on boards (Arm, NVIDIA, Qualcomm, Apple MIDR codes).
const std::map<std::pair<std::string, std::string>, std::string>& core_names() {
  static const std::map<std::pair<std::string, std::string>, std::string> names{
      {{"0x41", "0xd03"}, "Cortex-A53"},      {{"0x41", "0xd04"}, "Cortex-A35"},
      {{"0x41", "0xd05"}, "Cortex-A55"},      {{"0x41", "0xd07"}, "Cortex-A57"},
      {{"0x41", "0xd08"}, "Cortex-A72"},      {{"0x41", "0xd09"}, "Cortex-A73"},
      {{"0x41", "0xd0a"}, "Cortex-A75"},      {{"0x41", "0xd0b"}, "Cortex-A76"},
      {{"0x41", "0xd0c"}, "Neoverse-N1"},     {{"0x41", "0xd0d"}, "Cortex-A77"},
      {{"0x41", "0xd40"}, "Neoverse-V1"},     {{"0x41", "0xd41"}, "Cortex-A78"},
      {{"0x41", "0xd42"}, "Cortex-A78AE"},    {{"0x41", "0xd44"}, "Cortex-X1"},
      {{"0x41", "0xd46"}, "Cortex-A510"},     {{"0x41", "0xd47"}, "Cortex-A710"},
      {{"0x41", "0xd48"}, "Cortex-X2"},       {{"0x41", "0xd49"}, "Neoverse-N2"},
      {{"0x41", "0xd4b"}, "Cortex-A78C"},     {{"0x41", "0xd4f"}, "Neoverse-V2"},
      {{"0x41", "0xd80"}, "Cortex-A520"},     {{"0x41", "0xd81"}, "Cortex-A720"},
      {{"0x41", "0xd82"}, "Cortex-X4"},       {{"0x4e", "0x004"}, "NVIDIA Carmel"},
      {{"0x51", "0x801"}, "Kryo 2xx Silver"}, {{"0x51", "0x800"}, "Kryo 2xx Gold"},
      {{"0x51", "0x803"}, "Kryo 3xx Silver"}, {{"0x51", "0x805"}, "Kryo 4xx Silver"},
      {{"0x51", "0x804"}, "Kryo 4xx Gold"},   {{"0x61", "0x022"}, "Apple Icestorm"},
      {{"0x61", "0x023"}, "Apple Firestorm"},
  };
  return names;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "CPU part\t: 0xd08" -> "0xd08"; "" for another key.
std::string value_of(const std::string& line, const std::string& key) {
  if (line.rfind(key, 0) != 0) return "";
  const auto colon = line.find(':');
  if (colon == std::string::npos) return "";
  const auto begin = line.find_first_not_of(" \t", colon + 1);
  if (begin == std::string::npos) return "";
  return lower(line.substr(begin, line.find_last_not_of(" \t\r") - begin + 1));
}

}  // namespace

std::string arm_core_name(const std::string& implementer, const std::string& part) {
  const auto it = core_names().find({lower(implementer), lower(part)});
  return it != core_names().end() ? it->second : "implementer " + implementer + " part " + part;
}

std::string arm_cores_summary(const std::string& cpuinfo) {
  std::vector<std::pair<std::string, int>> groups;  // core name, count; first-seen order
  std::istringstream lines(cpuinfo);
  std::string implementer;
  for (std::string line; std::getline(lines, line);) {
    if (const std::string v = value_of(line, "CPU implementer"); !v.empty()) implementer = v;
    const std::string part = value_of(line, "CPU part");
    if (part.empty() || implementer.empty()) continue;
    const std::string name = arm_core_name(implementer, part);
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == name; });
    if (it == groups.end())
      groups.emplace_back(name, 1);
    else
      ++it->second;
  }
  std::string summary;
  for (const auto& [name, count] : groups)
    summary += (summary.empty() ? "" : " + ") + std::to_string(count) + "x " + name;
  return summary;
}

std::string arm_cpu_description(const std::string& board_model, const std::string& cpuinfo) {
  const std::string cores = arm_cores_summary(cpuinfo);
  if (cores.empty()) return "";
  return board_model.empty() ? cores : board_model + " (" + cores + ")";
}

}  // namespace onnxbench
